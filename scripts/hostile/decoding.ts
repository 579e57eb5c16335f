/**
 * Issue 13 §3: bytes decode as the HTML standard says. A page declared or valid as UTF-8 keeps
 * its UTF-8 with U+FFFD for a stray byte; the `<meta>` prescan obeys only what the standard's
 * algorithm obeys; legacy encodings nobody declared come out as text; the corpus's liars (a page
 * declared UTF-8 that is GBK, or mostly legacy Polish bytes) are still read right.
 */
import iconv from 'iconv-lite';
import { all, decodedAs, documentExpected, inOrder, noReplacementChar, noSegmentOf, replacementChars, type AdversarialCase } from './kit.js';

const CLASS = '§3 decoding';

const EN = [
  'The council’s decision to close the ferry pier surprised residents, who had “no warning at all”.',
  'Repairs will cost €2.4 million — twice the first estimate — and take until the spring, officials said.',
  'Shops near the harbour fear the closure will cost them their busiest months of the year.',
];
const DE = [
  'Zürich: Der Fährbetrieb über den See läuft wieder, nachdem die Motoren repariert wurden.',
  'Die Passagiere warteten schon früh am Steg; der Betreiber entschuldigte sich für die Verspätung.',
  'Ab Montag gilt wieder der gewöhnliche Fahrplan, teilte die Gesellschaft mit. Größere Schäden gab es keine.',
];
/** Polish whose letters have the same bytes in ISO-8859-2 and windows-1250 (ó ł ę ż ć ń), so either reading is right. */
const PL = [
  'Prom na jeziorze znowu pływa po naprawie silników, poinformowała spółka w komunikacie.',
  'Pasażerowie czekali od rana na przystani; przewoźnik przeprosił za opóźnienie i zmiany w rozkładzie.',
  'Od poniedziałku obowiązuje zwykły rozkład rejsów, a większych szkód nie stwierdzono.',
];
const ZH = ['渡轮在发动机维修一周后于周一恢复运营，官员表示。', '乘客们从黎明起就在码头排队，运营商分发咖啡并为延误道歉。', '议会将于下月审查维护合同，一艘新船将于春季交付。'];
const JA = ['港のフェリーは、エンジンの修理を終えて月曜日に運航を再開したと当局が発表した。', '乗客は夜明けから桟橋に並び、運航会社はコーヒーを配って遅れを謝罪した。', '議会は来月、保守契約を見直す予定で、新しい船は春に届く。'];
const KO = ['항구 여객선이 엔진 수리를 마치고 월요일에 운항을 재개했다고 당국이 밝혔다.', '승객들은 새벽부터 부두에 줄을 섰고 운영사는 커피를 나눠 주며 지연을 사과했다.', '의회는 다음 달 정비 계약을 검토할 예정이며 새 선박은 봄에 도착한다.'];

