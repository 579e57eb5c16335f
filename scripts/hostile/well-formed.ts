/**
 * Issue 13 §5: every output string is well-formed text. Zero-width joiners and non-joiners stay
 * (Persian, Indic scripts and emoji sequences need them); no lone surrogate anywhere; C0 and C1
 * controls and bidi overrides are not text. (Every case of the generator is held to the last two
 * by the checker: scripts/hostile/kit.ts, wellFormedProblems.)
 */
import { SENTENCES, all, documentExpected, inOrder, page, utf8, type AdversarialCase } from './kit.js';

const CLASS = '§5 well-formed strings';

const PERSIAN = 'می‌خواهم به خانه بروم و کتاب‌ها را بخوانم، گفت مسافر کشتی.';
const HINDI = 'क्‍ष और क्‌ष अलग दिखते हैं, नाविक ने कहा।';
const EMOJI = 'The crew 👨‍👩‍👧‍👦 waved a 🏳️‍🌈 flag from the 🚢.';

function article(paragraphs: readonly string[]): Uint8Array {
  return utf8(page(`<main><article><h1>Harbour ferry resumes</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main>`));
}

export const WELL_FORMED_CASES: readonly AdversarialCase[] = [
  {
    name: 'joiners-kept.html',
    description: 'ZWNJ in Persian, ZWJ and ZWNJ in Devanagari, ZWJ emoji sequences: kept as they are',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder([PERSIAN, HINDI, EMOJI]),
    mustContain: [PERSIAN, HINDI, EMOJI],
    bytes: () => article([PERSIAN, HINDI, EMOJI, ...SENTENCES]),
  },
  {
    name: 'joiners-kept-text.txt',
    description: 'the same joiners in a plain-text scrape',
    issueClass: CLASS,
    expect: documentExpected(),
    mustContain: [PERSIAN, HINDI, EMOJI],
    bytes: () => utf8(`Harbour ferry resumes\n\n${PERSIAN}\n\n${HINDI}\n\n${EMOJI}\n\n${SENTENCES.join('\n\n')}\n`),
  },
  {
    name: 'bidi-overrides.html',
    description: 'RLO/LRO/PDF and isolates (U+202A-202E, U+2066-2069) inside the article: not text',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(['The harbour ferry resumed service', 'on Monday after a week of repairs']),
    bytes: () => article([`The harbour \u202Eferry\u202C resumed \u2066service\u2069 on Monday \u202Aafter\u202C a week of \u2067repairs\u2069 to its engine.`, ...SENTENCES.slice(1)]),
  },
  {
    name: 'c0-controls.html',
    description: 'C0 controls (BEL, BS, ESC, VT, DEL) and C1 controls in the text: not text',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(['The harbour ferry resumed service on Monday']),
    bytes: () => article([`The harbour\u0007 ferry\u0008 resumed\u001b service\u000b on\u007f Monday\u0085 after\u009b a week.`, ...SENTENCES.slice(1)]),
  },
  {
    name: 'c0-controls-text.txt',
    description: 'a plain-text scrape with controls and bidi overrides in its lines',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(['The harbour ferry resumed service on Monday']),
    bytes: () => utf8(`Harbour ferry resumes\n\nThe harbour\u0007 ferry\u0008 resumed\u001b service\u202E on\u2066 Monday after a week.\n\n${SENTENCES.slice(1).join('\n\n')}\n`),
  },
  {
    name: 'surrogate-references.html',
    description: 'character references to lone surrogates (&#xD800; &#xDFFF;) in text and title',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(inOrder(SENTENCES)),
    bytes: () => utf8(page(`<main><article><h1>Harbour &#xD83D; ferry</h1><p>Ferry &#xD800;&#xDC00; resumed &#55357; service.</p>${SENTENCES.map((s) => `<p>${s}</p>`).join('')}</article></main>`, '<meta charset="utf-8"><title>Harbour &#xDFFF; ferry resumes</title>')),
  },
];
