/**
 * `scrape-clean inspect <file|dir> [--out report.html|dir] [--open] [--compare gold.json]`:
 * cleans each page with `explain` and writes the inspect report (src/inspect) of it: for a file,
 * one HTML file; for a directory, one report per page (named like `clean`'s outputs, with
 * `.inspect.html`) and an index.html, worst pages first. Pages are cleaned one after the other
 * on the main thread: the reports are for reading, a few pages or a corpus at a time.
 */
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import { clean, errorRecord, outputKeyFor, type CleanDocument } from '../../core/index.js';
import { DEFAULT_CLEAN_OPTIONS } from '../../core/options.js';
import { isWarcName } from '../../core/warc/names.js';
import type { GoldPage } from '../../eval/score.js';
import { checkGold, goldEntryFor, GoldFileError, parseGoldFile, renderErrorReport, renderIndex, renderReport, type FailedPage, type IndexEntry } from '../../inspect/index.js';
import { expandInputs, readInputFile, UsageError, type InputFile } from '../clean/inputs.js';
import { makeOutputDirectory } from '../clean/files.js';
import { startProgress } from '../clean/progress.js';
import { EXIT } from '../exit-codes.js';
import { printable, printableText, type CliIo } from '../io.js';
import { makeDirectory } from '../make-directory.js';

/** File name suffix of a report, after the stem `clean` gives the page's JSON (`page.html.gz` → `page.inspect.html`). */
export const REPORT_SUFFIX = '.inspect.html';
export const INDEX_NAME = 'index.html';
/** Where a directory's reports go without --out. */
export const DEFAULT_REPORT_DIR = 'inspect-report';

export interface InspectFlags {
  readonly out?: string;
  readonly open?: boolean;
  readonly compare?: string;
  readonly progress?: boolean;
}

/** `a/b/page.html.gz` → `a/b/page.inspect.html`: the stem of the page's clean output. */
export function reportNameFor(key: string): string {
  return outputKeyFor(key).replace(/\.json$/, '') + REPORT_SUFFIX;
}

/** Report names for a directory's inputs, unique and never `index.html`: a stem shared by two inputs (page.html, page.txt) falls back to the full name. */
export function reportNames(keys: readonly string[]): string[] {
  const taken = new Set<string>([INDEX_NAME]);
  const stems = keys.map(reportNameFor);
  const shared = new Set(stems.filter((s, i) => stems.indexOf(s) !== i));
  return keys.map((key, i) => {
    let name = shared.has(stems[i]!) ? key + REPORT_SUFFIX : stems[i]!;
    for (let n = 2; taken.has(name); n++) name = `${key}.${n}${REPORT_SUFFIX}`;
    taken.add(name);
    return name;
  });
}

/** The platform's opener: xdg-open on Linux and the BSDs, open on macOS, start (through cmd) on Windows. */
export function openerFor(platform: NodeJS.Platform): { command: string; args: (target: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (t) => [t] };
  if (platform === 'win32') return { command: 'cmd', args: (t) => ['/c', 'start', '""', t] };
  return { command: 'xdg-open', args: (t) => [t] };
}