function html(paragraphs: readonly string[], head: string, lang = 'en'): string {
  return `<!DOCTYPE html><html lang="${lang}"><head>${head}<title>Harbour news</title></head><body><main><article><h1>Harbour news</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;
}

/** `text` in `encoding` (iconv-lite, a dev dependency: the core decodes with the runtime's TextDecoder). */
const encode = (text: string, encoding: string): Buffer => iconv.encode(text, encoding);

/**
 * ISO-2022-JP by hand (iconv-lite has no encoder for it): runs of JIS X 0208 characters between
 * ESC $ B and ESC ( B, each character the EUC-JP bytes without their high bits.
 */
function iso2022jp(text: string): Buffer {
  const parts: Buffer[] = [];
  let inJis = false;
  for (const char of text) {
    const ascii = char.charCodeAt(0) < 0x80;
    if (ascii === inJis) {
      parts.push(Buffer.from(ascii ? [0x1b, 0x28, 0x42] : [0x1b, 0x24, 0x42]));
      inJis = !ascii;
    }
    parts.push(ascii ? Buffer.from(char) : Buffer.from(encode(char, 'euc-jp').map((b) => b & 0x7f)));
  }
  if (inJis) parts.push(Buffer.from([0x1b, 0x28, 0x42]));
  return Buffer.concat(parts);
}

/** The bytes of `text` with `stray` inserted before the first occurrence of `before`. */
function withBytes(bytes: Buffer, before: string, stray: readonly number[]): Uint8Array {
  const at = bytes.indexOf(Buffer.from(before, 'utf8'));
  if (at < 0) throw new Error(`${before} not in the page`);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(stray), bytes.subarray(at)]);
}

/** CESU-8 (Java's "modified UTF-8"): a supplementary character as two three-byte surrogates. */
function cesu8(text: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) parts.push(Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]));
    else parts.push(Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** Overlong UTF-8: every ASCII character of `text` between `from` and `to` as two bytes (C0/C1 lead). */
function overlong(text: string): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- by code point on purpose: the test text is ASCII and BMP
  return Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 0x80 && /[a-z]/.test(c) ? Buffer.from([0xc0 | (c.charCodeAt(0) >> 6), 0x80 | (c.charCodeAt(0) & 0x3f)]) : Buffer.from(c, 'utf8'))));
}

const META_UTF8 = '<meta charset="utf-8">';
const allOf = (paragraphs: readonly string[]) => inOrder(paragraphs);

export const DECODING_CASES: readonly AdversarialCase[] = [
  {
    name: 'utf8-declared-one-latin1-byte.html',
    description: 'declared UTF-8, curly quotes and €, one Latin-1 byte (0xE9) pasted in: UTF-8 with one U+FFFD',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(EN), replacementChars(1), decodedAs('utf-8')),
    bytes: () => withBytes(Buffer.from(html(EN, META_UTF8)), 'Shops', [0xe9, 0x20]),
  },
  {
    name: 'utf8-undeclared-one-latin1-byte.html',
    description: 'no declaration, one curly quote in valid UTF-8 and one stray Latin-1 byte: UTF-8, not "councilâ€™s"',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(inOrder(['The council’s decision']), replacementChars(1), decodedAs('utf-8')),
    bytes: () => withBytes(Buffer.from(html(['The council’s decision to close the ferry pier surprised residents.', 'Shops near the harbour fear the closure.'], '')), 'Shops', [0xe9, 0x20]),
  },
  {
    name: 'utf8-declared-latin1-one-stray.html',
    description: 'declared ISO-8859-1, the bytes UTF-8 (60 multi-byte characters) with one stray byte: UTF-8',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(DE), replacementChars(1), decodedAs('utf-8')),
    bytes: () => withBytes(Buffer.from(html(DE, '<meta charset="iso-8859-1">', 'de')), 'Ab Montag', [0xfc, 0x20]),
  },
  {
    name: 'utf8-declared-cut-sequence.html',
    description: 'declared UTF-8, a multi-byte character cut in half (E2 80 without its last byte)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(EN), replacementChars(1), decodedAs('utf-8')),
    bytes: () => withBytes(Buffer.from(html(EN, META_UTF8)), 'Shops', [0xe2, 0x80, 0x20]),
  },
  {
    name: 'utf8-cesu8-emoji.html',
    description: 'declared UTF-8, an emoji in CESU-8 (surrogates as 3-byte sequences) in every paragraph: UTF-8, no mojibake, nothing legal',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(inOrder(EN.map((p) => p.slice(0, 30))), decodedAs('utf-8'), noSegmentOf('legal')),
    bytes: () => cesu8(html(EN.map((p) => `${p} 😀 🚢`), META_UTF8)),
  },
  {
    name: 'utf8-overlong-letters.html',
    description: 'declared UTF-8, letters written as overlong two-byte sequences in every paragraph: UTF-8, nothing legal',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(decodedAs('utf-8'), noSegmentOf('legal')),
    bytes: () => Buffer.concat([Buffer.from(html(EN, META_UTF8).split('<p>')[0]!), ...EN.map((p) => Buffer.concat([Buffer.from('<p>'), Buffer.from(p.slice(0, 40)), overlong(' copy'), Buffer.from(p.slice(40)), Buffer.from('</p>')])), Buffer.from('</article></main></body></html>')]),
  },
  {
    name: 'meta-charset-in-comment.html',
    description: 'a <meta charset="koi8-r"> inside a comment, then the real windows-1252 declaration: the comment is not obeyed',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(DE), noReplacementChar, decodedAs('windows-1252')),
    bytes: () => encode(html(DE, '<!-- <meta charset="koi8-r"> --><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', 'de'), 'windows-1252'),
  },
  {
    name: 'meta-http-equiv-refresh-charset.html',
    description: 'a charset in the content of a meta http-equiv="refresh" (not a content type): not obeyed',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(DE), noReplacementChar, decodedAs('windows-1252')),
    bytes: () => encode(html(DE, '<meta http-equiv="refresh" content="30; charset=koi8-r"><meta charset="windows-1252">', 'de'), 'windows-1252'),
  },
  {
    name: 'meta-content-without-http-equiv.html',
    description: 'a meta content="text/html; charset=koi8-r" without http-equiv, then meta charset=windows-1252: the first is not a declaration',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(DE), noReplacementChar, decodedAs('windows-1252')),
    bytes: () => encode(html(DE, '<meta name="description" content="text/html; charset=koi8-r"><meta charset="windows-1252">', 'de'), 'windows-1252'),
  },
  {
    name: 'meta-charset-in-attribute.html',
    description: 'a `<meta charset="koi8-r">` inside another element\'s attribute value, then the real declaration: the prescan skips attributes',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(DE), noReplacementChar, decodedAs('windows-1252')),
    bytes: () => encode(html(DE, '<link rel="alternate" title=\'<meta charset="koi8-r">\' href="/feed"><meta charset="windows-1252">', 'de'), 'windows-1252'),
  },
  {
    name: 'iso-2022-jp-undeclared.html',
    description: 'Japanese in ISO-2022-JP, declared nowhere: text, not escape sequences',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(JA), decodedAs('iso-2022-jp')),
    forbidden: ['\u001b', '$B'],
    bytes: () => iso2022jp(html(JA, '', 'ja')),
  },
  {
    name: 'euc-kr-undeclared.html',
    description: 'Korean in EUC-KR, declared nowhere',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(allOf(KO), decodedAs('euc-kr')),
    bytes: () => encode(html(KO, '', 'ko'), 'euc-kr'),
  },
  {
    name: 'gbk-declared-utf8.html',
    description: 'declared UTF-8, the bytes GBK (a liar of the corpus)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: allOf(ZH),
    bytes: () => encode(html(ZH, META_UTF8, 'zh'), 'gbk'),
  },
  {
    name: 'polish-legacy-declared-utf8.html',
    description: 'declared UTF-8, the bytes ISO-8859-2 Polish (a liar of the corpus)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: allOf(PL),
    bytes: () => encode(html(PL, META_UTF8, 'pl'), 'iso-8859-2'),
  },
];
