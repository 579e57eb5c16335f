/**
 * npm run bench:profile -- --corpus <dir> [--limit N] [--passes N] [--top N] [--interval µs] [--out file]
 *
 * CPU profile of our cleaner on a corpus: one unprofiled warm-up pass, then the profiled passes
 * (V8's sampling profiler through the inspector, in this process). Prints where the time goes
 * by module (npm package or project file) and the top functions by self and inclusive time,
 * with their lines in the TypeScript sources; writes the raw profile for Chrome DevTools or
 * speedscope (.bench/ours.cpuprofile by default).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clean } from '../src/core/index.js';
import { BENCH_DIR, PROJECT_ROOT } from './child.js';
import { loadCorpus, uncompressedName } from './corpus.js';
import { summarizeProfile, type CpuProfile, type Locate } from './profile-summary.js';
import { fixed, formatTable } from './table.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    limit: { type: 'string' },
    passes: { type: 'string', default: '1' },
    top: { type: 'string', default: '25' },
    interval: { type: 'string', default: '200' },
    out: { type: 'string', default: `${BENCH_DIR}ours.cpuprofile` },
  },
});
if (!values.corpus) {
  console.error('usage: npm run bench:profile -- --corpus <dir> [--limit N] [--passes N] [--top N] [--interval µs] [--out file]');
  process.exit(2);
}

const files = loadCorpus(resolve(values.corpus), values.limit ? Number(values.limit) : Infinity);
const inputs = files.map((file) => ({ bytes: file.raw, name: uncompressedName(file.name) }));
const passes = Number(values.passes);

function pass(): number {
  let failures = 0;
  for (const input of inputs) {
    try {
      clean(input);
    } catch {
      failures++;
    }
  }
  return failures;
}

const warmStart = performance.now();
const failures = pass();
process.stderr.write(`warm-up: ${inputs.length} documents in ${fixed((performance.now() - warmStart) / 1000)} s (${failures} threw)\n`);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: Number(values.interval) });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < passes; i++) pass();
const wallMs = performance.now() - started;
const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
session.disconnect();

mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(profile));

/** tsx compiles the sources with inline source maps: profile positions map back to the .ts lines. */
const locate: Locate = (url, line, column) => {
  try {
    const entry: { originalSource?: string; originalLine?: number } | undefined = findSourceMap(url)?.findEntry(line, column);
    if (entry?.originalSource && entry.originalLine !== undefined) return { url: entry.originalSource, line: entry.originalLine };
  } catch {
    // Not a source-mapped module: keep the generated position.
  }
  return { url, line };
};

const summary = summarizeProfile(profile, { root: PROJECT_ROOT, top: Number(values.top), locate });
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
console.log(`CPU profile of clean() on ${inputs.length} documents × ${passes} pass(es): ${fixed(wallMs / 1000)} s wall, ${fixed(summary.totalMs / 1000)} s sampled (${summary.samples} samples every ${values.interval} µs)`);
console.log(`raw profile: ${values.out} (open in Chrome DevTools › Performance, or speedscope)\n`);
console.log('self time by module:');
console.log(formatTable([{ header: 'module' }, { header: 'self ms' }, { header: 'share' }], summary.selfByModule.map((m) => [m.module, fixed(m.ms), percent(m.share)])));
const functionRows = (rows: typeof summary.selfByFunction): string[][] => rows.map((f) => [f.name, f.where, fixed(f.ms), percent(f.share)]);
console.log('\ntop functions by self time:');
console.log(formatTable([{ header: 'function' }, { header: 'where', align: 'left' }, { header: 'self ms' }, { header: 'share' }], functionRows(summary.selfByFunction)));
console.log('\ntop functions by inclusive time (self + callees):');
console.log(formatTable([{ header: 'function' }, { header: 'where', align: 'left' }, { header: 'total ms' }, { header: 'share' }], functionRows(summary.inclusiveByFunction)));