/** Opens a file with the platform's opener, detached; resolves to null once started, or to why it could not be. */
export function openWithPlatformOpener(target: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const opener = openerFor(platform);
  return new Promise((done) => {
    let child;
    try {
      child = spawn(opener.command, opener.args(target), { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' });
    } catch (error) {
      done(`${opener.command}: ${(error as Error).message}`);
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) => { done(error.code === 'ENOENT' ? `${opener.command} is not installed` : `${opener.command}: ${error.message}`); });
    child.once('spawn', () => {
      child.unref();
      done(null);
    });
  });
}

async function loadGold(path: string): Promise<Record<string, GoldPage>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the gold file ${path}: ${(error as Error).message}`);
  }
  try {
    return parseGoldFile(text, path);
  } catch (error) {
    if (error instanceof GoldFileError) throw new UsageError(error.message);
    throw error;
  }
}

type Inspected = { document: CleanDocument; failure?: undefined } | { document?: undefined; failure: FailedPage };

async function inspectPage(input: InputFile): Promise<Inspected> {
  let bytes: Uint8Array | null = null;
  if (isWarcName(input.name)) {
    // Many pages in one file: a report is of one page.
    const message = `a WARC file holds many pages and a report shows one: \`scrape-clean clean ${input.display} --split --out <dir>\` cleans each of them`;
    return { failure: { name: input.name, bytes: null, code: 'BINARY_INPUT', message } };
  }
  try {
    // The core's limit, before the bytes are all in memory (a pipe or a device named as the page is read up to it).
    bytes = await readInputFile(input, DEFAULT_CLEAN_OPTIONS.maxBytes);
    return { document: clean({ bytes, name: input.name }, { explain: true }) };
  } catch (error) {
    const record = errorRecord(error, { name: input.name, bytes: bytes?.length ?? null });
    return { failure: { name: input.name, bytes: record.source.bytes, code: record.error.code, message: record.error.message } };
  }
}

async function writeReport(path: string, text: string): Promise<void> {
  await makeDirectory(dirname(path));
  await writeFile(path, text);
}

const isDirectory = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/** Refuses to write a report over one of the inputs (`inspect pages --out pages` with a page named like a report). */
function guardInputs(inputs: readonly InputFile[], outputs: readonly string[]): void {
  const read = new Set(inputs.map((i) => resolve(i.path!)));
  const clash = outputs.find((o) => read.has(resolve(o)));
  if (clash) throw new UsageError(`the report ${clash} would overwrite an input: choose another --out`);
}

export async function runInspect(operand: string, flags: InspectFlags, io: CliIo): Promise<number> {
  if (operand === '-') throw new UsageError('inspect reads files and directories, not standard input');
  const gold = flags.compare === undefined ? null : await loadGold(flags.compare);
  const goldSource = flags.compare;
  const directory = await isDirectory(operand);
  const outDir = directory ? (flags.out ?? DEFAULT_REPORT_DIR) : null;
  if (outDir !== null && (await stat(outDir).then((s) => !s.isDirectory(), () => false))) throw new UsageError(`--out ${outDir} is a file: a directory's reports need a directory`);
  const inputs = await expandInputs([operand], { outDir, stdinName: 'stdin' });
  const goldOf = (input: InputFile) => (gold ? (goldEntryFor(gold, input.name)?.page ?? undefined) : undefined);

  if (!directory) {
    const input = inputs[0]!;
    const out = flags.out === undefined ? reportNameFor(input.key) : (await isDirectory(flags.out)) || /[\\/]$/.test(flags.out) ? join(flags.out, reportNameFor(input.key)) : flags.out;
    guardInputs(inputs, [out]);
    await makeOutputDirectory(dirname(out), 'the report\'s directory');
    const result = await inspectPage(input);
    const page = goldOf(input);
    await writeReport(out, result.document ? renderReport(result.document, { gold: page, goldSource }) : renderErrorReport(result.failure));
    if (result.failure) io.stderr.write(`scrape-clean: ${printable(input.display)}: ${result.failure.code}: ${printableText(result.failure.message)}\n`);
    const score = result.document && page ? renderedScore(result.document, page) : gold ? ' (no gold labels for this page)' : '';
    io.stdout.write(`${printable(out)}${score}\n`);
    await maybeOpen(flags, out, io);
    return result.failure ? EXIT.FAILURES : EXIT.OK;
  }

  const names = reportNames(inputs.map((i) => i.key));
  const paths = names.map((n) => join(outDir!, n));
  guardInputs(inputs, [...paths, join(outDir!, INDEX_NAME)]);
  await makeOutputDirectory(outDir!);
  const progress = await startProgress(io.stderr, inputs.length, flags.progress ?? true);
  const entries: IndexEntry[] = [];
  const labelled = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    const result = await inspectPage(input);
    const entry = gold ? goldEntryFor(gold, input.name) : null;
    if (entry) labelled.add(entry.pageId);
    await writeReport(paths[i]!, result.document ? renderReport(result.document, { gold: entry?.page, goldSource }) : renderErrorReport(result.failure));
    // The index needs a page's segments only to check its gold labels: drop the rest from memory.
    const kept = result.document && !entry ? { ...result.document, segments: [], dropped: [], bodyText: '' } : result.document;
    entries.push({ name: input.key, report: names[i]!, document: kept, failure: result.failure, gold: entry?.page });
    progress.advance(result.failure !== undefined);
  }
  progress.stop();
  const notInspected = gold ? Object.keys(gold).filter((id) => !labelled.has(id)) : [];
  const index = join(outDir!, INDEX_NAME);
  await writeReport(index, renderIndex(entries, { input: operand, goldSource, goldPagesNotInspected: notInspected }));
  const failed = entries.filter((e) => e.failure);
  for (const f of failed) io.stderr.write(`scrape-clean: ${printable(f.failure!.name)}: ${f.failure!.code}: ${printableText(f.failure!.message)}\n`);
  const wrong = gold ? entries.reduce((sum, e) => sum + (e.gold && e.document ? countWrong(e) : 0), 0) : 0;
  io.stdout.write(
    `${index}: ${inputs.length} ${inputs.length === 1 ? 'report' : 'reports'}${failed.length ? `, ${failed.length} not cleaned` : ''}` +
      (gold ? `; gold: ${labelled.size} labelled ${labelled.size === 1 ? 'page' : 'pages'}, ${wrong} wrong ${wrong === 1 ? 'snippet' : 'snippets'}` : '') +
      '\n',
  );
  await maybeOpen(flags, index, io);
  return failed.length ? EXIT.FAILURES : EXIT.OK;
}

