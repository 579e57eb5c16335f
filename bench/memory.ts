/**
 * Resident memory of the current process. Peak RSS comes from getrusage (`maxRSS`), which on
 * Linux can be reset to the current RSS by writing 5 to /proc/self/clear_refs (since Linux 4.0):
 * a benchmark child loads its corpus, collects garbage, resets the peak, and then the peak it
 * reports is the one reached while its contender ran (the resident corpus included).
 */
import { writeFileSync } from 'node:fs';

/** Resets the process's peak RSS to its current RSS; false where the kernel does not allow it. */
export function resetPeakRss(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak resident set size of this process, bytes (since start or the last reset). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function rssBytes(): number {
  return process.memoryUsage.rss();
}

/** Full garbage collection when the process runs with --expose-gc (benchmark children do). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
