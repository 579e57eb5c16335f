/**
 * lib/literal-keys.ts, the transform the functions' bundle applies to the AWS SDK's schema
 * modules (lib/function-bundle.ts): computed keys written as literals where that changes nothing,
 * left alone everywhere else; and @aws-sdk/client-s3's schemas, transformed, are the same values. Also JSON_NOTES_OUT:
 * the core's data files bundled without their notes are the same data. And ENTITIES_TREE_COMPRESSED: entities'
 * table of named character references, bundled compressed, is the same table; CHARDET_TABLES_COMPRESSED: chardet's
 * single-byte recognisers, bundled with their tables compressed, have the same tables and rank the same.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHARDET_TABLES_COMPRESSED, ENTITIES_TREE_COMPRESSED, JSON_NOTES_OUT, SDK_SCHEMA_KEYS } from '../../lib/function-bundle.js';
import { literalKeys } from '../../lib/literal-keys.js';

const ROOT = join(import.meta.dirname, '../..');

describe('literalKeys', () => {
  it('writes the computed keys that name top-level string constants as those strings', () => {
    const source = 'const _h = "http", _e = "error";\nexport var Get$ = [9, "ns", { [_h]: ["GET", "/{Key+}", 200], [_e]: "client" }];\n';
    expect(literalKeys(source, 'schemas.js')).toEqual({
      code: 'const _h = "http", _e = "error";\nexport var Get$ = [9, "ns", { "http": ["GET", "/{Key+}", 200], "error": "client" }];\n',
      rewritten: 2,
    });
  });

  it('escapes the string as a JSON literal', () => {
    expect(literalKeys('const _q = \'say "hi"\\n\';\nexport var A = { [_q]: 1 };', 'a.js').code).toBe('const _q = \'say "hi"\\n\';\nexport var A = { "say \\"hi\\"\\n": 1 };');
  });

  it('leaves a key alone where writing it out could change what the code does', () => {
    const untouched = [
      // A name bound again somewhere else in the file (here a parameter that shadows it).
      'const _h = "http";\nexport var A = { [_h]: 1 };\nexport function f(_h) { return { [_h]: 2 }; }',
      // __proto__: a literal key of that name sets the prototype instead.
      'const _p = "__proto__";\nexport var A = { [_p]: {} };',
      // Inside a function: it may run before the constant is initialized.
      'export const f = () => ({ [_h]: 1 });\nconst _h = "http";',
      // Before the declaration.
      'export var A = { [_h]: 1 };\nconst _h = "http";',
      // Not a string constant: a let, a number, an expression, an import.
      'let _h = "http";\nexport var A = { [_h]: 1 };',
      'const _n = 1;\nexport var A = { [_n]: 1 };',
      'const _x = "a" + "b";\nexport var A = { [_x]: 1 };',
      'import { _h } from "./keys.js";\nexport var A = { [_h]: 1 };',
      // A class member's computed name.
      'const _m = "run";\nexport class C { [_m]() {} }',
    ];
    for (const source of untouched) expect(literalKeys(source, 'a.js'), source).toEqual({ code: source, rewritten: 0 });
  });
});

/** A module's exports as a canonical tree: thunks called, shared and cyclic references by the path that reached them first. */
function canonical(value: unknown, seen = new Map<unknown, string>(), path = '$'): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  const first = seen.get(value);
  if (first !== undefined) return { ref: first };
  seen.set(value, path);
  if (typeof value === 'function') {
    // A schema's thunk (`() => GetObjectRequest$`, no prototype) stands for what it returns; a class for its name.
    return 'prototype' in value ? { class: value.name } : { thunk: canonical((value as () => unknown)(), seen, `${path}()`) };
  }
  if (value instanceof Map) return { map: [...value].map(([k, v], i) => [canonical(k, seen, `${path}.key(${i})`), canonical(v, seen, `${path}.get(${i})`)]) };
  if (Array.isArray(value)) return value.map((item, i) => canonical(item, seen, `${path}[${i}]`));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, seen, `${path}.${k}`)]));
}

