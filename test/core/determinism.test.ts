/**
 * The same bytes give the same document: apart from `processedAt` (the clock), two runs are
 * identical, and nothing cleaned before changes what comes out (no process-wide state).
 */
import { describe, expect, it } from 'vitest';
import { clean, type CleanDocument } from '../../src/core/index.js';
import { FIXED_NOW } from './helpers.js';
import { INPUTS } from './fixtures.js';

const withoutClock = ({ processedAt: _processedAt, ...rest }: CleanDocument) => rest;

describe.each(INPUTS)('$label', (input) => {
  it('cleans to the same document twice, apart from processedAt', async () => {
    const first = clean({ bytes: input.bytes, name: input.name, contentType: input.contentType });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later clock
    const second = clean({ bytes: input.bytes, name: input.name, contentType: input.contentType });
    expect(second.processedAt >= first.processedAt).toBe(true);
    expect(withoutClock(second)).toEqual(withoutClock(first));
    expect(JSON.stringify(withoutClock(second))).toBe(JSON.stringify(withoutClock(first)));
  });

  it('is byte-for-byte the same with a fixed clock, whatever was cleaned in between', () => {
    const first = JSON.stringify(clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW }));
    for (const other of INPUTS) clean({ bytes: other.bytes, name: other.name, contentType: other.contentType }, { explain: true });
    const again = JSON.stringify(clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW }));
    expect(again).toBe(first);
  });

  it('explain adds the dropped blocks and, after each segment\'s cues, the features that weighed most; it changes nothing else', () => {
    const plain = clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW });
    const { dropped, segments, ...explained } = clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW, explain: true });
    const { segments: plainSegments, ...plainRest } = plain;
    expect(explained).toEqual(plainRest);
    expect(segments).toHaveLength(plainSegments.length);
    segments.forEach((segment, i) => {
      const before = plainSegments[i]!.cues;
      expect({ ...segment, cues: segment.cues.slice(0, before.length) }).toEqual(plainSegments[i]);
      // A block the HTML block models decided names the features that weighed most ("name +0.42"). (The line model of
      // plain-text scrapes does not explain its decisions yet: its cues give the class and the probability only.)
      if (plain.source.format !== 'text' && before[0]?.startsWith('model:')) expect(segment.cues.length > before.length && segment.cues.slice(before.length).every((cue) => /^(\w+: )?\S+ [+-]\d+\.\d\d$/.test(cue))).toBe(true);
    });
    expect(plain.dropped).toBeUndefined();
    expect(Array.isArray(dropped)).toBe(true);
  });

  it('does not modify the input bytes', () => {
    const copy = Buffer.from(input.bytes);
    clean({ bytes: input.bytes, name: input.name, contentType: input.contentType });
    expect(input.bytes.equals(copy)).toBe(true);
  });
});

it('the gzipped and the plain copy of a page give the same segments and metadata', () => {
  const [plain, gzipped] = INPUTS.slice(0, 2).map((input) => clean({ bytes: input.bytes, name: input.name, contentType: 'text/html' }, { now: FIXED_NOW }));
  expect(gzipped!.segments).toEqual(plain!.segments);
  expect(gzipped!.title).toBe(plain!.title);
  expect(gzipped!.source.compression).toBe('gzip');
});
