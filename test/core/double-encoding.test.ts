/**
 * UTF-8 encoded twice (src/core/double-encoding.ts): a page's UTF-8 bytes read as windows-1252 or
 * Latin-1 and stored as UTF-8 again ("â€”" for "—", "Ã©" for "é") is read as it was before, and the
 * document says so, and so is each twice-encoded sequence of a text that mixes them with real
 * characters; text that only looks like it (real accents and punctuation, a quoted "Ã©", an all-caps
 * word and its quote, "Straße»", "déterminé” »") is left as it is.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode.js';
import { repairMixedDoubleEncoding, undoDoubleEncoding } from '../../src/core/double-encoding.js';
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

  it('takes for twice-encoded as a whole neither a text that quotes one twice-encoded character nor one that mixes them with real characters', () => {
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

  describe('mixed with real characters', () => {
    /** `text` as its UTF-8 read as windows-1252 (or Latin-1) gives it, as a string: the mojibake of a paragraph pasted into a page of real characters. */
    const mojibake = (text: string, readAs: 'windows-1252' | 'latin1' = 'windows-1252'): string => encodedTwice(text, readAs).toString('utf8');
    const REAL = 'Zoë Müller’s café — “open” from 8 to 12 — Straße 12, 4,50 €.';

    it('repairs each twice-encoded sequence of a page that also holds real characters, and says so', () => {
      const menu = '<nav><a href="/">Café Zoë</a> · <a href="/über">Über uns</a></nav>';
      const document = cleanBytes(Buffer.from(article([...PARAGRAPHS.map((p) => mojibake(p)), REAL], { head: '<meta charset="utf-8"><title>Café — news</title>', before: menu }), 'utf8'));
      const text = everyText(document);
      for (const paragraph of [...PARAGRAPHS, REAL]) expect(text).toContain(paragraph);
      expect(text).not.toMatch(/Ã|â€/);
      expect(document.source.encoding).toBe('utf-8');
      expect(document.source.doubleEncoded).toBe(true);
    });

    it('repairs a plain-text scrape so, a Latin-1 dash (two C1 controls) alone, and text encoded three times', () => {
      const scrape = `${REAL}\n\n${mojibake('Der Zug fährt über die Brücke.')}\n\n${mojibake(mojibake('Next Gen® suite — naïve'))}\n`;
      const decoded = decode({ bytes: Buffer.from(scrape, 'utf8'), name: 'scrape.txt' }, 1 << 20);
      expect(decoded.text).toBe(`${REAL}\n\nDer Zug fährt über die Brücke.\n\nNext Gen® suite — naïve\n`);
      expect(decoded.doubleEncoded).toBe(true);
      // One sequence, but its C1 controls are no character real text writes.
      expect(repairMixedDoubleEncoding(`Trends Report ${mojibake('–', 'latin1')} 2025, by Zoë`)).toBe('Trends Report – 2025, by Zoë');
      // Chinese and an emoji with its variation selector.
      expect(repairMixedDoubleEncoding(`Zoë said ${mojibake('中文')} and ${mojibake('❤️')}, then ${mojibake('naïve')}.`)).toBe('Zoë said 中文 and ❤️, then naïve.');
    });

    it('leaves real text that reads as a sequence, in a text whose mojibake it repairs', () => {
      const lookAlikes = [
        'Die Straße» und der Fluss', // ß and a guillemet: the NKo letter U+07FB
        'Maß\u00adnahmen', // ß and a soft hyphen: U+07ED
        '« calme et déterminé”\u00a0»', // é, a quote, a no-break space: a lone CJK ideograph
        'yhä”\u00a0– ja', // ä, a quote, a no-break space: another
        'Voilà\u00a0» dit-il', // à, a no-break space, a guillemet: Samaritan
        'NESTLÉ® and NESCAFÉ®', // É and ®: IPA
        'Rosa ×\u00a0medioccidentis', // × and a no-break space: Hebrew
        '“IRMÔ, “AMANHÔ and “PÄIVÄ»', // an all-caps word's last letter and its closing quote: Ô, Ļ
      ];
      const text = `${mojibake('Der Zug fährt über die Brücke — schön.')} ${lookAlikes.join(' ')} ${mojibake('Café')}`;
      expect(repairMixedDoubleEncoding(text)).toBe(`Der Zug fährt über die Brücke — schön. ${lookAlikes.join(' ')} Café`);
    });

    it('leaves mojibake named between quotes, in prose or in code, where the rest is repaired', () => {
      const quoted = ['I saw &quot;Ã¤&quot; instead of &quot;ä&quot;', `headline.replace("Ã¢â‚¬Ëœ", "'").replace("Ã¢â‚¬Å“", '"')`, "'Ã©' is é"];
      const text = `${mojibake('Über die Brücke — schön.')} ${quoted.join(' ')}`;
      expect(repairMixedDoubleEncoding(text)).toBe(`Über die Brücke — schön. ${quoted.join(' ')}`);
    });

    it('repairs mojibake inside a word in one place only: an image\'s alt, a link\'s title, what captions and metadata carry', () => {
      // One place was left as a text that names mojibake ("turns é into Ã© on a bad day"); such a text writes it as a token of
      // its own. Inside a word, it is the word's mojibake: six corpus pages had "SprÃ¼hregen" in an alt, "JÃ¤ger" in a title.
      const image = (alt: string) => `<figure><img src="/rain.png" alt="${alt}"><figcaption>Radar, Monday</figcaption></figure>`;
      const html = (alt: string, title: string) =>
        article(['The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.', 'The operator said a second vessel would join the route in the spring.'], {
          head: '<meta charset="utf-8"><title>Ferry</title>',
          before: `${image(alt)}<a href="https://jaeger.example/" title="${title}">Workshop</a>`,
        });
      const document = cleanBytes(Buffer.from(html('SprÃ¼hregen über MedellÃ­n', 'Textwerkstatt JÃ¤ger'), 'utf8'), 'page.html', null, { explain: true });
      expect(document.images?.map((i) => i.alt)).toContain('Sprühregen über Medellín');
      expect(document.source.doubleEncoded).toBe(true);
      expect(repairMixedDoubleEncoding('<a title="Textwerkstatt JÃ¤ger">')).toBe('<a title="Textwerkstatt Jäger">');
      // The quotes of an attribute's value are no quotes that name it.
      expect(repairMixedDoubleEncoding('<img alt="InfogrÃ¡fico" title=\'MedellÃ­n\'>')).toBe('<img alt="Infográfico" title=\'Medellín\'>');
      // Not when one run of them stands alone, as a text naming mojibake writes it, nor between quotes.
      expect(repairMixedDoubleEncoding('<img alt="Ã© for é">')).toBeNull();
      expect(repairMixedDoubleEncoding('<p>it showed zurÃ¼ck and Ã¼ber</p>')).toBe('<p>it showed zurück and über</p>');
      expect(repairMixedDoubleEncoding('<img alt="it showed &quot;JÃ¤ger&quot;">')).toBeNull();
    });

    it('leaves a text whose sequences stand in one place only, however often it is repeated', () => {
      const title = 'Mojibake turns é into Ã© on a bad day';
      expect(repairMixedDoubleEncoding(`<title>${title}</title><meta property="og:title" content="${title}"><h1>${title}</h1>`)).toBeNull();
      const document = cleanBytes(Buffer.from(article([`${title}, and a sentence of its own that says enough.`], { head: `<title>${title}</title>` }), 'utf8'));
      expect(everyText(document)).toContain(title);
      expect(document.source.doubleEncoded).toBeUndefined();
    });
  });
});

