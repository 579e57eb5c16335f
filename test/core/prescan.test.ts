/**
 * The `<meta>` prescan (src/core/prescan.ts) is the HTML standard's: examples of what it obeys
 * and skips, and a differential test against html-encoding-sniffer (jsdom's, a dev dependency) on
 * generated markup: the same declaration found, or none, every time. (encoding-sniffer, the one
 * cheerio ships, was tried as the reference first: it departs from the standard's text in the
 * ways pinned at the end.)
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { charsetFromContent, encodingForLabel, prescan } from '../../src/core/prescan.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const found = (text: string, max = 8192) => prescan(bytes(text), max)?.encoding ?? null;

describe('prescan', () => {
  it('reads <meta charset> and <meta http-equiv="content-type" content="…charset=…">', () => {
    expect(found('<html><head><meta charset="koi8-r"></head>')).toBe('koi8-r');
    expect(found("<META CHARSET='Shift_JIS'>")).toBe('shift_jis');
    expect(found('<meta charset=iso-8859-2>')).toBe('iso-8859-2');
    expect(found('<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">')).toBe('windows-1250');
    expect(found('<meta content="text/html;charset=\'gbk\'" http-equiv=content-type>')).toBe('gbk');
    expect(found('<meta/charset="euc-kr">')).toBe('euc-kr');
  });

  it('skips what a browser skips', () => {
    expect(found('<!-- <meta charset="koi8-r"> --><meta charset="windows-1252">')).toBe('windows-1252');
    expect(found('<meta http-equiv="refresh" content="5; charset=koi8-r"><meta charset="utf-8">')).toBe('utf-8');
    expect(found('<meta name="description" content="charset=koi8-r">')).toBeNull();
    expect(found('<a title=\'<meta charset="koi8-r">\'><meta charset="windows-1252">')).toBe('windows-1252');
    expect(found('<metacharset="koi8-r">')).toBeNull();
    expect(found('<meta charset="no-such-label"><meta charset="koi8-r">')).toBe('koi8-r');
    expect(found('<meta charset="koi8-r" charset="utf-8">')).toBe('koi8-r');
  });

  it('maps UTF-16 declarations to UTF-8 and x-user-defined to windows-1252, as the standard does', () => {
    expect(found('<meta charset="utf-16">')).toBe('utf-8');
    expect(found('<meta charset="x-user-defined">')).toBe('windows-1252');
  });

  it('reads an XML declaration at the start as the fallback', () => {
    expect(prescan(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><html>'), 8192)).toEqual({ encoding: 'windows-1252', source: 'xml' });
    expect(prescan(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><meta charset="koi8-r">'), 8192)).toEqual({ encoding: 'koi8-r', source: 'meta' });
    expect(prescan(bytes(' <?xml version="1.0" encoding="ISO-8859-1"?>'), 8192)).toBeNull();
  });

  it('reads no further than its bytes', () => {
    const late = `${' '.repeat(2000)}<meta charset="koi8-r">`;
    expect(found(late, 1024)).toBeNull();
    expect(found(late, 8192)).toBe('koi8-r');
    expect(found('<meta charset="koi8-r', 8192)).toBeNull();
  });

  it('passes over labels the runtime cannot decode (the standard\'s replacement encoding)', () => {
    expect(encodingForLabel('iso-2022-kr')).toBeNull();
    expect(charsetFromContent('text/html; charset=iso-2022-kr')).toBeNull();
    expect(found('<meta charset="iso-2022-kr"><meta charset="koi8-r">')).toBe('koi8-r');
  });
});

describe('the prescan against html-encoding-sniffer', () => {
  /** Labels both know (not the replacement ones, which the standard maps to a decoder this prescan passes over). */
  const LABELS = ['utf-8', 'UTF8', 'koi8-r', 'windows-1252', 'latin1', 'iso-8859-2', 'shift_jis', 'gbk', 'euc-kr', 'utf-16', 'utf-16be', 'x-user-defined', 'no-such', ' koi8-u ', 'big5'];
  /** Markup soup: every byte sequence the prescan's steps branch on, in any order. */
  const PIECES = [
    '<meta', '<META', '<meta ', '<meta/', '<metax', ' ', '\t', '\n', '\f', '\r', '/', '>', '=', '"', "'", ';', 'charset', 'CharSet', 'charset=', 'http-equiv', 'HTTP-EQUIV',
    'content', 'content-type', 'Content-Type', 'text/html;', 'refresh', '<!--', '-->', '<!-->', '--!>', '--', '-', '<!', '<?', '</', '</a', '<a ', '<p>', 'title=', 'x', 'name=',
  ];
  const soup = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PIECES) }, { weight: 2, arbitrary: fc.constantFrom(...LABELS) });
  /** And whole meta tags, attributes in random order and quoting, values sometimes unterminated, attributes sometimes repeated. */
  const quoted = (value: string) => fc.constantFrom(`"${value}"`, `'${value}'`, value, `"${value}`);
  const attribute = fc.oneof(
    fc.constantFrom(...LABELS).chain((l) => quoted(l).map((v) => `charset=${v}`)),
    fc.constantFrom('content-type', 'Content-Type', 'refresh', 'x').chain((v) => quoted(v).map((q) => `http-equiv=${q}`)),
    fc.tuple(fc.constantFrom(...LABELS), fc.constantFrom('text/html; charset=', 'charset = ', 'text/html;charset="', "charset='", 'x;charset=', 'charsetcharset=', 'charset')).chain(([l, pre]) => quoted(pre + l).map((q) => `content=${q}`)),
    fc.constantFrom('name="x"', 'x', 'a=b', '/'),
  );
  const metaTag = fc
    .tuple(fc.constantFrom('<meta ', '<META\t', '<meta/'), fc.array(attribute, { maxLength: 4 }), fc.constantFrom(' ', '\t', ' / '), fc.constantFrom('>', '/>', ' >', ''))
    .map(([open, attributes, separator, close]) => `${open}${attributes.join(separator)}${close}`);
  // Closed at the end (a quote of each kind, a `>`, a comment's end): a tag cut off by the end of the bytes declares nothing
  // here (pinned above), where html-encoding-sniffer reads on past its last byte.
  const markup = fc.array(fc.oneof({ weight: 3, arbitrary: soup }, { weight: 1, arbitrary: metaTag }), { maxLength: 30 }).map((parts) => `${parts.join('')}"'"'>-->`);

  /** jsdom's sniffer, a transcription of the standard's algorithm by one of its editors (no types: a dev dependency's CommonJS). */
  const sniff = createRequire(import.meta.url)('html-encoding-sniffer') as (bytes: Uint8Array, options: { defaultEncoding: string }) => string;
  /** A charset attribute before a content attribute in one tag: html-encoding-sniffer's departure (pinned below) can show. */
  const CHARSET_BEFORE_CONTENT = /<meta[\s\S]*charset[\s\S]*content/i;
  /** An end tag: html-encoding-sniffer skips it to its first `>`, not over its attributes (pinned below). */
  const END_TAG = /<\/[a-z]/i;
  const NONE = 'none found';
  /** Its answer; undefined where it throws (6.0 reads past the end of a content value that ends in "charset"). */
  function sniffed(input: Buffer): string | null | undefined {
    let encoding: string;
    try {
      encoding = sniff(input, { defaultEncoding: NONE });
    } catch {
      return undefined;
    }
    return encoding === NONE ? null : new TextDecoder(encoding).encoding;
  }

  it('finds the same declaration, or none, on generated markup (its prescan reads 1,024 bytes)', () => {
    fc.assert(
      fc.property(markup, (text) => {
        const input = bytes(text);
        const reference = sniffed(input);
        fc.pre(reference !== undefined && !CHARSET_BEFORE_CONTENT.test(text) && !END_TAG.test(text));
        const ours = prescan(input, 1024);
        expect(ours?.source === 'meta' ? ours.encoding : null).toBe(reference);
      }),
      { seed: 20_261_204, numRuns: 5000 },
    );
  });

  // encoding-sniffer 0.2 (cheerio's) departs from the standard on each of these; this prescan and
  // html-encoding-sniffer follow its text.
  it('follows the standard where encoding-sniffer does not', () => {
    // "A sequence of bytes starting with: 0x3C 0x4D|0x6D … (`<meta`) followed by 0x09, 0x0A, 0x0C, 0x0D, 0x20, or 0x2F".
    expect(found('<meta/charset="koi8-r">')).toBe('koi8-r');
    expect(found('<meta\fcharset="koi8-r">')).toBe('koi8-r');
    // "If the attribute's name is …": names are whole, not prefixes.
    expect(found('<meta charsetx="koi8-r">')).toBeNull();
    // "Get an attribute", step 1: a 0x2F byte between attributes is skipped like white space.
    expect(found('<meta content="x" / charset="koi8-r">')).toBe('koi8-r');
    // Step 7: an attribute already seen in this tag is skipped.
    expect(found('<meta http-equiv="refresh" content="charset=koi8-r" http-equiv="content-type">')).toBeNull();
    // The tag is read to its end before anything is decided: a later charset attribute that fails wins over the content.
    expect(found('<meta http-equiv="content-type" content="charset=koi8-r" charset="bogus">')).toBeNull();
    // Where html-encoding-sniffer departs too: a charset attribute whose label fails is no longer "null" (step 5 keeps
    // the two apart), so a content attribute after it is not read.
    expect(found('<meta charset="bogus" content="text/html; charset=koi8-r" http-equiv="content-type">')).toBeNull();
    // And an end tag's attributes are skipped as a start tag's are ("`<`, optionally `/`, and an ASCII letter").
    expect(found('</p title="<meta charset=koi8-r>">')).toBeNull();
    // (and where html-encoding-sniffer throws: a content value that ends in "charset")
    expect(found('<meta http-equiv="content-type" content="text/html; charset">')).toBeNull();
    for (const text of ['<meta/charset="koi8-r">', '<meta charsetx="koi8-r">', '<meta http-equiv="refresh" content="charset=koi8-r" http-equiv="content-type">']) {
      expect(found(text)).toBe(sniffed(bytes(text)));
    }
  });
});
