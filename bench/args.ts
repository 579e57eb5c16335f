/** Command line of `npm run bench`. */
import { parseArgs } from 'node:util';
import { CONTENDERS } from './contenders.js';
import { SCALING_SIZES } from './synthetic.js';

export const USAGE = `usage: npm run bench -- [mode] [options]

modes (one per run):
  --corpus <dir>         throughput on every .html/.htm/.txt(.gz) file of <dir> (default mode)
  --scaling              one synthetic page per size, time and peak memory per size
  --cold-start           bundle the Lambda handler like NodejsFunction, size + cold import + first document

options:
  --limit N              first N corpus files (sorted by path) only
  --passes N             timed passes per contender (default 3; warm-up pass not counted)
  --warmup N             warm-up passes (default 1)
  --slices N             slices of the corpus a pass is run in, the contenders taking turns slice by slice (default 10)
  --contenders a,b       contenders to run (${CONTENDERS.map((c) => c.id).join(', ')})
                         default: all for --corpus; ours,htmlparser2 for --scaling
  --sizes 100KB,1MB      page sizes of --scaling (KB/MB are binary; default ${SCALING_SIZES.map((s) => s.label.replace(' ', '')).join(',')})
  --runs N               fresh processes of --cold-start (default 10)
  --json [file]          also write the figures as JSON (to stdout, the table then goes to stderr)
  --help`;

/**
 * Slices of a corpus pass: about 100 pages each on the 990-page corpus, under a second of ours,
 * so the contenders take turns more often than the machine's speed drifts.
 */
export const DEFAULT_SLICES = 10;

export type Mode = 'corpus' | 'scaling' | 'cold-start';

export interface BenchArgs {
  readonly mode: Mode;
  readonly corpus: string | null;
  readonly limit: number | null;
  readonly passes: number;
  readonly warmup: number;
  readonly slices: number;
  readonly contenders: readonly string[];
  readonly sizes: ReadonlyArray<{ label: string; bytes: number }>;
  readonly runs: number;
  /** '-' for stdout, a path, or null. */
  readonly json: string | null;
  readonly help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInt(name: string, value: string | undefined, fallback: number | null, min = 1): number | null {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} takes an integer ≥ ${min}, got "${value}"`);
  return Number(value);
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|KIB|MB|MIB)?$/i;

/** "100KB" → 102400 (binary units: sizes are compared with the core's maxBytes in MiB). */
export function parseSize(text: string): { label: string; bytes: number } {
  const match = SIZE.exec(text.trim());
  if (!match) throw new UsageError(`cannot read the size "${text}" (use e.g. 100KB, 1MB, 50MB)`);
  const unit = (match[2] ?? 'B').toUpperCase();
  const scale = unit.startsWith('M') ? 1024 * 1024 : unit.startsWith('K') ? 1024 : 1;
  const bytes = Math.round(Number(match[1]) * scale);
  if (bytes < 1) throw new UsageError(`size "${text}" is empty`);
  return { label: `${match[1]} ${unit === 'B' ? 'B' : unit.replace('I', '')}`, bytes };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  // `--json` may stand alone (stdout) or take a file name.
  const args = argv.flatMap((arg, i) => (arg === '--json' && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? ['--json=-'] : [arg]));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        corpus: { type: 'string' },
        scaling: { type: 'boolean', default: false },
        'cold-start': { type: 'boolean', default: false },
        limit: { type: 'string' },
        passes: { type: 'string' },
        warmup: { type: 'string' },
        slices: { type: 'string' },
        contenders: { type: 'string' },
        sizes: { type: 'string' },
        runs: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.scaling && values['cold-start']) throw new UsageError('choose one mode: --scaling or --cold-start');
  const mode: Mode = values.scaling ? 'scaling' : values['cold-start'] ? 'cold-start' : 'corpus';
  if (mode === 'corpus' && !values.corpus && !values.help) throw new UsageError('the throughput run needs --corpus <dir>');

  const known = new Set(CONTENDERS.map((c) => c.id));
  const defaults = mode === 'scaling' ? ['ours', 'htmlparser2'] : CONTENDERS.map((c) => c.id);
  const contenders = values.contenders ? values.contenders.split(',').map((s) => s.trim()).filter(Boolean) : defaults;
  for (const id of contenders) if (!known.has(id)) throw new UsageError(`unknown contender "${id}" (known: ${[...known].join(', ')})`);
  if (contenders.length === 0) throw new UsageError('--contenders names no contender');

  return {
    mode,
    corpus: values.corpus ?? null,
    limit: positiveInt('limit', values.limit, null),
    passes: positiveInt('passes', values.passes, 3)!,
    warmup: positiveInt('warmup', values.warmup, 1, 0)!,
    slices: positiveInt('slices', values.slices, DEFAULT_SLICES)!,
    contenders,
    sizes: values.sizes ? values.sizes.split(',').map(parseSize) : SCALING_SIZES,
    runs: positiveInt('runs', values.runs, 10)!,
    json: values.json ?? null,
    help: values.help,
  };
}
