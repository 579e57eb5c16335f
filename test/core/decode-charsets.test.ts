/**
 * Decoding per charset: declared by the content type, by <meta charset>, by http-equiv, or not
 * at all (sniffed); byte-order marks and UTF-16 without one; and pages whose declaration lies.
 * Each page is built here and encoded with iconv-lite; the core decodes with TextDecoder.
 */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBig5 } from '../../src/core/big5.js';
import { decodeEucKr } from '../../src/core/euc-kr.js';
import { article, cleanBytes, encode, everyText } from './helpers.js';

/** A paragraph per charset, written so statistical detection has enough to go on when nothing is declared. */
const SAMPLES = {
  'windows-1252': 'Le café « Chez Zoé » a rouvert ses portes hier. Les habitués étaient ravis : « C’est comme à la maison », a déclaré Hélène, 72 ans. Le prix du crème reste à 2,50 € — une très bonne nouvelle pour le quartier.',
  'iso-8859-2': 'Zażółć gęślą jaźń. Władze miasta ogłosiły dziś nowy plan transportowy. Według planu od przyszłego roku linie autobusowe zostaną gruntownie zmienione, co ma poprawić wygodę pasażerów. Świętokrzyskie, Łódź i Gdańsk również skorzystają.',
  shift_jis: '東京都は本日、新しい交通計画を発表した。計画によると、来年から市内のバス路線が大幅に見直され、利用者の利便性が向上する見込みだ。関係者は「多くの市民に喜んでもらえるだろう」と話している。',
  gbk: '北京市政府今天宣布了新的城市交通规划。根据该计划，明年起市内公交线路将进行大幅调整，以提高市民出行的便利性。有关负责人表示，这项措施将惠及广大市民。',
  big5: '台北市政府今天宣布了新的城市交通規劃。根據該計劃，明年起市內公車路線將進行大幅調整，以提高市民出行的便利性。有關負責人表示，這項措施將惠及廣大市民。',
  'koi8-r': 'Москва - столица России. Сегодня в городе прошёл большой праздник, на улицы вышли тысячи жителей. Погода была тёплой, и люди гуляли по паркам до позднего вечера.',
} as const;

type Charset = keyof typeof SAMPLES;
const CHARSETS = Object.keys(SAMPLES) as Charset[];

/** Names the core may report: GBK bytes are also valid GB18030, its superset, which detection may name. */
const ACCEPTED: Record<Charset, readonly string[]> = {
  'windows-1252': ['windows-1252'],
  'iso-8859-2': ['iso-8859-2'],
  shift_jis: ['shift_jis'],
  gbk: ['gbk', 'gb18030'],
  big5: ['big5'],
  'koi8-r': ['koi8-r'],
};

function expectDecoded(bytes: Uint8Array, text: string, charset: Charset, name = 'page.html', contentType: string | null = null): void {
  const document = cleanBytes(bytes, name, contentType, { explain: true });
  expect(everyText(document)).toContain(text);
  expect(ACCEPTED[charset]).toContain(document.source.encoding);
}