describe('twice-encoded sequences written as character references', () => {
  // A CMS escaped its mojibake as HTML entities: "isn&acirc;&euro;&trade;t". The parser decodes them after the repair
  // of the decoded text, which never saw them: the page came out with "isnâ€™t" (one page of the modern-web corpus).
  const paragraphs = [
    'Artificial intelligence isn&acirc;&euro;&trade;t just changing how we optimise websites &acirc;&euro;&rdquo; it is reshaping search.',
    'The council&acirc;&euro;&trade;s ferry plan, approved on Monday, adds a second crossing &Atilde;&nbsp; la demande des usagers.',
    'Caf&Atilde;&copy; owners on the quay said the timetable was &acirc;&euro;&#157;late&acirc;&euro;&#157; again.',
    'A return ticket costs 12Â&nbsp;euros, a bicycle 3Â&nbsp;euros more.',
  ];
  const repaired = [
    'Artificial intelligence isn’t just changing how we optimise websites — it is reshaping search.',
    'The council’s ferry plan, approved on Monday, adds a second crossing à la demande des usagers.',
    'Café owners on the quay said the timetable was ”late” again.',
    'A return ticket costs 12 euros, a bicycle 3 euros more.',
  ];

  it.each([
    ['UTF-8', 'utf-8', '<meta charset="utf-8"><title>Ferry</title>'],
    ['windows-1252', 'windows-1252', '<meta charset="windows-1252"><title>Ferry</title>'],
    ['ASCII, nothing declared', 'utf-8', '<title>Ferry</title>'],
  ])('are repaired on a page in %s', (_label, charset, head) => {
    const document = cleanBytes(iconv.encode(article(paragraphs, { head }), charset));
    for (const text of repaired) expect(everyText(document)).toContain(text);
    expect(everyText(document)).not.toMatch(/â€|Ã|Â/);
    expect(document.source.doubleEncoded).toBe(true);
  });

  it('while references of real characters, and mojibake named once between quotes, are read as written', () => {
    const real = article(['Le caf&eacute; &agrave; c&ocirc;t&eacute; du quai&nbsp;&nbsp;&raquo; ferme &agrave; midi &amp; rouvre &agrave; 14&nbsp;h.', 'The editor turned &quot;&Atilde;&copy;&quot; into é at last.']);
    const document = cleanBytes(Buffer.from(real));
    expect(everyText(document)).toContain('Le café à côté du quai');
    expect(everyText(document)).toContain('» ferme à midi & rouvre à 14');
    expect(everyText(document)).toContain('The editor turned "Ã©" into é at last.');
    expect(document.source.doubleEncoded).toBeUndefined();
  });
});
