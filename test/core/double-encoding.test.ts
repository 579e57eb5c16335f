/**
 * UTF-8 encoded twice (src/core/double-encoding.ts): a page's UTF-8 bytes read as windows-1252 or
 * Latin-1 and stored as UTF-8 again ("â€”" for "—", "Ã©" for "é") is read as it was before, and the
 * document says so; text that only looks like it (real accents and punctuation, a quoted "Ã©", a page
 * mixing the two) is left as it is.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode.js';
import { undoDoubleEncoding } from '../../src/core/double-encoding.js';
import { article, cleanBytes, everyText } from './helpers.js';

/** The five bytes windows-1252 leaves undefined, which the Encoding Standard reads as C1 controls (iconv-lite as U+FFFD). */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The UTF-8 bytes of `text` read as windows-1252 as the Encoding Standard reads it (or as Latin-1, which reads bytes 0x80-0x9F as C1 controls), then encoded as UTF-8. */
function encodedTwice(text: string, readAs: 'windows-1252' | 'latin1'): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const read = readAs === 'latin1' ? utf8.toString('latin1') : Array.from(utf8, (byte) => (UNDEFINED_IN_1252.has(byte) ? String.fromCharCode(byte) : iconv.decode(Buffer.of(byte), 'windows-1252'))).join('');
  return Buffer.from(read, 'utf8');
}

const PARAGRAPHS = [
  'The café’s new menu — launched on Monday — drew a crowd of regulars who said it was “worth the wait”.',
  'Prices start at 4,50 € for a crème brûlée, and the owner, Zoë Müller, plans a second shop in Straße 12 next year.',
];
const PAGE = article(PARAGRAPHS, { head: '<meta charset="utf-8"><title>Café — news</title>' });

describe('UTF-8 encoded twice', () => {
  it('reads a page stored through windows-1252 as the page it was, and says so', () => {
    const bytes = encodedTwice(PAGE, 'windows-1252');
    expect(bytes.toString('utf8')).toContain('â€”');
    const document = cleanBytes(bytes);
    const text = everyText(document);
    for (const paragraph of PARAGRAPHS) expect(text).toContain(paragraph);
    expect(document.title).toBe('Café — news');
    expect(text).not.toMatch(/Ã|â€/);
    expect(document.source.encoding).toBe('utf-8');
    expect(document.source.doubleEncoded).toBe(true);
  });

  it('reads one stored through Latin-1 (C1 controls for the bytes 0x80-0x9F), letters beyond windows-1252 too', () => {
    const paragraphs = [...PARAGRAPHS, 'Łukasz wrote from Łódź that the “new” menu is a success.'];
    const document = cleanBytes(encodedTwice(article(paragraphs, { head: '<meta charset="utf-8">' }), 'latin1'));
    for (const paragraph of paragraphs) expect(everyText(document)).toContain(paragraph);
    expect(document.source.doubleEncoded).toBe(true);
  });

  it('reads a plain-text scrape stored so, and drops a byte order mark encoded with it', () => {
    const text = `\uFEFF${PARAGRAPHS.join('\n\n')}\n`;
    const decoded = decode({ bytes: encodedTwice(text, 'windows-1252'), name: 'scrape.txt' }, 1 << 20);
    expect(decoded.text).toBe(PARAGRAPHS.join('\n\n') + '\n');
    expect(decoded.doubleEncoded).toBe(true);
  });

  it('leaves real accents, quotes and symbols as they are, those a lead byte could start among them', () => {
    // Each pairs a character UTF-8 uses as a lead byte (Â-ô) with one it uses as a continuation byte.
    const texts = ['Die Straße» und der Fluss', 'Voilà\u00a0: un café', 'Â© 2024 Ça va', 'naïve “quotes” — and dashes'];
    for (const text of texts) {
      expect(undoDoubleEncoding(text)).toBeNull();
      const document = cleanBytes(Buffer.from(article([`${text} in a sentence of its own that says enough.`]), 'utf8'));
      expect(everyText(document)).toContain(text.replace('\u00a0', ' '));
      expect(document.source.doubleEncoded).toBeUndefined();
    }
  });

  it('leaves a text that quotes one twice-encoded character, and one that mixes them with real characters', () => {
    expect(undoDoubleEncoding('Mojibake turns é into Ã© on a bad day.')).toBeNull();
    expect(undoDoubleEncoding('CafÃ© and crÃ¨me, but Zoë is real.')).toBeNull();
    expect(undoDoubleEncoding('CafÃ© and crÃ¨me brÃ»lÃ©e')).toBe('Café and crème brûlée');
  });

  it('leaves pages of other encodings and of ASCII alone', () => {
    expect(undoDoubleEncoding('Only ASCII here, nothing to undo.')).toBeNull();
    const latin = cleanBytes(iconv.encode(article(PARAGRAPHS, { head: '<meta charset="windows-1252">' }), 'windows-1252'));
    for (const paragraph of PARAGRAPHS) expect(everyText(latin)).toContain(paragraph);
    expect(latin.source.doubleEncoded).toBeUndefined();
  });
});
