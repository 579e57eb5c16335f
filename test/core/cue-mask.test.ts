/**
 * A block's cue mask (src/core/classifier/cue-matches.ts cueMatches): the bit of every cue pattern that matches
 * its text, each tried as the block's length allows. The union run first (a gate for the joinable
 * patterns) must never change a mask: held here to each pattern run on its own.
 */
import { describe, expect, it } from 'vitest';
import { cueBit, cueMatches, topLevelAlternatives } from '../../src/core/classifier/cue-matches.js';
import { CLASSIFICATION, type ClassificationOptions } from '../../src/core/cues/classification.js';
import {
  AD_LABEL, AD_SLOT_SIZE, AUTHOR_BIO, BYLINE, COMMENTS, CONSENT, COPYRIGHT, CREDIT, CREDIT_TRAILER, DISCLAIMER, PROMO_HEADING, PROMPT, SHARE_LABEL,
  TAG_LINE, TEASER_PREFIX, UI_STRING,
} from '../../src/core/cues/text.js';

const TEXT_PATTERNS = [AD_LABEL, AD_SLOT_SIZE, PROMO_HEADING, TEASER_PREFIX, UI_STRING, SHARE_LABEL, TAG_LINE, CREDIT, COPYRIGHT, PROMPT, CREDIT_TRAILER, BYLINE, COMMENTS, AUTHOR_BIO];
const LEGAL_PATTERNS = [CONSENT, DISCLAIMER];

/** The mask each pattern run on its own gives. */
function expectedMask(text: string, options: ClassificationOptions): number {
  let mask = 0;
  if (text.length <= options.maxCueBlockChars) for (const pattern of TEXT_PATTERNS) if (pattern.test(text)) mask |= cueBit(pattern);
  if (text.length <= options.maxLegalBlockChars) for (const pattern of LEGAL_PATTERNS) if (pattern.test(text)) mask |= cueBit(pattern);
  return mask;
}

const TEXTS = [
  'Advertisement',
  'Main Header Ad 468x60',
  'Related stories',
  'READ: The council votes on the budget',
  'Photo: Getty Images',
  '© 2024 Example News. All rights reserved.',
  'Subscribe to our newsletter for the week\'s stories',
  'by Jane Doe and John Roe',
  'Read more',
  'Notify me of follow-up comments by email.',
  'Crowds gather at the station. Jan. 30, 2024. Ng Han Guan/Pool via REUTERS',
  'Jane Doe is a reporter covering housing for the Example News.',
  'We use cookies to improve your experience. By continuing you agree to our privacy policy.',
  'Views expressed are the author\'s own.',
  'Share on Facebook (Opens in new window)',
  'Tags: council, budget',
  'The harbour ferry resumed service on Monday after a week of repairs, officials said.',
  'The mayor, who read the privacy policy twice, said the newsletter would go out on Friday. © 2024',
  '',
];

describe('cueMatches', () => {
  it('gives each pattern\'s bit when it matches, as each pattern run on its own', () => {
    const masks = TEXTS.map((text) => cueMatches(text, CLASSIFICATION));
    expect(masks).toEqual(TEXTS.map((text) => expectedMask(text, CLASSIFICATION)));
    // Every pattern is met at least once.
    expect(masks.reduce((all, mask) => all | mask, 0)).toBe([...TEXT_PATTERNS, ...LEGAL_PATTERNS].reduce((all, pattern) => all | cueBit(pattern), 0));
  });

  it('tries each kind only on blocks as long as its limit allows, whichever limit is the larger', () => {
    const filler = ' The harbour ferry resumed service on Monday after a week of repairs, officials said.';
    const long = 'We use cookies on this site. Subscribe to our newsletter.' + filler.repeat(6);
    for (const options of [CLASSIFICATION, { ...CLASSIFICATION, maxCueBlockChars: 1000, maxLegalBlockChars: 100 }, { ...CLASSIFICATION, maxCueBlockChars: 100, maxLegalBlockChars: 1000 }]) {
      for (const text of [...TEXTS, long, 'Subscribe to our newsletter.' + filler, 'We use cookies.' + filler]) {
        expect(cueMatches(text, options), `${text.slice(0, 40)} ${options.maxCueBlockChars}/${options.maxLegalBlockChars}`).toBe(expectedMask(text, options));
      }
    }
  });

  it('gives the same masks with the texts moved off the start, glued to a word, or in capitals (the union regroups anchored and word-boundary alternatives)', () => {
    const variants = TEXTS.flatMap((text) => [text, `x${text}`, `x ${text}`, `${text}x`, `${text} x`, text.toUpperCase(), `re${text.toLowerCase()}`]);
    for (const text of variants) expect(cueMatches(text, CLASSIFICATION), text).toBe(expectedMask(text, CLASSIFICATION));
  });
});

describe('topLevelAlternatives', () => {
  it('splits a regex source at the bars outside groups and character classes, escapes skipped', () => {
    expect(topLevelAlternatives('a|(b|c)|[|]d|e\\|f|^(?:g|h)$|')).toEqual(['a', '(b|c)', '[|]d', 'e\\|f', '^(?:g|h)$', '']);
    expect(topLevelAlternatives('[\\]|]x|y')).toEqual(['[\\]|]x', 'y']);
    expect(topLevelAlternatives('plain')).toEqual(['plain']);
  });
});
