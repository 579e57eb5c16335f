/**
 * The table the local pipeline prints: one row per object, with what it became.
 */
import type { SegmentType } from '../core/schema.js';
import { countWords } from '../core/words.js';
import { warcSummaryLine } from '../core/warc/clean-warc.js';
import type { OutputState } from './pipeline.js';
import { printable, printableText } from '../cli/io.js';

const CLASSES: readonly SegmentType[] = ['body', 'caption', 'ad', 'legal'];

/** Terminal columns of a string: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** One row per raw key; `durations` holds the time the core took to clean each key, when known. */
export function formatOutputTable(states: readonly OutputState[], durations: ReadonlyMap<string, number> = new Map()): string {
  const header = ['object', 'format', ...CLASSES, 'words', 'ms'];
  const align: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const state of states) {
    const key = printable(state.key);
    const ms = durations.has(state.key) ? String(Math.round(durations.get(state.key)!)) : '-';
    switch (state.kind) {
      case 'document': {
        const { source, stats, bodyText } = state.document;
        const format = [source.format, source.encoding, source.compression].filter(Boolean).join(' ');
        rows.push([key, format, ...CLASSES.map((c) => String(stats.segments[c])), String(countWords(bodyText)), ms]);
        break;
      }
      case 'replaced':
        rows.push([key, 'replaced', '-', '-', '-', '-', '-', ms]);
        notes.push(`${key}: its output ${printable(state.outputKey)} was written for ${printable(state.by)} (raw keys that differ only by extension share one output name)`);
        break;
      case 'warc':
        // Its pages are lines of one file: what its records became is the note.
        rows.push([key, 'warc', '-', '-', '-', '-', '-', ms]);
        notes.push(warcSummaryLine(key, state.manifest.counts));
        break;
      case 'error-record':
        rows.push([key, `error ${state.record.error.code}`, '-', '-', '-', '-', '-', ms]);
        notes.push(`${key}: ${state.record.error.code}: ${printableText(state.record.error.message)}`);
        break;
      case 'dead-lettered':
        rows.push([key, 'dead-lettered', '-', '-', '-', '-', '-', ms]);
        notes.push(`${key}: failed ${state.receiveCount} times and was moved to the dead-letter queue`);
        break;
      case 'missing':
        rows.push([key, 'missing', '-', '-', '-', '-', '-', ms]);
        notes.push(`${key}: no document, no error record, no dead letter`);
        break;
    }
  }
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!, align[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
