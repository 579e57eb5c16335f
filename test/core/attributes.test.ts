/**
 * The flags a class/id string names (src/core/cues/attributes.ts): words cut at non-letters and
 * camelCase humps, single words and joined pairs looked up. The scan that cuts an ASCII string is
 * held to the patterns it replaced (referenceWords below) on generated strings of every kind of cut.
 */
import { describe, expect, it } from 'vitest';
import { Context, attributeFlags } from '../../src/core/cues/attributes.js';
import { prng } from '../../scripts/prng.js';

/** The words as the patterns cut them before the scan: humps spaced, lower-cased, split on anything but a-z. */
function referenceWords(classAndId: string): string[] {
  return classAndId.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
}

describe('attributeFlags', () => {
  it('reads kebab, snake and camel spellings, single words and joined pairs', () => {
    expect(attributeFlags('site-footer')).toBe(Context.FOOTER);
    expect(attributeFlags('cookieBanner')).toBe(Context.LEGAL | Context.HEADER);
    expect(attributeFlags('article_body main')).toBe(Context.CONTENT);
    expect(attributeFlags('articleBody')).toBe(Context.CONTENT);
    expect(attributeFlags('ARTICLE-BODY')).toBe(Context.CONTENT);
    // `ad` is a whole word only: not in "header", "loaded" or "blogindex"'s "login".
    expect(attributeFlags('loaded blogindex')).toBe(0);
    expect(attributeFlags('ad-slot')).toBe(Context.AD);
    // A pair whose halves name nothing alone, in ASCII and beside a non-ASCII letter.
    expect(attributeFlags('side-Bar')).toBe(Context.ASIDE);
    expect(attributeFlags('é sideBar')).toBe(Context.ASIDE);
    expect(attributeFlags('side x bar')).toBe(0);
    expect(attributeFlags('')).toBe(0);
  });

  it('cuts an ASCII string as the patterns do, and a non-ASCII one by them (lower-casing K or İ gives an ASCII letter)', () => {
    // Words that name flags alone or as pairs, in pieces and cases that make every kind of cut.
    const pieces = ['article', 'Body', 'BODY', 'body', 'cookie', 'Banner', 'ad', 'AD', 'Ad', 'nav', 'Bar', 'side', 'bar', 'foot', 'er', 'x', 'Q', 'aB', 'Ab'];
    const joints = ['', '', '-', '_', ' ', '  ', '1', '2x', '.', '/', ':', '\t', 'é', '\u212a', '\u0130', 'ß'];
    const random = prng(20261205);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    for (let n = 0; n < 5_000; n++) {
      let text = random() < 0.2 ? pick(joints) : '';
      const count = 1 + Math.floor(random() * 5);
      for (let k = 0; k < count; k++) text += pick(pieces) + pick(joints);
      const expected = referenceWords(text);
      expect(attributeFlags(text), JSON.stringify(text)).toBe(attributeFlagsOfWords(expected));
    }
    // The Kelvin sign lower-cases to an ASCII k: "coo\u212aie" is a cookie notice for the patterns.
    expect(attributeFlags('coo\u212aie')).toBe(Context.LEGAL);
  });
});

/** The flags of words cut beforehand: each word alone, and each adjacent pair as one word (a run of lower-case letters is one word to the scan). */
function attributeFlagsOfWords(words: readonly string[]): number {
  let flags = 0;
  for (const word of words) flags |= attributeFlags(word);
  for (let i = 1; i < words.length; i++) flags |= attributeFlags(words[i - 1]! + words[i]!);
  return flags;
}
