/**
 * Progress of `scrape-clean reprocess`: a bar on a terminal, plain lines elsewhere (with a fake
 * clock), and the line's arithmetic (rate, time left, a total still growing while listing).
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine, startReprocessProgress } from '../../src/backfill/progress.js';
import { backoffMs } from '../../src/backfill/run.js';
import { captureIo } from '../cli/io.js';

describe('progressLine', () => {
  it('gives the rate and the time left of a complete listing', () => {
    expect(progressLine({ done: 250, total: 500, complete: true, failed: 3, elapsedMs: 2_000 })).toBe('250/500 objects (50%) · 125.0 objects/s · 2 s left · 3 failed');
  });

  it('marks a total that is still growing', () => {
    expect(progressLine({ done: 100, total: 1000, complete: false, failed: 0, elapsedMs: 10_000 })).toBe(
      '100/1000+ objects (10% of those listed) · 10.0 objects/s · 1 min 30 s left (listing goes on) · 0 failed',
    );
  });

  it('formats durations', () => {
    expect([formatDuration(0.4), formatDuration(59), formatDuration(61), formatDuration(3 * 3600 + 125), formatDuration(Infinity)]).toEqual(['0 s', '59 s', '1 min 1 s', '3 h 2 min', '?']);
  });
});

describe('startReprocessProgress', () => {
  it('without a terminal, writes a plain line at most every interval', () => {
    const io = captureIo();
    let now = 0;
    const progress = startReprocessProgress(io.stderr, { enabled: true, plainEveryMs: 5_000, now: () => now });
    progress.listed(10, true);
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      progress.advance(i === 3);
    }
    progress.stop();
    expect(io.err().trim().split('\n')).toEqual([
      'reprocess: 5/10 objects (50%) · 1.0 objects/s · 5 s left · 1 failed',
      'reprocess: 10/10 objects (100%) · 1.0 objects/s · 0 s left · 1 failed',
    ]);
  });

  it('on a terminal, draws a bar with the rate and the time left, cleared at the end', () => {
    const io = captureIo({ stderrTTY: true });
    const progress = startReprocessProgress(io.stderr, { enabled: true });
    progress.listed(4, false);
    progress.advance(false);
    progress.listed(8, true);
    progress.set(6, 1);
    progress.stop();
    // The first frame (the bar redraws at most 5 times a second) and the last.
    expect(io.err()).toMatch(/ 0% · 0\/0\+ objects · [\d.]+\/s · 0 failed/);
    expect(io.err()).toMatch(/6\/8 objects · [\d.]+\/s · 1 failed · .* left/);
  });

  it('is silent when disabled', () => {
    const io = captureIo({ stderrTTY: true });
    const progress = startReprocessProgress(io.stderr, { enabled: false });
    progress.listed(3, true);
    progress.advance(true);
    progress.stop();
    expect(io.err()).toBe('');
  });
});

describe('backoff', () => {
  it('doubles at each attempt, with full jitter', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, 1_000, () => 0.999))).toEqual([999, 1998, 3996]);
    expect(backoffMs(3, 1_000, () => 0)).toBe(0);
  });
});