describe.each(CHARSETS)('%s', (charset) => {
  const text = SAMPLES[charset];

  it('declared by the content type', () => {
    expectDecoded(encode(article([text]), charset), text, charset, 'page.html', `text/html; charset=${charset}`);
  });

  it('declared by <meta charset>', () => {
    expectDecoded(encode(article([text], { head: `<meta charset="${charset}">` }), charset), text, charset);
  });

  it('declared by <meta http-equiv="Content-Type">', () => {
    const head = `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
    expectDecoded(encode(article([text], { head }), charset), text, charset);
  });

  it('undeclared in an HTML page (sniffed)', () => {
    expectDecoded(encode(article([text]), charset), text, charset);
  });

  it('undeclared in a plain-text scrape (sniffed)', () => {
    expectDecoded(encode(`${text}\n\n${text}\n`, charset), text, charset, 'page.txt');
  });
});

describe('an undeclared page of a paragraph in another script beside English navigation', () => {
  // The ASCII of the menu and of an English line outweighs a paragraph of Cyrillic, Greek, Hebrew or Arabic in
  // chardet's statistics: it ranked windows-1252 first, and the paragraph came out as "Ïàðîì âîçîáíîâèë ðàáîòó".
  const menu = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a> <a href="/about">About us</a></nav>';
  // Greek and Hebrew: their ISO encodings hold the same letters at the same bytes, and detection may name either.
  it.each([
    ['windows-1251', 'Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили официальные лица.'],
    ['koi8-r', 'Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили официальные лица.'],
    ['windows-1253', 'Το πλοίο επανέλαβε τα δρομολόγιά του τη Δευτέρα μετά από μια εβδομάδα επισκευών στη μηχανή του.'],
    ['windows-1255', 'המעבורת חזרה לפעול ביום שני לאחר שבוע של תיקונים במנוע שלה, כך אמרו גורמים רשמיים.'],
    ['windows-1256', 'استأنفت العبارة خدمتها يوم الاثنين بعد أسبوع من إصلاح محركها، حسبما قال المسؤولون.'],
  ])('is read in its script (%s), not as windows-1252', (charset, text) => {
    const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><p>The summary in English for readers abroad.</p><p>${text}</p></article></body></html>`;
    const document = cleanBytes(encode(html, charset));
    expect(everyText(document)).toContain(text);
    expect({ 'windows-1253': ['windows-1253', 'iso-8859-7'], 'windows-1255': ['windows-1255', 'iso-8859-8'] }[charset] ?? [charset]).toContain(document.source.encoding);
  });

  it.each([
    ['Ukrainian', 'Пором відновив роботу в понеділок після тижня ремонту двигуна, повідомили посадовці.'],
    ['Bulgarian', 'Фериботът възобнови работа в понеделник след седмица ремонт на двигателя, съобщиха официални лица.'],
  ])('a %s paragraph (windows-1251) beside English text and a page script is read in Cyrillic', (_language, text) => {
    // With the script's ASCII besides, chardet ranked no Cyrillic encoding at all (ISO-8859-1 46, ISO-8859-2 21, …), and
    // the paragraph came out as "Ïîðîì â³äíîâèâ ðîáîòó": the ranking of the text runs that hold high bytes has windows-1251 first.
    const script = `<script>${'function track(a,b){var c=document.createElement("script");c.src="https://stats.example/track.js?id="+a+"&ref="+encodeURIComponent(b);document.head.appendChild(c);}'.repeat(20)}</script>`;
    const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title>${script}</head><body>${menu}<article><h1>Ferry</h1><p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn. The operator said a second vessel would join the route in the spring.</p><p>${text}</p></article></body></html>`;
    const document = cleanBytes(encode(html, 'windows-1251'));
    expect(everyText(document)).toContain(text);
    expect(document.source.encoding).toBe('windows-1251');
  });

  it.each([
    ['Russian', 'Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.'],
    ['Bulgarian', 'Времето в София днес ще бъде слънчево, без валежи. Температурата на въздуха през деня ще бъде около двадесет градуса.'],
  ])('a %s page of IBM866 (DOS Cyrillic), undeclared, is read in it', (_language, text) => {
    // chardet has no statistics for IBM866: the page came out as windows-1257, "¸®£®¤ ¢ ®įŖ¢�" for "Погода в Москве".
    for (const html of [article([text]), `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><p>${text}</p></article></body></html>`]) {
      const document = cleanBytes(encode(html, 'ibm866'));
      expect(everyText(document)).toContain(text);
      expect(document.source.encoding).toBe('ibm866');
    }
  });

  it('a Polish paragraph (windows-1250, ISO-8859-2) is read in its encoding, not with ł, ą, ż as ³, ¹, ¿', () => {
    // chardet ranked windows-1252 first: "wznowi³ kursy w poniedzia³ek", without a word. It tells windows-1250 from
    // ISO-8859-2 no better than before (they differ at ą, ś, ź): the windows-1250 text holds the letters both share.
    const text = 'Prom wznowił kursy w poniedziałek po tygodniu naprawy silnika, poinformowali urzędnicy. Może to potrwać, ciąg dalszy nastąpi.';
    const shared = 'Prom wznowił kursy w poniedziałek po tygodniu naprawy silnika, poinformowali urzędnicy. Może to potrwać, ale żółty prom już płynie.';
    for (const [charset, words] of [['iso-8859-2', text], ['windows-1250', shared]] as const) {
      const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><p>The summary in English for readers abroad.</p><p>${words}</p></article></body></html>`;
      const document = cleanBytes(encode(html, charset));
      expect(everyText(document), charset).toContain(words);
      expect(['windows-1250', 'iso-8859-2']).toContain(document.source.encoding);
    }
  });

  // Central European, Turkish and Baltic letters read as windows-1252 are letters too ("Pøívoz", "pondìlí", "haftalýk"):
  // chardet's statistics of languages counted the English of the page for Latin-1, whose language list has English.
  const english =
    '<p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn. The operator said a second vessel would join the route in the spring.</p>';
  it.each([
    ['Czech', 'windows-1250', 'Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas se všemi obsazenými místy.'],
    ['Czech', 'iso-8859-2', 'Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas se všemi obsazenými místy.'],
    ['Slovak', 'windows-1250', 'Trajekt po týždni opráv motora v pondelok opäť vyplával, uviedli úradníci. Cestujúci stáli v rade od úsvitu a prvá plavba odišla načas so všetkými obsadenými miestami.'],
    ['Croatian', 'windows-1250', 'Trajekt je u ponedjeljak ponovno isplovio nakon tjedan dana popravka motora, rekli su dužnosnici. Putnici su čekali u redu od zore, a prvo putovanje krenulo je na vrijeme.'],
    ['Hungarian', 'iso-8859-2', 'A komp a motor egyhetes javítása után hétfőn újra elindult, közölték a tisztviselők. Az utasok hajnaltól sorban álltak, és az első járat időben indult, minden hely foglalt volt.'],
    ['Turkish', 'windows-1254', 'Feribot, motorunun bir haftalık onarımının ardından pazartesi günü yeniden çalışmaya başladı, yetkililer açıkladı. Yolcular şafaktan itibaren sıraya girdi ve ilk sefer zamanında kalktı.'],
    ['Lithuanian', 'windows-1257', 'Keltas pirmadienį vėl pradėjo kursuoti po savaitės variklio remonto, pranešė pareigūnai. Keleiviai eilėje stovėjo nuo aušros, o pirmasis reisas išplaukė laiku, visos vietos buvo užimtos.'],
  ])('a %s paragraph (%s) beside an English one is read in its encoding, not as windows-1252', (_language, charset, text) => {
    const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${english}<p>${text}</p></article></body></html>`;
    const document = cleanBytes(encode(html, charset));
    expect(everyText(document)).toContain(text);
    expect(document.source.encoding).not.toBe('windows-1252');
  });

  it.each([
    ['Latvian', 'windows-1257', 'Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas, un pirmais reiss izbrauca laikā ar visām aizņemtajām vietām.'],
    ['Latvian', 'iso-8859-13', 'Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas, un pirmais reiss izbrauca laikā ar visām aizņemtajām vietām.'],
    ['Romanian', 'iso-8859-16', 'Feribotul și-a reluat cursele luni, după o săptămână de reparații la motor, au declarat „oficialii”. Pasagerii au stat la coadă încă din zori, iar prima cursă a plecat la timp. Biletul costă 5 €.'],
    // ISO-8859-4 (Latin-4), which chardet never names: windows-1252 "Pràmis … kursºt pºc nedº¶u", ISO-8859-2 "věl pradějo pirmadienç".
    ['Latvian', 'iso-8859-4', 'Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas, un pirmais reiss izbrauca laikā ar visām aizņemtajām vietām.'],
    ['Lithuanian', 'iso-8859-4', 'Keltas pirmadienį vėl pradėjo kursuoti po savaitės variklio remonto, pranešė pareigūnai. Keleiviai eilėje stovėjo nuo aušros, o pirmasis reisas išplaukė laiku, visos vietos buvo užimtos.'],
  ])('a %s paragraph (%s), beside an English one or alone, is read in its letters, not another language\'s', (_language, charset, text) => {
    // chardet has Latvian statistics but ranked windows-1252 first ("Prâmis atsâka kursçt pçc nedçïu … kopð": letters of
    // French, Italian and Icelandic in one text), and ISO-8859-2 for the Romanian of ISO-8859-16 ("Ľoficialiiľ", "ş", "¤"),
    // which it never names. (Romanian of ISO-8859-16 without its quotes or euro sign reads alike in ISO-8859-2, but for the
    // cedilla of ş and ţ: the bytes cannot tell.)
    for (const before of [english, '']) {
      const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${before}<p>${text}</p></article></body></html>`;
      const document = cleanBytes(encode(html, charset));
      expect(everyText(document)).toContain(text);
    }
  });

  it('a page of its own Latin encoding with a few letters of other languages keeps its reading', () => {
    // Names from other languages are letters outside the page's alphabet too, but every other reading makes more of them.
    for (const [charset, text] of [
      ['windows-1252', 'Le ferry a repris son service lundi, a déclaré Søren Ibáñez, après une semaine de réparations. Þórunn était à bord.'],
      ['windows-1252', 'Die Fähre fährt wieder, sagte Åsa Ødegård am Montag. Über die Brücke fahren nun auch Busse aus Lodz nach Straßburg.'],
      ['iso-8859-2', 'Trajekt po týždni opráv motora v pondelok opäť vyplával, uviedli úradníci. Ľudia stáli v rade od úsvitu, ľahko a načas.'],
      ['windows-1250', 'Feribotul şi-a reluat cursele luni, după o săptămână de reparaţii la motor, au declarat oficialii. Ţara întreagă.'],
    ] as const) {
      const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${english}<p>${text}</p></article></body></html>`;
      const document = cleanBytes(encode(html, charset));
      expect(everyText(document), text).toContain(text);
    }
  });

  it('so is a Czech plain-text scrape whose English lines come first', () => {
    const text = 'Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas se všemi obsazenými místy.';
    const scrape = `Harbour Gazette\nHome | News | Sport | Weather\n\n${english.slice('<p>'.length, -'</p>'.length)}\n\n${text}\n`;
    const document = cleanBytes(encode(scrape, 'windows-1250'), 'page.txt');
    expect(everyText(document)).toContain(text);
    expect(document.source.encoding).toBe('windows-1250');
  });

  it('while Latin text beside the same menu keeps its Latin reading (accents inside words of ASCII letters)', () => {
    for (const [charset, text] of [
      ['windows-1252', 'Le ferry a repris son service lundi après une semaine de réparations, ont déclaré les responsables. Été comme hiver, à Nantes.'],
      ['windows-1252', 'Die Fähre nahm am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder auf. Über die Brücke, Straße, Größe.'],
      ['windows-1252', 'Ferjan hóf siglingar á ný á mánudag eftir viku viðgerðir á vélinni, sögðu embættismenn. Það er þú og ég.'],
      // Symbols of Latin-1's upper half where real text writes them: beside digits and spaces, the middle dot of "l·l", an acute accent for an apostrophe.
      ['windows-1252', '¿Qué pasó? ¡Nada! El piso tiene 80 m² y la terraza 12 m³, a 20 °C; la col·lecció és nova, don´t worry, Nº 5, 1ª edición.'],
      ['windows-1252', 'El ferry reanudó el servicio el lunes después de una semana de reparaciones en su motor, dijeron los funcionarios. Los pasajeros hicieron cola desde el amanecer.'],
      ['windows-1252', 'A balsa retomou o serviço na segunda-feira após uma semana de reparos no motor, disseram as autoridades. Os passageiros fizeram fila desde o amanhecer.'],
      ['windows-1252', 'Il traghetto ha ripreso il servizio lunedì dopo una settimana di riparazioni al motore, hanno detto i funzionari. Però la città è già più tranquilla.'],
      ['windows-1252', 'Færgen genoptog sejladsen mandag efter en uges reparation af motoren, sagde embedsmænd. Passagererne stod i kø fra daggry, og den første overfart gik til tiden på Øresund.'],
    ] as const) {
      const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><p>${text}</p></article></body></html>`;
      expect(everyText(cleanBytes(encode(html, charset))), text).toContain(text);
      // And beside an English paragraph, as the Central European pages above.
      const withEnglish = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${english}<p>${text}</p></article></body></html>`;
      const document = cleanBytes(encode(withEnglish, charset));
      expect(everyText(document), text).toContain(text);
      expect(document.source.encoding).toBe('windows-1252');
    }
  });
});

describe('charset labels', () => {
  it('reads legacy labels by their WHATWG meaning (gb2312 is GBK, latin1 is windows-1252, x-sjis is Shift_JIS)', () => {
    expect(cleanBytes(encode(article([SAMPLES.gbk], { head: '<meta charset="gb2312">' }), 'gbk')).source.encoding).toBe('gbk');
    expect(cleanBytes(encode(article([SAMPLES['windows-1252']], { head: '<meta charset="ISO-8859-1">' }), 'windows-1252')).source.encoding).toBe('windows-1252');
    expect(cleanBytes(encode(article([SAMPLES.shift_jis], { head: '<meta charset="x-sjis">' }), 'shift_jis')).source.encoding).toBe('shift_jis');
  });

  it('falls back to detection for an unknown label instead of refusing the page', () => {
    const text = SAMPLES['windows-1252'];
    expectDecoded(encode(article([text], { head: '<meta charset="x-no-such-charset">' }), 'windows-1252'), text, 'windows-1252');
  });

  it('prefers the content type to the page\'s own <meta> (HTTP wins, as in browsers)', () => {
    const text = SAMPLES['iso-8859-2'];
    const bytes = encode(article([text], { head: '<meta charset="windows-1252">' }), 'iso-8859-2');
    expectDecoded(bytes, text, 'iso-8859-2', 'page.html', 'text/html; charset=ISO-8859-2');
  });
});

describe('byte-order marks and UTF-16', () => {
  const text = SAMPLES['windows-1252'];
  const html = article([text]);
  const cases: Array<[string, Buffer, string]> = [
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encode(html, 'utf-8')]), 'utf-8'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), encode(html, 'utf-16le')]), 'utf-16le'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), encode(html, 'utf-16be')]), 'utf-16be'],
    ['UTF-16LE without a BOM', encode(html, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE without a BOM', encode(html, 'utf-16be'), 'utf-16be'],
  ];
  it.each(cases)('%s', (_label, bytes, encoding) => {
    const document = cleanBytes(bytes, 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe(encoding);
    expect(everyText(document)).toContain(text);
    expect(everyText(document)).not.toContain('\uFEFF');
  });

  it('a byte order mark that lies (before bytes of another encoding) is read past, as a declaration that lies is', () => {
    // A UTF-8 mark before windows-1252 bytes (a UTF-8 header file joined to a legacy page) read each accented letter as
    // U+FFFD ("Le caf\uFFFD"), without a word; a UTF-16 mark before ASCII-compatible bytes made the page CJK nonsense.
    const legacy = encode(article([text], { head: '<meta charset="windows-1252">' }), 'windows-1252');
    const undeclared = encode(article([text]), 'windows-1252');
    for (const bytes of [legacy, undeclared]) {
      const document = cleanBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 'page.html', null, { explain: true });
      expect(everyText(document)).toContain(text);
      expect(document.source.encoding).toBe('windows-1252');
    }
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const document = cleanBytes(Buffer.concat([Buffer.from(bom), encode(html, 'utf-8')]), 'page.html', null, { explain: true });
      expect(everyText(document)).toContain(text);
      expect(document.source.encoding).toBe('utf-8');
    }
    // A UTF-8 page with its mark and a stray byte or two keeps it, as a page declared UTF-8 does.
    const stray = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encode(article([text, 'A stray \u00e9 byte:'], {}), 'utf-8')]);
    const at = stray.indexOf(Buffer.from('stray \u00e9', 'utf8')) + 'stray '.length;
    const withStray = Buffer.concat([stray.subarray(0, at), Buffer.from([0xe9]), stray.subarray(at + 2)]);
    expect(cleanBytes(withStray, 'page.html', null, { explain: true }).source.encoding).toBe('utf-8');
  });

  it('a BOM wins over a contradicting declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encode(article([text], { head: '<meta charset="shift_jis">' }), 'utf-8')]);
    expect(cleanBytes(bytes, 'page.html', 'text/html; charset=shift_jis').source.encoding).toBe('utf-8');
  });

  it('tells HTML from text after a BOM, with no name to go by', () => {
    const document = cleanBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), encode(html, 'utf-16le')]), 'scrape', null);
    expect(document.source.format).toBe('html');
  });

  it('a UTF-16 plain-text scrape', () => {
    const document = cleanBytes(encode(`${text}\n`, 'utf-16le'), 'page.txt', null, { explain: true });
    expect(document.source).toMatchObject({ encoding: 'utf-16le', format: 'text' });
    expect(everyText(document)).toContain(text);
  });
});

/**
 * UTF-16 without a BOM in a script outside Latin leaves no lane of zero bytes (Cyrillic's high
 * byte is 0x04, CJK's varies), and its bytes look binary (0x04 is a control): a Russian or
 * Chinese text scrape saved as Windows' "Unicode" without its BOM was refused as "binary data".
 */
describe('UTF-16 without a BOM, outside Latin', () => {
  const TEXTS = {
    Russian: 'Москва - столица России.\nСегодня в городе прошёл большой праздник, на улицы вышли тысячи жителей.\n',
    Chinese: '北京市政府今天宣布了新的城市交通规划。\n根据该计划，明年起市内公交线路将进行大幅调整，以提高市民出行的便利性。\n',
    Greek: 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.\nΣήμερα στην πόλη έγινε μεγάλη γιορτή και χιλιάδες κάτοικοι βγήκαν στους δρόμους.\n',
  } as const;

  it.each(Object.entries(TEXTS).flatMap(([language, text]) => (['utf-16le', 'utf-16be'] as const).map((encoding) => [language, encoding, text] as const)))(
    '%s text in %s',
    (_language, encoding, text) => {
      const document = cleanBytes(encode(text.repeat(3), encoding), 'page.txt', null, { explain: true });
      expect(document.source).toMatchObject({ encoding, format: 'text' });
      expect(everyText(document)).toContain(text.split('\n')[1]);
    },
  );
});

/**
 * UTF-32 is no web encoding (the Encoding Standard has no decoder for it, and TextDecoder refuses
 * it), but files in it exist. Its BOM FF FE 00 00 starts like UTF-16LE's, and its ASCII leaves
 * three zero bytes in four, a pattern the UTF-16 check took for UTF-16LE: the page was read as
 * UTF-16 with a NUL after each character, and its markup came out as body text.
 */
describe('UTF-32', () => {
  const text = SAMPLES['windows-1252'];
  const html = article([text]);
  const cases: Array<[string, Buffer, string]> = [
    ['UTF-32LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), encode(html, 'utf-32le')]), 'utf-32le'],
    ['UTF-32BE with a BOM', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), encode(html, 'utf-32be')]), 'utf-32be'],
    ['UTF-32LE without a BOM', encode(html, 'utf-32le'), 'utf-32le'],
    ['UTF-32BE without a BOM', encode(html, 'utf-32be'), 'utf-32be'],
  ];
  it.each(cases)('%s is read as UTF-32, its markup parsed', (_label, bytes, encoding) => {
    const document = cleanBytes(bytes, 'page.html', null, { explain: true });
    expect(document.source).toMatchObject({ encoding, format: 'html' });
    expect(everyText(document)).toContain(text);
    expect(everyText(document)).not.toMatch(/<\/?p>|\uFEFF/);
  });

  it('a UTF-32 plain-text scrape, characters beyond the BMP included', () => {
    const lines = `${text}\n\nEmoji 😀 and 𝒳 survive.\n`;
    const document = cleanBytes(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), encode(lines, 'utf-32le')]), 'page.txt', null, { explain: true });
    expect(document.source).toMatchObject({ encoding: 'utf-32le', format: 'text' });
    expect(everyText(document)).toContain('Emoji 😀 and 𝒳 survive.');
  });

  it('past a head of whole code points, units UTF-32 cannot hold (a surrogate, past U+10FFFF, a cut unit) read as U+FFFD', () => {
    const units = [...encode('Aa', 'utf-32le'), 0x00, 0xd8, 0, 0, 0, 0, 0x11, 0, ...encode('\n', 'utf-32le'), 0x41];
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), encode(`${text}\n\n${text}\n`, 'utf-32le'), Buffer.from(units)]);
    const document = cleanBytes(bytes, 'page.txt', null, { explain: true });
    expect(document.source.encoding).toBe('utf-32le');
    expect(everyText(document)).toContain('Aa\uFFFD\uFFFD\n\uFFFD');
  });

  it('a UTF-16LE page that starts with U+0000 after its BOM stays UTF-16 when the rest is not UTF-32', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), encode(html, 'utf-16le')]);
    const document = cleanBytes(bytes, 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('utf-16le');
    expect(everyText(document)).toContain(text);
  });
});

describe('declarations that lie', () => {
  const text = SAMPLES['windows-1252'];

  it('a page declaring UTF-8 (meta) that is really windows-1252', () => {
    expectDecoded(encode(article([text], { head: '<meta charset="utf-8">' }), 'windows-1252'), text, 'windows-1252');
  });

  it('a page declaring UTF-8 (content type) that is really windows-1252', () => {
    expectDecoded(encode(article([text]), 'windows-1252'), text, 'windows-1252', 'page.html', 'text/html; charset=UTF-8');
  });

  it('a page declaring windows-1252 that is really UTF-8', () => {
    const document = cleanBytes(encode(article([text], { head: '<meta charset="windows-1252">' }), 'utf-8'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('utf-8');
    expect(everyText(document)).toContain(text);
    expect(everyText(document)).not.toMatch(/Ã©|â€/); // the mojibake a blind windows-1252 decode gives
  });

  it('a page declaring ISO-8859-1 (http-equiv) that is really UTF-8', () => {
    const head = '<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">';
    const document = cleanBytes(encode(article([text], { head }), 'utf-8'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('utf-8');
    expect(everyText(document)).toContain(text);
  });

  // A multi-byte encoding's decoder turns bytes of another into U+FFFD and private-use characters: a page of them is
  // mojibake ("ﾅ��､ﾏﾆ"), which the detected encoding reads without. Sources of a mislabel: old Japanese sites (EUC-JP and
  // Shift_JIS), Chinese sites moved between GBK and Big5 hosting, a CMS template copied from another site.
  const EUC_JP = '東京都は本日、新しい交通計画を発表した。計画によると、来年から市内のバス路線が大幅に見直され、利用者の利便性が向上する見込みだ。';
  it.each([
    ['EUC-JP declared Shift_JIS', EUC_JP, 'euc-jp', 'shift_jis', ['euc-jp']],
    ['Shift_JIS declared EUC-JP', SAMPLES.shift_jis, 'shift_jis', 'euc-jp', ['shift_jis']],
    ['GBK declared Big5', SAMPLES.gbk, 'gbk', 'big5', ['gbk', 'gb18030']],
    ['Big5 declared GBK', SAMPLES.big5, 'big5', 'gbk', ['big5']],
    ['GBK declared Shift_JIS', SAMPLES.gbk, 'gbk', 'shift_jis', ['gbk', 'gb18030']],
    // A single-byte decoder reads any bytes without U+FFFD, so a CJK page declared windows-1252 (a template's stale
    // <meta>, a <meta> under an XML declaration of Shift_JIS) came out as mojibake ("“Œ‹ž“s‚Í").
    ['Shift_JIS declared windows-1252', SAMPLES.shift_jis, 'shift_jis', 'windows-1252', ['shift_jis']],
    ['EUC-JP declared ISO-8859-1', EUC_JP, 'euc-jp', 'iso-8859-1', ['euc-jp']],
    ['GBK declared windows-1252', SAMPLES.gbk, 'gbk', 'windows-1252', ['gbk', 'gb18030']],
    ['Big5 declared ISO-8859-2', SAMPLES.big5, 'big5', 'iso-8859-2', ['big5']],
  ] as const)('a page of %s: read as what its bytes are, not as mojibake', (_label, text, actual, declared, accepted) => {
    for (const [head, contentType] of [[`<meta charset="${declared}">`, null], ['', `text/html; charset=${declared}`]] as const) {
      // Two paragraphs, the second the first's characters backwards: a page's worth of text for the detection.
      const backwards = Array.from(text).reverse().join('');
      const document = cleanBytes(encode(article([text, backwards], { head }), actual), 'page.html', contentType, { explain: true });
      expect(accepted).toContain(document.source.encoding);
      expect(everyText(document)).toContain(text);
    }
  });

  it.each(['windows-1252', 'iso-8859-2', 'koi8-r'] as const)('a page of %s declared so keeps its declaration', (charset) => {
    const text = SAMPLES[charset];
    const document = cleanBytes(encode(article([text, text.split(' ').reverse().join(' ')], { head: `<meta charset="${charset}">` }), charset), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe(charset);
    expect(everyText(document)).toContain(text);
  });

  it.each([
    ['Czech (windows-1250) declared ISO-8859-1', 'windows-1250', 'iso-8859-1', 'Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas se všemi obsazenými místy.'],
    ['Greek (windows-1253) declared windows-1252', 'windows-1253', 'windows-1252', 'Το πλοίο επανέλαβε τα δρομολόγιά του τη Δευτέρα μετά από μια εβδομάδα επισκευών στη μηχανή του.'],
    ['Thai (windows-874) declared windows-1252', 'windows-874', 'windows-1252', 'เรือข้ามฟากกลับมาให้บริการอีกครั้งในวันจันทร์หลังจากซ่อมเครื่องยนต์เป็นเวลาหนึ่งสัปดาห์ เจ้าหน้าที่กล่าว'],
    ['Latvian (windows-1257) declared ISO-8859-1', 'windows-1257', 'iso-8859-1', 'Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas.'],
  ])('%s, a stale Latin declaration, is read in its own encoding', (_label, charset, declared, words) => {
    // The declared reading was taken as it was: "Pøívoz … pondìlí", "Ôï ðëïßï", "àÃ×Í¢éÒÁ", "Prâmis atsâka", without a word.
    const english = 'The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.';
    for (const [head, contentType] of [[`<meta charset="${declared}">`, null], ['', `text/html; charset=${declared}`]] as const) {
      const document = cleanBytes(encode(article([english, words], { head }), charset), 'page.html', contentType);
      expect(everyText(document)).toContain(words);
    }
  });

  it.each([
    ['windows-1251', 'koi8-r'],
    ['koi8-r', 'windows-1251'],
  ])('a Russian page of %s declared %s (a stale Cyrillic declaration) is read in its own encoding', (charset, declared) => {
    // Each reads the other's letters as letters in the other case: "оЮПНЛ БНГНАМНБХК ПЮАНРС", "рБТПН ЧПЪПВОПЧЙМ", without a word.
    const words = 'Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили официальные лица. Пассажиры стояли в очереди с рассвета.';
    for (const [head, contentType] of [[`<meta charset="${declared}">`, null], ['', `text/html; charset=${declared}`]] as const) {
      const document = cleanBytes(encode(article([words], { head }), charset), 'page.html', contentType, { explain: true });
      expect(everyText(document)).toContain(words);
      expect(document.source.encoding).toBe(charset);
    }
    // A page of its declared encoding in capitals (headlines) keeps it.
    const capitals = 'ПАРОМ ВОЗОБНОВИЛ РАБОТУ В ПОНЕДЕЛЬНИК ПОСЛЕ НЕДЕЛИ РЕМОНТА ДВИГАТЕЛЯ, СООБЩИЛИ ОФИЦИАЛЬНЫЕ ЛИЦА.';
    const document = cleanBytes(encode(article([capitals, words.toUpperCase()], { head: `<meta charset="${declared}">` }), declared), 'page.html', null, { explain: true });
    expect(everyText(document)).toContain(capitals);
  });

  it.each([
    ['windows-1251', 'iso-8859-5', 'Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.'],
    ['iso-8859-5', 'windows-1251', 'Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.'],
    ['koi8-r', 'iso-8859-5', 'Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.'],
    ['windows-1251', 'iso-8859-5', 'Времето в София днес ще бъде слънчево, без валежи. Температурата на въздуха през деня ще бъде около двадесет градуса.'],
  ])('a page of %s declared %s (a stale Cyrillic declaration read as lowercase letters without vowels) is read in its own encoding', (charset, declared, words) => {
    // The declared reading was taken as it was: "Яюуюфр т Ьюёътх", "їЮУЮФР Т јЮбЪТХ", "№ЯЧЯФС з эЯгЫзХ" for "Погода в Москве".
    for (const [head, contentType] of [[`<meta charset="${declared}">`, null], ['', `text/html; charset=${declared}`]] as const) {
      const document = cleanBytes(encode(article([words], { head }), charset), 'page.html', contentType, { explain: true });
      expect(everyText(document)).toContain(words);
      expect(document.source.encoding).toBe(charset);
    }
    // A page of its declared encoding keeps it.
    const document = cleanBytes(encode(article([words], { head: `<meta charset="${declared}">` }), declared), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe(declared);
    expect(everyText(document)).toContain(words);
  });

  it('an Arabic page of windows-1256 declared iso-8859-6 (a stale Arabic declaration) is read in its own encoding', () => {
    // ISO-8859-6 has no character at windows-1256's ط, ظ, ع, غ…: "افظ�س افٍنك �ٍ اف�امرة", letters misplaced and U+FFFD.
    const words = 'الطقس اليوم في القاهرة مشمس مع ارتفاع في درجات الحرارة، ويتوقع أن تصل العظمى إلى اثنتين وثلاثين درجة. وقال خبراء الأرصاد إن الرياح ستكون معتدلة طوال اليوم.';
    for (const [head, contentType] of [['<meta charset="iso-8859-6">', null], ['', 'text/html; charset=iso-8859-6']] as const) {
      const document = cleanBytes(encode(article([words], { head, lang: 'ar' }), 'windows-1256'), 'page.html', contentType, { explain: true });
      expect(everyText(document)).toContain(words);
      expect(document.source.encoding).toBe('windows-1256');
    }
    // A page of ISO-8859-6 declared so keeps it.
    const own = 'وقال خبراء الأرصاد إن الرياح ستكون معتدلة طوال اليوم في القاهرة والإسكندرية، مع سماء صافية وحرارة مرتفعة.';
    const document = cleanBytes(encode(article([own], { head: '<meta charset="iso-8859-6">', lang: 'ar' }), 'iso-8859-6'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('iso-8859-6');
    expect(everyText(document)).toContain(own);
  });

  it('a French or German page of windows-1252 under a stale Cyrillic or multi-byte declaration is read in windows-1252', () => {
    // A server's default header over a Latin page: "Le cafй est trиs apprйciй" (windows-1251), "Die StraЯenbahn fдhrt ьber"
    // (windows-1251), "tr鑚 appr馗i�" (Shift_JIS), without a word.
    const pages = [
      'Le café est très apprécié à Montréal, où l’hiver est long et froid. Les élèves de l’école préférée ont décidé d’aller à la fête près du château.',
      'Die Straßenbahn fährt über die Brücke. Größere Änderungen für Fußgänger sind geplant, während die Bürger über die Öffnungszeiten diskutieren.',
    ];
    for (const words of pages) {
      for (const declared of ['windows-1251', 'koi8-r', 'shift_jis', 'gbk', 'euc-kr']) {
        for (const [head, contentType] of [[`<meta charset="${declared}">`, null], ['', `text/html; charset=${declared}`]] as const) {
          const document = cleanBytes(encode(article([words, words], { head }), 'windows-1252'), 'page.html', contentType, { explain: true });
          expect(everyText(document), `${declared} ${head}`).toContain(words);
          expect(document.source.encoding).toBe('windows-1252');
        }
      }
    }
    // Pages of those encodings with Latin words among their own keep their declarations.
    const russian = 'Погода в Москве сегодня будет солнечной. Wi-Fi и USB-порты есть в каждом вагоне, сообщили в ГУП "Мосгортранс".';
    const japanese = '東京の天気は晴れです。iPhone用のWi-Fi対応USBケーブルを買いました。明日も晴れるでしょう。';
    for (const [words, charset] of [[russian, 'windows-1251'], [russian, 'koi8-r'], [japanese, 'shift_jis']] as const) {
      const document = cleanBytes(encode(article([words, words], { head: `<meta charset="${charset}">` }), charset), 'page.html', null, { explain: true });
      expect(document.source.encoding).toBe(charset);
      expect(everyText(document)).toContain(words);
    }
  });

  it('a short page of a Windows code page under an ISO-8859 declaration, whose punctuation that declaration reads as controls, is read in it', () => {
    // Two French sentences of windows-1252 under charset=iso-8859-2 came out as "trčs apprécié ŕ Montréal, oů lhiver", the ’
    // and — removed (ISO-8859-2 reads 0x92 and 0x97 as C1 controls): too few misread letters to doubt the declaration.
    const words = 'Le café est très apprécié à Montréal, où l’hiver est long et froid. « Déjà vu » — c’est ça.';
    for (const [head, contentType] of [['<meta charset="iso-8859-2">', null], ['', 'text/html; charset=iso-8859-2']] as const) {
      const document = cleanBytes(encode(article([words, words], { head }), 'windows-1252'), 'page.html', contentType, { explain: true });
      expect(everyText(document), head).toContain(words);
      expect(document.source.encoding).toBe('windows-1252');
    }
    // Pages of ISO-8859-2 with a stray control byte or two among their letters keep their letters: ISO-8859-2 itself, or
    // windows-1250 where it reads every letter alike (Polish without ą, ś, ź), the strays as its punctuation.
    const czech = 'Přívoz na severní straně přístavu znovu jezdí od pondělí. Úředníci řekli, že oprava motoru trvala týden.';
    const polish = 'Prom w porcie znowu kursuje od poniedziałku. Urzędnicy powiedzieli, że naprawa silnika trwała tydzień.';
    for (const words of [czech, polish]) {
      const bytes = encode(article([words, words], { head: '<meta charset="iso-8859-2">' }), 'iso-8859-2');
      const at = bytes.indexOf(Buffer.from('. ')) + 1;
      const stray = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x96]), bytes.subarray(at, at + 20), Buffer.from([0x92]), bytes.subarray(at + 20)]);
      const document = cleanBytes(stray, 'page.html', null, { explain: true });
      expect(['iso-8859-2', 'windows-1250'], words).toContain(document.source.encoding);
      expect(everyText(document).replace(/[\u0080-\u009f–’]/g, '')).toContain(words);
    }
  });

  it('a page of its declared Latin encoding with a foreign name repeated keeps its declaration', () => {
    // "Özoğuz" on a German page of windows-1254: its ğ is outside German's letters, and windows-1257 reads it as Estonian's š.
    const words = 'Die Vizepräsidentin Aydan Özoğuz eröffnete die Sitzung. Özoğuz dankte den Mitgliedern für ihre Arbeit. Später sprach Özoğuz über die Zukunft der Fraktion, und Özoğuz schloss die Sitzung.';
    const document = cleanBytes(encode(article([words], { head: '<meta charset="windows-1254">' }), 'windows-1254'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('windows-1254');
    expect(everyText(document)).toContain(words);
  });

  it('a page of its declared multi-byte encoding with a few stray bytes keeps its declaration', () => {
    // A character cut in two at the end of a line, a byte of another encoding pasted in: the page is still Shift_JIS.
    const bytes = Buffer.concat([encode(article([SAMPLES.shift_jis, SAMPLES.shift_jis.slice(0, 30)], { head: '<meta charset="shift_jis">' }), 'shift_jis')]);
    const broken = Buffer.from(bytes);
    broken[broken.indexOf(encode('計画', 'shift_jis'))] = 0xff;
    const document = cleanBytes(broken, 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('shift_jis');
    expect(everyText(document)).toContain(SAMPLES.shift_jis.slice(20));
  });

  it('a page declaring UTF-16 in ASCII-compatible bytes (impossible by construction) is read as what the bytes are', () => {
    const document = cleanBytes(encode(article([text], { head: '<meta charset="utf-16">' }), 'utf-8'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('utf-8');
    expect(everyText(document)).toContain(text);
  });
});

describe('stray bytes and UTF-8-shaped errors (issue 13 §3): decided by proportions, as the standard decodes', () => {
  const prose = 'The council’s decision to close the pier — “no warning at all” — cost €2 million.';
  const page = (body: string, head = '<meta charset="utf-8">') => `<!DOCTYPE html><html><head>${head}<title>t</title></head><body><article><p>${body}</p><p>Shops near the harbour fear the closure.</p></article></body></html>`;
  const withByte = (html: string, byte: number) => {
    const bytes = Buffer.from(html, 'utf8');
    const at = bytes.indexOf('Shops');
    return Buffer.concat([bytes.subarray(0, at), Buffer.from([byte, 0x20]), bytes.subarray(at)]);
  };

  it('a UTF-8 page, declared or not, with one Latin-1 byte stays UTF-8, with one U+FFFD', () => {
    for (const head of ['<meta charset="utf-8">', '', '<meta charset="iso-8859-1">']) {
      const document = cleanBytes(withByte(page(prose, head), 0xe9), 'page.html');
      expect(document.source.encoding, head).toBe('utf-8');
      expect(everyText(document)).toContain(prose);
      expect(everyText(document).match(/\uFFFD/g)).toHaveLength(1);
    }
  });

  it('one valid UTF-8 character and one stray byte, nothing declared: UTF-8, not "councilâ€™s"', () => {
    const document = cleanBytes(withByte(page('The council’s decision.', ''), 0xe9), 'page.html');
    expect(document.source.encoding).toBe('utf-8');
    expect(everyText(document)).toContain('The council’s decision.');
  });

  it('CESU-8 and overlong sequences are UTF-8 that the decoder replaces, not another encoding', () => {
    // 😀 as CESU-8 (two encoded surrogates), and an overlong "/" (C0 AF), in every paragraph.
    const cesu = Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]);
    const overlong = Buffer.from([0xc0, 0xaf]);
    const parts = [Buffer.from('<html><head><meta charset="utf-8"></head><body>')];
    for (let i = 0; i < 5; i++) parts.push(Buffer.from(`<p>Paragraph ${i} of the report on the ferry `), cesu, Buffer.from(' and '), overlong, Buffer.from(' the harbour.</p>'));
    parts.push(Buffer.from('</body></html>'));
    const document = cleanBytes(Buffer.concat(parts), 'page.html');
    expect(document.source.encoding).toBe('utf-8');
    expect(everyText(document)).not.toMatch(/[©Ã¯½]/);
    expect(document.segments.filter((s) => s.type === 'legal')).toEqual([]);
  });

  it('a page declared UTF-8 (header or meta) with a few windows-1252 bytes and no UTF-8 at all is windows-1252, not U+FFFD for each', () => {
    // "It’s", "– €5": an English page saved from a Windows editor under a server's default charset=utf-8.
    const legacy = Buffer.from(page('It\x92s open again \x96 tickets from \x805.', ''), 'latin1');
    for (const [contentType, bytes] of [
      ['text/html; charset=utf-8', legacy],
      [null, Buffer.from(page('It\x92s open again \x96 tickets from \x805.'), 'latin1')],
    ] as const) {
      const document = cleanBytes(bytes, 'page.html', contentType);
      expect(document.source.encoding, String(contentType)).toBe('windows-1252');
      expect(everyText(document)).toContain('It’s open again – tickets from €5.');
    }
  });

  it('a page declared UTF-8 whose high bytes are mostly legacy is detected (the corpus\'s liars)', () => {
    const document = cleanBytes(encode(article([SAMPLES['iso-8859-2']], { head: '<meta charset="utf-8">' }), 'iso-8859-2'), 'page.html');
    expect(everyText(document)).toContain('Władze miasta ogłosiły');
  });
});

describe('the <meta> prescan (issue 13 §3): the standard\'s, not a regex', () => {
  const text = SAMPLES['windows-1252'];
  it.each([
    ['a charset in a comment', '<!-- <meta charset="koi8-r"> --><meta charset="windows-1252">'],
    ['a charset in the content of a refresh', '<meta http-equiv="refresh" content="0; charset=koi8-r"><meta charset="windows-1252">'],
    ['a content charset without http-equiv', '<meta name="x" content="text/html; charset=koi8-r"><meta charset="windows-1252">'],
    ['a meta inside another element\'s attribute', '<a title=\'<meta charset="koi8-r">\'></a><meta charset="windows-1252">'],
  ])('%s is not obeyed', (_label, head) => {
    const document = cleanBytes(encode(article([text], { head }), 'windows-1252'), 'page.html');
    expect(document.source.encoding).toBe('windows-1252');
    expect(everyText(document)).toContain(text);
  });
});

describe('legacy encodings nobody declared (issue 13 §3)', () => {
  it('ISO-2022-JP: text, not escape sequences', () => {
    const japanese = '港のフェリーは、エンジンの修理を終えて月曜日に運航を再開したと当局が発表した。';
    // ESC $ B … ESC ( B around the JIS X 0208 bytes (EUC-JP's without their high bits).
    const jis = Buffer.from([...encode(japanese, 'euc-jp')].map((b) => b & 0x7f));
    const bytes = Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0x1b, 0x24, 0x42]), jis, Buffer.from([0x1b, 0x28, 0x42]), Buffer.from('</p></body></html>')]);
    const document = cleanBytes(bytes, 'page.html');
    expect(document.source.encoding).toBe('iso-2022-jp');
    expect(everyText(document)).toContain(japanese);
  });

  it('Thai (windows-874, TIS-620), which detection ranked as EUC-KR: Thai, not Hangul and Hanja', () => {
    // chardet ranked EUC-KR 60, windows-874 17 for a Thai page, and it came out as "煽勒怒왑턺봐尿鉅봤"; a Korean page stays EUC-KR.
    const thai = [
      'เรือข้ามฟากกลับมาให้บริการอีกครั้งในวันจันทร์หลังจากซ่อมเครื่องยนต์เป็นเวลาหนึ่งสัปดาห์ เจ้าหน้าที่กล่าว',
      'ผู้โดยสารเข้าแถวตั้งแต่รุ่งเช้า และเที่ยวแรกออกเดินทางตรงเวลาโดยที่นั่งเต็มทุกที่',
      'ผู้ประกอบการกล่าวว่าเรือลำที่สองจะเข้าร่วมเส้นทางในฤดูใบไม้ผลิหากความต้องการยังคงอยู่',
    ];
    for (const charset of ['windows-874', 'tis-620']) {
      const document = cleanBytes(encode(article(thai), charset));
      expect(document.source.encoding, charset).toBe('windows-874');
      for (const paragraph of thai) expect(everyText(document)).toContain(paragraph);
    }
    const korean = ['페리는 엔진 수리 일주일 후 월요일에 운항을 재개했다고 관계자들이 말했다.', '승객들은 새벽부터 줄을 섰고 첫 운항은 모든 좌석이 찬 채로 정시에 출발했다.'];
    const document = cleanBytes(encode(article(korean), 'euc-kr'));
    expect(document.source.encoding).toBe('euc-kr');
    expect(everyText(document)).toContain(korean[0]);
  });

  it.each([
    ['เรือข้ามฟากกลับมาให้บริการอีกครั้งในวันจันทร์หลังจากซ่อมเครื่องยนต์เป็นเวลาหนึ่งสัปดาห์ เจ้าหน้าที่กล่าว'],
    ['ผู้โดยสารเข้าแถวตั้งแต่รุ่งเช้า และเที่ยวแรกออกเดินทางตรงเวลาโดยที่นั่งเต็มทุกที่'],
    ['กรุงเทพมหานครประกาศแผนการจราจรใหม่ในวันนี้ ตามแผนดังกล่าว เส้นทางรถประจำทางในเมืองจะมีการปรับปรุงครั้งใหญ่ตั้งแต่ปีหน้า'],
    ['ราคาน้ำมันปรับตัวสูงขึ้นเป็นสัปดาห์ที่สาม ทำให้ผู้ขับขี่หลายคนกังวลเรื่องค่าใช้จ่าย'],
    ['นักเรียนกว่าหนึ่งพันคนเข้าร่วมงานวันวิทยาศาสตร์ที่จัดขึ้นที่มหาวิทยาลัย'],
  ])('a short Thai paragraph (windows-874), beside English or alone, is Thai: %s', (thai) => {
    // chardet ranked windows-874 at 2-7 of 100 and the paragraph came out as EUC-KR ("煽勒怒왑턺봐"), Big5, or windows-1252
    // ("àÃ×Í¢éÒÁ¿Ò¡"), without a word: too few misread characters for 87f9234's check, and none under a Latin reading.
    const menu = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>';
    const english = '<p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.</p>';
    for (const before of [english, '']) {
      const html = `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${before}<p>${thai}</p></article></body></html>`;
      const document = cleanBytes(encode(html, 'windows-874'));
      expect(everyText(document)).toContain(thai);
      expect(document.source.encoding).toBe('windows-874');
    }
  });

  it.each([
    ['ราคาน้ำมันปรับตัวสูงขึ้น'],
    ['รถไฟฟ้าหยุดวิ่งชั่วคราว'],
    ['ร้านกาแฟเปิดแล้ว'],
    ['สวัสดีครับ'],
  ])('a lone short Thai sentence or greeting (windows-874), beside English or alone, is Thai: %s', (thai) => {
    // Under 32 Thai letters it came out as Shift_JIS ("ﾃﾒ､ﾒｹ鰌ﾁﾑｹ": chardet has no statistics for ten double-byte characters
    // or fewer and ranks every multi-byte encoding 10), windows-1252 ("ÃÒ¤Ò¹éÓÁÑ¹»ÃÑº"), Mac Roman or, for the greeting's ten
    // bytes, three of them UTF-8 by chance, UTF-8 with four U+FFFD. (Left: a Thai sentence chardet ranks EUC-JP 62 or EUC-KR
    // 71 from its 11-13 double-byte characters, none misread, stays so; a phrase with fewer vowels written than
    // minThaiVowelShare, "ขอบคุณมากครับ" 0.23, is not told from CJK bytes.)
    const menu = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>';
    const english = '<p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.</p>';
    for (const html of [`<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1>${english}<p>${thai}</p></article></body></html>`, `<html><body><p>${thai}</p></body></html>`]) {
      const document = cleanBytes(encode(html, 'windows-874'));
      expect(everyText(document)).toContain(thai);
      expect(document.source.encoding).toBe('windows-874');
    }
  });

  it.each([
    ['French', 'Le café « Chez Zoé » a rouvert ses portes hier. Les habitués étaient ravis : « C’est comme à la maison », a déclaré Hélène.'],
    ['German', 'Die Fähre fährt wieder, sagte der Kapitän am Montag. Über die Brücke fahren nun auch Busse – schöne Grüße aus Straßburg.'],
    ['Spanish', 'El ferry reanudó el servicio el lunes después de una semana de reparaciones. ¿Qué pasó? Él dijo que también habrá más barcos después del invierno, y el café del puerto está lleno.'],
    ['English', 'The ferry’s engine was repaired – “it’s running again,” said the captain. We’re glad, and the town’s shops didn’t close.'],
  ])('Mac OS Roman (macintosh), %s, beside English navigation or alone: its letters, not windows-1252\'s "habituŽs", "itÕs"', (_language, text) => {
    // chardet has no statistics for Mac Roman and ranked windows-1252 first (35-73): "cafŽ Ç Chez ZoŽ È", "fŠhrt … BrŸcke", "despuŽs".
    const menu = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>';
    for (const html of [article([text]), `<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body>${menu}<article><h1>Ferry</h1><p>${text}</p></article></body></html>`]) {
      const document = cleanBytes(encode(html, 'macintosh'));
      expect(everyText(document)).toContain(text);
      expect(document.source.encoding).toBe('macintosh');
    }
  });

  it('EUC-KR', () => {
    const korean = '항구 여객선이 엔진 수리를 마치고 월요일에 운항을 재개했다고 당국이 밝혔다. 승객들은 새벽부터 부두에 줄을 섰다.';
    const document = cleanBytes(encode(`<html><body><p>${korean}</p></body></html>`, 'euc-kr'), 'page.html');
    expect(document.source.encoding).toBe('euc-kr');
    expect(everyText(document)).toContain(korean);
  });
});

/**
 * Node's TextDecoder (ICU) reads EUC-KR and GBK otherwise than the Encoding Standard, which is what
 * the labels mean on the web: its "euc-kr" knows no Unified Hangul Code (the 8,822 syllables of
 * code page 949 outside KS X 1001: "똠방" came out "c방"), its "gbk" no four-byte sequence of
 * GB18030 and private-use characters for pinyin letters. The bytes are made by iconv-lite.
 */
describe('EUC-KR and GBK as the Encoding Standard reads them', () => {
  it('a Korean page declared euc-kr keeps the syllables of code page 949 outside KS X 1001', () => {
    const korean = '똠방각하가 햏자에게 뷁 하고 외쳤다. 쌰갈, 쎼, 펲 같은 글자도 한국어 웹 페이지에 흔히 나온다. 항구 여객선은 월요일에 운항을 재개했다.';
    const document = cleanBytes(encode(article([korean], { head: '<meta charset="euc-kr">', lang: 'ko' }), 'cp949'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('euc-kr');
    expect(everyText(document)).toContain(korean);
  });

  it('every Hangul syllable, and the euro and registered signs, read back from code page 949', () => {
    let syllables = '';
    for (let code = 0xac00; code <= 0xd7a3; code++) syllables += String.fromCharCode(code);
    const text = `${syllables} € ®`;
    expect(decodeEucKr(encode(text, 'cp949'))).toBe(text);
  });

  it('EUC-KR errors as the standard has them: a lead byte without its pair is U+FFFD, the ASCII byte after it is read', () => {
    expect(decodeEucKr(Buffer.from([0x41, 0x81, 0x20, 0x42, 0xc9, 0xa1, 0xb0]))).toBe('A\uFFFD B\uFFFD\uFFFD');
  });

  it('a Chinese page declared gb2312 keeps pinyin letters and the four-byte characters of GB18030', () => {
    const chinese = '汉语拼音里有 ǹg 和 ḿ 这样的字母，生僻字𠀀也要正确显示。北京市政府今天宣布了新的城市交通规划，明年起市内公交线路将进行大幅调整。';
    const document = cleanBytes(encode(article([chinese], { head: '<meta charset="gb2312">', lang: 'zh' }), 'gb18030'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('gbk');
    expect(everyText(document)).toContain(chinese);
  });
});

/**
 * ISO-8859-16 is an encoding of the Encoding Standard that Node's TextDecoder does not have: the
 * declaration was passed over and detection read the bytes as ISO-8859-2 ("ș" as "ş", „quotes” as
 * "Ľquotesľ"). The bytes are made by iconv-lite.
 */
describe('ISO-8859-16', () => {
  const romanian = 'Științele și tehnologia în România: cercetătorii din Iași și Timișoara au prezentat „rezultatele” la Bruxelles, à la française. Ședința a fost deschisă de rectorul universității, care a mulțumit tuturor participanților. Prețul: 5 €.';
  it.each([
    ['<meta charset>', '<meta charset="ISO-8859-16">', null],
    ['the content type', '', 'text/html; charset=iso-8859-16'],
  ])('a Romanian page declared ISO-8859-16 by %s', (_label, head, contentType) => {
    const document = cleanBytes(encode(article([romanian], { head, lang: 'ro' }), 'iso-8859-16'), 'page.html', contentType, { explain: true });
    expect(document.source.encoding).toBe('iso-8859-16');
    expect(everyText(document)).toContain(romanian);
  });
});

/**
 * Big5 on the web is Big5 with HKSCS (the Encoding Standard's index-big5): Node's TextDecoder reads
 * the Hong Kong characters as private-use ones, so a Cantonese page lost "嘅", "哋", "喺" (each an
 * invisible character). The bytes and the standard's readings are iconv-lite's big5hkscs codec.
 */
describe('Big5 as the Encoding Standard reads it (HKSCS)', () => {
  it('a Hong Kong page declared big5 keeps the characters of written Cantonese', () => {
    const cantonese = '我哋今日冇去飲茶，佢嘅車喺門口。香港人講廣東話，寫字都用繁體字。佢哋話咗嘅嘢我哋都知，因為呢度係我哋屋企附近。';
    const document = cleanBytes(encode(article([cantonese], { head: '<meta charset="big5">', lang: 'zh-HK' }), 'big5hkscs'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('big5');
    expect(everyText(document)).toContain(cantonese);
  });

  it('every byte pair reads as the standard reads it', () => {
    const wrong: string[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const pair = Buffer.from([lead, trail]);
        const standard = iconv.decode(pair, 'big5hkscs');
        if (!standard.includes('\uFFFD') && decodeBig5(pair) !== standard) wrong.push(pair.toString('hex'));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('Big5 errors as the standard has them: a lead byte without its pair is U+FFFD, the ASCII byte after it is read', () => {
    expect(decodeBig5(Buffer.from([0x41, 0x81, 0x20, 0x42, 0x80, 0xa1]))).toBe('A\uFFFD B\uFFFD\uFFFD');
  });
});

/**
 * A `<meta>` declaration after long inline scripts or style in the head, past the prescan's 8 KiB:
 * Chrome obeys it; here it was never read, and detection, swamped by the head's ASCII, made a
 * windows-1251 page windows-1252 mojibake ("Ìîñêâà"). The bytes are made by iconv-lite.
 */
describe('a <meta> declaration late in the head', () => {
  const russian = 'Москва - столица России. Сегодня в городе прошёл большой праздник, на улицы вышли тысячи жителей. Погода была тёплой.';
  const script = `<script>var config = ${JSON.stringify({ data: 'x'.repeat(20_000) })};</script>`;

  it('is obeyed past the prescan, before detection', () => {
    const document = cleanBytes(encode(article([russian], { head: `${script}<meta charset="windows-1251">` }), 'windows-1251'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('windows-1251');
    expect(everyText(document)).toContain(russian);
  });

  it('is not one written inside a script', () => {
    const writes = `<script>document.write('<meta charset="koi8-r">');</script>`;
    const document = cleanBytes(encode(article([russian], { head: `${script}${writes}<meta charset="windows-1251">` }), 'windows-1251'), 'page.html', null, { explain: true });
    expect(document.source.encoding).toBe('windows-1251');
    expect(everyText(document)).toContain(russian);
  });
});
