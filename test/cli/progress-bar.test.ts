/** The progress bars fit the terminal: the line never reaches its last column (issue 16: 81 characters at 80 were cut). */
import { describe, expect, it } from 'vitest';
import { progressText } from '../../src/cli/clean/progress.js';
import { BAR_DEFAULTS, fitLine, formatDuration } from '../../src/cli/progress-bar.js';
import { startReprocessProgress } from '../../src/backfill/progress.js';
import { captureIo } from './io.js';

const glyphs = { complete: '█', incomplete: '░' };

describe('fitLine', () => {
  it('gives the bar what the text leaves of columns - 1, at most the widest bar', () => {
    const text = progressText(450, 1000, 2, formatDuration(12));
    expect(text).toBe(' 45% · 450/1000 files · 2 failed · 12 s left');
    const line = fitLine(0.45, text, 80, glyphs);
    expect(line.length).toBe(79);
    expect(line.startsWith('█'.repeat(16) + '░')).toBe(true);
    expect(fitLine(0.45, text, 200, glyphs).length).toBe(BAR_DEFAULTS.maxWidth + text.length);
    expect(fitLine(0.45, text, 60, glyphs).length).toBe(59);
  });

  it('stays within 80 columns for the longest text of a big run, and drops the bar before cutting the text', () => {
    const longest = progressText(999_999, 1_000_000, 999_999, formatDuration(3600 * 99 + 59 * 60));
    expect(fitLine(0.99, longest, 80, glyphs).length).toBeLessThanOrEqual(79);
    const narrow = fitLine(0.5, longest, 40, glyphs);
    expect(narrow.length).toBeLessThanOrEqual(39);
    expect(narrow).not.toContain('█');
  });
});

describe('bars drawn on an 80-column terminal', () => {
  /** The frames a bar wrote, without cursor and line-clearing escapes. */
  const frames = (written: string): string[] =>
    written
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '\n')
      .split(/[\r\n]+/)
      .filter((line) => line.includes('%'));

  it('reprocess: every frame is under 80 characters, however large the counts', () => {
    const io = captureIo({ stderrTTY: true, columns: 80 });
    const progress = startReprocessProgress(io.stderr, { enabled: true });
    progress.listed(123_456_789, false);
    progress.set(98_765_432, 1_234_567);
    progress.stop();
    const drawn = frames(io.err());
    expect(drawn.length).toBeGreaterThan(0);
    for (const frame of drawn) expect(frame.length, frame).toBeLessThan(80);
  });
});
