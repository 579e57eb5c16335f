/**
 * Notices when whatever started this process is gone, so `npm run dev` never leaves an orphan
 * serving its port. `npm run dev` is npm → sh -c → node: a `kill -9` of npm reaches neither
 * child, and the server would keep the port (and its directory's lock) for good.
 *
 * A process whose parent dies is handed to another (init, or a subreaper): its parent id
 * changes, zombie or not. So the ids of the parent and, through the `sh -c` wrappers that
 * package managers put in between, of the process that started them are noted at start and
 * looked at again every `intervalMs`. On Linux the chain is read from /proc; elsewhere only the
 * direct parent is watched (process.ppid).
 */
import { readFileSync } from 'node:fs';

/** Programs that run a script for someone else: their death leaves the wrapper behind. */
const WRAPPER_COMMANDS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'busybox']);
/** How far up the chain to look (npm → sh → node is two links). */
const MAX_LINKS = 4;

interface ProcessInfo {
  readonly ppid: number;
  readonly command: string;
  readonly args: readonly string[];
}

function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command is in parentheses and may itself hold spaces or parentheses: the last ')' ends it.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return Number.isInteger(ppid) ? { ppid, command, args } : null;
  } catch {
    return null;
  }
}

/** A non-interactive shell that only runs one command line for its own parent (`sh -c "…"`). */
function isWrapper(info: ProcessInfo): boolean {
  return WRAPPER_COMMANDS.has(info.command) && info.args.includes('-c');
}

/** The links `[child, parent]` to watch, from this process up to the first that is not a wrapper. */
export function ancestryToWatch(pid: number = process.pid, parent: number = process.ppid, read: (pid: number) => ProcessInfo | null = processInfo): Array<readonly [number, number]> {
  const links: Array<readonly [number, number]> = [[pid, parent]];
  let current = parent;
  for (let i = 1; i < MAX_LINKS; i++) {
    const info = read(current);
    if (!info || !isWrapper(info) || info.ppid <= 1) break;
    links.push([current, info.ppid]);
    current = info.ppid;
  }
  return links;
}

/**
 * Calls `onGone` once when a watched ancestor has died (a link's child now has another
 * parent). Returns a function that stops watching. The timer does not keep the process alive.
 */
export function watchAncestors(onGone: () => void, intervalMs = 500): () => void {
  const links = ancestryToWatch();
  const parentOf = (pid: number): number | null => (pid === process.pid ? process.ppid : (processInfo(pid)?.ppid ?? null));
  const timer = setInterval(() => {
    for (const [child, parent] of links) {
      const now = parentOf(child);
      // A wrapper that has exited itself (null) has stopped its command too: its parent is gone or going.
      if (now !== parent) {
        clearInterval(timer);
        onGone();
        return;
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