describe("@aws-sdk/client-s3's schemas with literal keys", () => {
  it('are the same values: every export, key order included, the thunks and the error registries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scrape-clean-literal-keys-'));
    try {
      const entry = { contents: "export * from './node_modules/@aws-sdk/client-s3/dist-es/schemas/schemas_0.js';", resolveDir: ROOT, loader: 'js' } as const;
      const options: BuildOptions = { stdin: entry, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' };
      const modules = [];
      const computedKeys = [];
      for (const plugins of [[], [SDK_SCHEMA_KEYS]]) {
        const { outputFiles } = await build({ ...options, plugins });
        const text = outputFiles![0]!.text;
        computedKeys.push((text.match(/[{,] \[_\w+\]: /g) ?? []).length);
        const file = join(dir, `schemas-${plugins.length}.mjs`);
        await writeFile(file, text);
        modules.push((await import(pathToFileURL(file).href)) as Record<string, unknown>);
      }
      const [original, transformed] = modules as [Record<string, unknown>, Record<string, unknown>];
      // The transform did something (S3's schemas have over a thousand computed keys, all rewritten), and the exports are many.
      expect(computedKeys[0]).toBeGreaterThan(1000);
      expect(computedKeys[1]).toBe(0);
      expect(Object.keys(original).length).toBeGreaterThan(400);
      expect(Object.keys(transformed)).toEqual(Object.keys(original));
      expect(canonical(transformed)).toEqual(canonical(original));
      expect(JSON.stringify(canonical(transformed))).toBe(JSON.stringify(canonical(original)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the core's data files in the bundle (JSON_NOTES_OUT)", () => {
  it('are the same data without their notes: the models and the Big5-HKSCS table, every number as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scrape-clean-json-notes-'));
    try {
      const files = ['src/core/classifier/block-model.json', 'src/core/text/line-model.json', 'src/core/big5-hkscs.json'];
      const entry = { contents: files.map((file, i) => `export { default as d${i} } from './${file}';`).join('\n'), resolveDir: ROOT, loader: 'js' } as const;
      const { outputFiles } = await build({ stdin: entry, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', plugins: [JSON_NOTES_OUT] });
      const file = join(dir, 'data.mjs');
      await writeFile(file, outputFiles[0]!.text);
      const bundled = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const withoutNotes = (text: string): unknown => JSON.parse(text, (key, value: unknown) => (key === 'note' ? undefined : value));
      files.forEach((path, i) => {
        const source = readFileSync(join(ROOT, path), 'utf8');
        expect(source).toContain('"note"');
        expect(JSON.stringify(bundled[`d${i}`]), path).toBe(JSON.stringify(withoutNotes(source)));
      });
      expect(outputFiles[0]!.text).not.toContain('note');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("entities' table of named character references in the bundle (ENTITIES_TREE_COMPRESSED)", () => {
  it('is the same 16-bit words, stored compressed, and decodes the same text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scrape-clean-entities-'));
    try {
      const entry = { contents: "export { htmlDecodeTree, decodeHTML } from 'entities/decode';", resolveDir: ROOT, loader: 'js' } as const;
      const bundled: { htmlDecodeTree: Uint16Array; decodeHTML: (text: string) => string }[] = [];
      const texts: string[] = [];
      for (const plugins of [[], [ENTITIES_TREE_COMPRESSED]]) {
        const { outputFiles } = await build({ stdin: entry, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', plugins });
        const file = join(dir, `entities-${plugins.length}.mjs`);
        await writeFile(file, outputFiles[0]!.text);
        texts.push(outputFiles[0]!.text);
        bundled.push((await import(pathToFileURL(file).href)) as (typeof bundled)[number]);
      }
      const [plain, compressed] = bundled as [(typeof bundled)[number], (typeof bundled)[number]];
      // The base64 of entities' file is gone from the compressed build.
      expect(texts[0]).toContain('decodeBase64("QR08ALkAAgH6');
      expect(texts[1]).not.toContain('QR08ALkAAgH6');
      expect(compressed.htmlDecodeTree.length).toBe(plain.htmlDecodeTree.length);
      expect(Buffer.from(compressed.htmlDecodeTree.buffer).equals(Buffer.from(plain.htmlDecodeTree.buffer))).toBe(true);
      const text = '&amp; &lt;p&gt; &copy &notin; &CounterClockwiseContourIntegral; &NotNestedGreaterGreater; &fjlig; &amp &AMP;x &unknown; &#x1F600;';
      expect(compressed.decodeHTML(text)).toBe(plain.decodeHTML(text));
      expect(compressed.decodeHTML(text)).toContain('© ∉ ∳ ⪢̸ fj & &x &unknown; 😀');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("chardet's single-byte tables in the bundle (CHARDET_TABLES_COMPRESSED)", () => {
  it('are the same byte maps and n-gram lists, a new array at each call, and chardet ranks the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scrape-clean-chardet-'));
    try {
      const entry = { contents: "export * as sbcs from 'chardet/lib/encoding/sbcs.js';\nexport * as mbcs from 'chardet/lib/encoding/mbcs.js';\nexport { analyse } from 'chardet';", resolveDir: ROOT, loader: 'js' } as const;
      type Recogniser = { name(): string; byteMap(): number[]; ngrams(): unknown };
      type Module = { sbcs: Record<string, new () => Recogniser>; mbcs: Record<string, new () => { commonChars: number[] }>; analyse(bytes: Uint8Array): unknown };
      const bundled: Module[] = [];
      const texts: string[] = [];
      for (const plugins of [[], [CHARDET_TABLES_COMPRESSED]]) {
        const { outputFiles } = await build({ stdin: entry, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', plugins });
        const file = join(dir, `chardet-${plugins.length}.mjs`);
        await writeFile(file, outputFiles[0]!.text);
        texts.push(outputFiles[0]!.text);
        bundled.push((await import(pathToFileURL(file).href)) as Module);
      }
      const [plain, compressed] = bundled as [Module, Module];
      // Danish n-grams' first entry (0x206166, as esbuild writes it), a literal in chardet's file, gone from the compressed build.
      expect(texts[0]).toContain('2122086');
      expect(texts[1]).not.toContain('2122086');
      const names = Object.keys(plain.sbcs).filter((name) => typeof plain.sbcs[name] === 'function' && 'byteMap' in plain.sbcs[name].prototype);
      expect(names.length).toBeGreaterThan(10);
      expect(Object.keys(compressed.sbcs)).toEqual(Object.keys(plain.sbcs));
      for (const name of names) {
        const [a, b] = [new plain.sbcs[name]!(), new compressed.sbcs[name]!()];
        expect(JSON.stringify([b.name(), b.byteMap(), b.ngrams()]), name).toBe(JSON.stringify([a.name(), a.byteMap(), a.ngrams()]));
        // A new array at each call, as the literal was: changing one leaves the next call's as it was.
        const map = b.byteMap();
        map[0x41] = -1;
        expect(b.byteMap()[0x41], name).toBe(a.byteMap()[0x41]);
      }
      // The multi-byte recognisers' common characters (Shift_JIS, Big5, EUC-JP, EUC-KR, GB18030).
      const multiByte = Object.keys(plain.mbcs).filter((name) => typeof plain.mbcs[name] === 'function' && name !== 'default');
      let lists = 0;
      for (const name of multiByte) {
        const [a, b] = [new plain.mbcs[name]!(), new compressed.mbcs[name]!()];
        if (a.commonChars.length > 0) lists++;
        expect(b.commonChars, name).toEqual(a.commonChars);
      }
      expect(lists).toBeGreaterThan(3);
      expect(texts[0]).toContain(String(0x8140));
      expect(texts[1]).not.toContain(String(0x8140));
      const samples = [
        'Die Fähre nach Föhr fährt wieder täglich über das Wattenmeer.',
        'Le traversier reprend ses départs réguliers après les réparations.',
        'Паром возобновил работу после ремонта причала в понедельник.',
        'Το πλοίο επέστρεψε στο λιμάνι μετά τις επισκευές.',
        'Prom wznowił kursy w poniedziałek po naprawie nabrzeża.',
      ];
      for (const [text, encoding] of samples.flatMap((text) => (['latin1', 'utf8'] as const).map((encoding) => [text, encoding] as const))) {
        const bytes = new Uint8Array(Buffer.from(text, encoding));
        expect(compressed.analyse(bytes), text).toEqual(plain.analyse(bytes));
      }
      // Single-byte Cyrillic (windows-1251: А-я at 0xC0-0xFF) and Greek (ISO-8859-7: Α-ώ at 0xC1-0xFE).
      const singleByte = (text: string, from: number, to: number, at: number) => Uint8Array.from(text, (ch) => (ch.codePointAt(0)! >= from && ch.codePointAt(0)! <= to ? ch.codePointAt(0)! - from + at : ch.codePointAt(0)!));
      for (const bytes of [singleByte(samples[2]!, 0x410, 0x44f, 0xc0), singleByte(samples[3]!, 0x391, 0x3ce, 0xc1)]) {
        expect(compressed.analyse(bytes)).toEqual(plain.analyse(bytes));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
