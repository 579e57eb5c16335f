/** `scrape-clean clean <file|dir|->... [--out <dir>]`: see ../clean/run.ts. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { RegisterCommand } from './index.js';
import { DEFAULT_CLEAN_OPTIONS } from '../../core/options.js';
import { EXIT } from '../exit-codes.js';
import { CLEAN_DEFAULTS } from '../clean/defaults.js';
import { parseOutputFormats, type OutputFormat } from '../../core/render/index.js';

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

/** The formats of `--format`: comma-separated, the option repeatable; `md` and `txt` name markdown and text. */
function formatList(value: string, previous: OutputFormat[] | undefined): OutputFormat[] {
  let formats: OutputFormat[];
  try {
    formats = parseOutputFormats(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  const out = [...(previous ?? [])];
  for (const format of formats) if (!out.includes(format)) out.push(format);
  if (out.length === 0) throw new InvalidArgumentError('expected json, markdown (md) or text (txt)');
  return out;
}

interface CleanFlags {
  out?: string;
  format?: OutputFormat[];
  captions?: boolean;
  name?: string;
  contentType?: string;
  concurrency?: number;
  workers?: number;
  validate?: boolean;
  explain?: boolean;
  pretty?: boolean;
  progress: boolean;
  quiet?: boolean;
  timeBudget?: number;
  maxBytes?: number;
  split?: boolean;
  failOnEmpty?: boolean;
}

export const registerClean: RegisterCommand = (program, setExitCode, io) => {
  program
    .command('clean')
    .description('clean scrapes into JSON documents: one <name>.json per input under --out (or <name>.error.json when it fails); a WARC file (.warc, .warc.gz) becomes <name>.jsonl.gz')
    .argument('<inputs...>', 'files, directories (every file under them, hidden ones skipped) or - for standard input')
    .option('-o, --out <dir>', 'write <dir>/<input path without .gz/.html/.htm/.txt>.json per input; without it, one input\'s document goes to standard output')
    .option('-f, --format <formats>', 'what to write per document: json, markdown (.md), text (.txt); several side by side, comma-separated or repeated (default: json)', formatList)
    .option('--captions', 'Markdown and text include the caption segments (default: the body alone)')
    .option('--name <name>', `name of standard input, whose extension tells HTML from text (default: "${CLEAN_DEFAULTS.stdinName}", sniffed)`)
    .option('--content-type <type>', 'content type of the inputs, e.g. "text/html; charset=shift_jis" (default: from the name and the bytes)')
    .option('-j, --concurrency <n>', 'inputs in flight at once (default: 2 per worker)', integer(1))
    .option('--workers <n>', `worker threads that clean; 0 cleans on the main thread (default: one per core from ${CLEAN_DEFAULTS.minInputsForWorkers} inputs, else 0)`, integer(0))
    .option('--validate', 'check each document against the schema; one that breaks it becomes an INVALID_DOCUMENT error record')
    .option('--split', 'WARC files: one <out>/<name>/<record index>.json per record instead of one <out>/<name>.jsonl.gz')
    .option('--fail-on-empty', 'a page without body text (quality warning NO_BODY) fails: a NO_BODY error record instead of its document, and exit status 1')
    .option('--explain', 'include the dropped page chrome in each document (field "dropped")')
    .option('--pretty', 'indent the JSON (default on a terminal, off in files and pipes)')
    .option('--no-pretty', 'do not indent the JSON')
    .option('--no-progress', 'no progress bar (it is shown only on a terminal anyway)')
    .option('-q, --quiet', 'print only failures: no progress bar, no summary line')
    .addOption(new Option('--time-budget <ms>', 'per-document time limit in milliseconds').argParser(integer(1)).default(DEFAULT_CLEAN_OPTIONS.timeBudgetMs))
    .addOption(new Option('--max-bytes <n>', 'largest input in bytes, after gunzip').argParser(integer(1)).default(DEFAULT_CLEAN_OPTIONS.maxBytes))
    .addHelpText(
      'after',
      `
Exit status: ${EXIT.OK} when every input was cleaned, ${EXIT.FAILURES} when some failed (each has its .error.json; with --fail-on-empty, a page without body text too), ${EXIT.USAGE} for bad usage.

Examples:
  scrape-clean clean page.html                      print the document of one page
  scrape-clean clean scrapes/ --out clean/          clean a tree, keeping its layout
  curl -s https://example.com | scrape-clean clean - --name example.html
  scrape-clean clean page.txt.gz --validate --explain --pretty
  scrape-clean clean page.html --format markdown    print the page's body as Markdown
  scrape-clean clean scrapes/ --out clean/ --format json,md,txt   page.json, page.md and page.txt side by side
  scrape-clean clean crawl.warc.gz --out clean/     clean/crawl.jsonl.gz: a document or error record per line`,
    )
    .action(async (inputs: string[], flags: CleanFlags, command: Command) => {
      const toStdout = flags.out === undefined;
      if (flags.name !== undefined && !inputs.includes('-')) {
        command.error('error: --name names standard input: give - among the inputs', { exitCode: EXIT.USAGE, code: 'scrape-clean.usage' });
      }
      // The core and the run are loaded once the arguments are known to be good (not for --help).
      const { runClean, UsageError } = await import('../clean/run.js');
      try {
        const code = await runClean(
          {
            operands: inputs,
            outDir: flags.out ?? null,
            stdinName: flags.name ?? CLEAN_DEFAULTS.stdinName,
            contentType: flags.contentType ?? null,
            workers: flags.workers,
            concurrency: flags.concurrency,
            validate: flags.validate ?? false,
            explain: flags.explain ?? false,
            pretty: flags.pretty ?? (toStdout && io.stdout.isTTY === true),
            progress: flags.progress,
            quiet: flags.quiet ?? false,
            timeBudgetMs: flags.timeBudget,
            maxBytes: flags.maxBytes,
            split: flags.split ?? false,
            failOnEmpty: flags.failOnEmpty ?? false,
            formats: flags.format ?? ['json'],
            captions: flags.captions ?? false,
          },
          io,
        );
        setExitCode(code);
      } catch (error) {
        if (error instanceof UsageError) command.error(`error: ${error.message}`, { exitCode: EXIT.USAGE, code: 'scrape-clean.usage' });
        throw error;
      }
    });
};
