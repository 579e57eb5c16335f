/**
 * Summary of a V8 CPU profile (the .cpuprofile format of `node --cpu-prof` and the inspector's
 * Profiler domain): self and inclusive time per function, and self time per module (an npm
 * package, a project file, the garbage collector, V8 builtins).
 */

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based, in the generated code. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  /** Node id of each sample. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  /** Function name, "(anonymous)" for unnamed ones. */
  readonly name: string;
  /** Module: npm package, project file, node internals, V8 builtins. */
  readonly module: string;
  /** Short location: project file or package/file, with the 1-based line. */
  readonly where: string;
  readonly line: number | null;
  readonly ms: number;
  readonly share: number;
}

export interface ModuleTime {
  readonly module: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly samples: number;
  readonly selfByFunction: readonly FunctionTime[];
  readonly inclusiveByFunction: readonly FunctionTime[];
  readonly selfByModule: readonly ModuleTime[];
}

/** Maps a generated position to the source (for code run through tsx); identity by default. */
export type Locate = (url: string, line: number, column: number) => { url: string; line: number };

/** Pseudo-frames of V8's profiler: not functions, but where the time went all the same. */
const PSEUDO_FRAMES = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** "file:///p/node_modules/@scope/pkg/x.js" → "@scope/pkg"; project files relative to `root`; builtins grouped. */
export function moduleOf(url: string, functionName: string, root: string): string {
  if (PSEUDO_FRAMES.has(functionName)) return functionName;
  if (url === '') return '(V8 builtins and native code)';
  if (url.startsWith('node:')) return '(node internals)';
  const path = url.replace(/^file:\/\//, '');
  const at = path.lastIndexOf('/node_modules/');
  if (at !== -1) {
    const parts = path.slice(at + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** "…/node_modules/htmlparser2/dist/esm/Tokenizer.js" → "htmlparser2/Tokenizer.js"; node:… kept; project files as their module. */
function shortLocation(url: string, module: string): string {
  if (url.startsWith('node:')) return url;
  if (url.includes('/node_modules/') || /^https?:/.test(url)) return `${module}/${url.slice(url.lastIndexOf('/') + 1)}`;
  return module;
}

export function summarizeProfile(profile: CpuProfile, options: { root: string; top?: number; locate?: Locate }): ProfileSummary {
  const top = options.top ?? 25;
  const locate: Locate = options.locate ?? ((url, line) => ({ url, line }));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  interface Key {
    name: string;
    module: string;
    where: string;
    line: number | null;
  }
  const keys = new Map<number, string>();
  const keyInfo = new Map<string, Key>();
  const keyOf = (id: number): string => {
    let key = keys.get(id);
    if (key !== undefined) return key;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    const located = url && lineNumber >= 0 ? locate(url, lineNumber, columnNumber) : { url, line: -1 };
    // The module comes from the code that ran (a package's source map may point to its repository).
    const module = moduleOf(url, functionName, options.root);
    const line = located.line >= 0 ? located.line + 1 : null;
    const file = shortLocation(located.url, module);
    const where = line === null ? file : `${file}:${line}`;
    key = `${name}\u0000${where}`;
    keys.set(id, key);
    keyInfo.set(key, { name, module, where, line });
    return key;
  };

  // Functions on the stack of each node, each once (recursion counts once per sample).
  const stacks = new Map<number, readonly string[]>();
  const stackOf = (id: number): readonly string[] => {
    const known = stacks.get(id);
    if (known) return known;
    const chain: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !stacks.has(at); at = parent.get(at)) chain.push(at);
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      const above = parent.has(node) ? (stacks.get(parent.get(node)!) ?? []) : [];
      const key = keyOf(node);
      stacks.set(node, above.includes(key) ? above : [...above, key]);
    }
    return stacks.get(id)!;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const modules = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0);
    const { functionName } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(root)') continue;
    totalUs += delta;
    const key = keyOf(id);
    self.set(key, (self.get(key) ?? 0) + delta);
    const module = keyInfo.get(key)!.module;
    modules.set(module, (modules.get(module) ?? 0) + delta);
    for (const onStack of stackOf(id)) inclusive.set(onStack, (inclusive.get(onStack) ?? 0) + delta);
  }

  const totalMs = totalUs / 1000;
  const share = (us: number): number => (totalUs === 0 ? 0 : us / totalUs);
  const functions = (table: Map<string, number>): FunctionTime[] =>
    [...table]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => ({ ...keyInfo.get(key)!, ms: us / 1000, share: share(us) }));
  return {
    totalMs,
    samples: profile.samples.length,
    selfByFunction: functions(self),
    inclusiveByFunction: functions(new Map([...inclusive].filter(([key]) => !PSEUDO_FRAMES.has(keyInfo.get(key)!.name)))),
    selfByModule: [...modules]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000, share: share(us) })),
  };
}
