import { describe, expect, it } from 'vitest';
import { moduleOf, summarizeProfile, type CpuProfile } from '../../bench/profile-summary.js';

const ROOT = '/p';
const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber, columnNumber: 0 });

// (root) → clean → walk → collapse; clean → load (htmlparser2) ; walk → walk (recursion); (garbage collector)
const profile: CpuProfile = {
  startTime: 0,
  endTime: 10_000,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 7] },
    { id: 2, callFrame: frame('clean', 'file:///p/src/core/clean.ts', 9), children: [3, 5] },
    { id: 3, callFrame: frame('walk', 'file:///p/src/core/html/walk.ts', 99), children: [4, 6] },
    { id: 4, callFrame: frame('collapse', 'file:///p/src/core/normalize.ts', 13) },
    { id: 5, callFrame: frame('parse', 'file:///p/node_modules/htmlparser2/dist/esm/Tokenizer.js', 694) },
    { id: 6, callFrame: frame('walk', 'file:///p/src/core/html/walk.ts', 99) },
    { id: 7, callFrame: frame('(garbage collector)') },
  ],
  //        clean walk collapse parse walk(rec) gc   idle-less
  samples: [2, 3, 4, 4, 5, 5, 5, 6, 7, 4],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('CPU profile summary', () => {
  const summary = summarizeProfile(profile, { root: ROOT });

  it('adds up the sampled time', () => {
    expect(summary.totalMs).toBe(10);
    expect(summary.samples).toBe(10);
  });

  it('gives each function its self time, with its 1-based line', () => {
    const self = Object.fromEntries(summary.selfByFunction.map((f) => [f.where ? `${f.name}@${f.where}` : f.name, f.ms]));
    expect(self).toEqual({
      'collapse@src/core/normalize.ts:14': 3,
      'parse@htmlparser2/Tokenizer.js:695': 3,
      'walk@src/core/html/walk.ts:100': 2,
      'clean@src/core/clean.ts:10': 1,
      '(garbage collector)@(garbage collector)': 1,
    });
  });

  it('counts a recursive function once per sample in its inclusive time', () => {
    const inclusive = Object.fromEntries(summary.inclusiveByFunction.map((f) => [f.name, f.ms]));
    expect(inclusive.clean).toBe(9);
    // walk is on the stack of samples 3, 4, 4, 6, 4; sample 6 holds it twice (walk → walk) and counts once.
    expect(inclusive.walk).toBe(5);
  });

  it('groups self time by module: package, project file, pseudo-frames', () => {
    expect(Object.fromEntries(summary.selfByModule.map((m) => [m.module, m.share]))).toEqual({
      'src/core/normalize.ts': 0.3,
      htmlparser2: 0.3,
      'src/core/html/walk.ts': 0.2,
      'src/core/clean.ts': 0.1,
      '(garbage collector)': 0.1,
    });
  });

  it('maps positions through a locator (source maps of tsx)', () => {
    const mapped = summarizeProfile(profile, { root: ROOT, locate: (url, line) => ({ url: url.replace('.js', '.ts'), line: line - 9 }) });
    expect(mapped.selfByFunction.find((f) => f.name === 'parse')!.where).toBe('htmlparser2/Tokenizer.ts:686');
  });

  it("keeps a package's module when its source map points to its repository", () => {
    const mapped = summarizeProfile(profile, {
      root: ROOT,
      locate: (url, line) => (url.includes('htmlparser2') ? { url: 'https://raw.githubusercontent.com/fb55/htmlparser2/abc/src/Tokenizer.ts', line } : { url, line }),
    });
    const parse = mapped.selfByFunction.find((f) => f.name === 'parse')!;
    expect(parse).toMatchObject({ module: 'htmlparser2', where: 'htmlparser2/Tokenizer.ts:695' });
  });
});

describe('module of a frame', () => {
  it('names packages, project files, node internals and builtins', () => {
    expect(moduleOf('file:///p/node_modules/@scope/pkg/dist/a.js', 'f', ROOT)).toBe('@scope/pkg');
    expect(moduleOf('file:///p/src/core/clean.ts', 'f', ROOT)).toBe('src/core/clean.ts');
    expect(moduleOf('node:internal/encoding', 'decode', ROOT)).toBe('(node internals)');
    expect(moduleOf('', 'replace', ROOT)).toBe('(V8 builtins and native code)');
    expect(moduleOf('', '(program)', ROOT)).toBe('(program)');
  });
});