function renderedScore(document: CleanDocument, page: GoldPage): string {
  const check = checkGold(document, page);
  return ` (gold: ${check.right} of ${check.labels.length} snippets right)`;
}

function countWrong(entry: IndexEntry): number {
  return checkGold(entry.document!, entry.gold!).wrong;
}

async function maybeOpen(flags: InspectFlags, target: string, io: CliIo): Promise<void> {
  if (!flags.open) return;
  const problem = await openWithPlatformOpener(resolve(target));
  if (problem) io.stderr.write(`scrape-clean: could not open the report (${problem}); it is at ${resolve(target)}\n`);
}

export const registerInspect: RegisterCommand = (program, setExitCode, io) => {
  program
    .command('inspect')
    .description('write an HTML report of how each segment of a page was classified (a directory: one report per page and an index.html)')
    .argument('<input>', 'a scrape file (HTML or text, gzipped or not) or a directory (every file under it, hidden ones skipped)')
    .option('-o, --out <path>', `report file for a file (default: ./<name>${REPORT_SUFFIX}; a directory puts it there), directory for a directory (default: ./${DEFAULT_REPORT_DIR})`)
    .option('--open', 'open the report (or the index) with the platform opener (xdg-open, open, start) when there is one')
    .option('--compare <gold.json>', 'gold labels, as in segments-dev.json ({pageId: {labels: [{class, text}]}}, page id = file name without .gz): mark each snippet right or wrong')
    .option('--no-progress', 'no progress bar (it is shown only on a terminal anyway)')
    .addHelpText(
      'after',
      `
Reports are self-contained HTML: inline CSS, no script, no request; the page's text is shown as text.
Exit status: ${EXIT.OK} when every page was cleaned, ${EXIT.FAILURES} when some were not (their reports say why), ${EXIT.USAGE} for bad usage.

Examples:
  scrape-clean inspect page.html.gz --open
  scrape-clean inspect scrapes/ --out reports/ --compare gold.json`,
    )
    .action(async (operand: string, flags: InspectFlags, command: Command) => {
      try {
        setExitCode(await runInspect(operand, flags, io));
      } catch (error) {
        if (error instanceof UsageError) command.error(`error: ${error.message}`, { exitCode: EXIT.USAGE, code: 'scrape-clean.usage' });
        throw error;
      }
    });
};
