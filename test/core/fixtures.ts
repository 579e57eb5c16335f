/**
 * A small varied set of inputs for whole-document tests (determinism, schema): one of each
 * format, compression and legacy charsets, and a page with every class and some chrome.
 */
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { encode } from './helpers.js';
import { CLOUDFLARE_CHALLENGE } from './interstitials.js';

export interface Input {
  readonly label: string;
  readonly bytes: Buffer;
  readonly name: string;
  readonly contentType: string | null;
}

const STORY = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ferry resumes after repairs | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<link rel="canonical" href="https://news.example/ferry-resumes">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry resumes after repairs","datePublished":"2024-03-04T09:15:00+00:00","author":{"name":"Jane Doe"}}</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Ferry resumes after repairs</h1>
<p class="byline">By Jane Doe</p>
<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p>
<figure><img src="ferry.jpg" alt=""><figcaption>Passengers board at the north quay. Photo: Jane Roe/Getty Images</figcaption></figure>
<p>Passengers queued from dawn, and the first crossing left on time with every seat taken.</p>
<div class="ad-slot"><p>Advertisement</p></div>
<p>READ: <a href="/news/dredging">Harbour dredging to start next month, port authority says</a></p>
<p>The operator said a second vessel would join the route in the spring if demand holds.</p>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
</article></main>
<footer><p>© 2024 Harbour Gazette. All rights reserved.</p><p>We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.</p></footer>
</body>
</html>
`;

const TEXT = `Ferry resumes after repairs

/ 09:15 AM March 4, 2024

The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.

Article continues after this advertisement

Passengers queued from dawn, and the first crossing left on time with every seat taken.

© Copyright 2024 Harbour Gazette | All Rights Reserved
`;

/** A forum thread long enough for the block models (15 blocks and more), with a consent manager's preference centre. */
const THREAD = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry timetable for the winter? | Harbour Forum</title></head>
<body><main><h1>Ferry timetable for the winter?</h1>
${[
  'Does anyone know whether the ferry keeps its summer timetable after October, or do the crossings drop to four a day?',
  'Last winter it was four crossings a day on weekdays and two at weekends, but the operator changed hands since then.',
  'The new operator posted a notice at the north quay: the summer timetable runs until the end of November this year.',
  'Thanks, that helps a lot. I commute on the seven o\'clock crossing and was worried it would be cut.',
  'The seven o\'clock one is safe, they said at the ticket office. It is the late evening crossings that go in winter.',
  'Good to know. Does the second vessel they promised for the spring change anything for the winter timetable?',
  'Not before April, as far as I know. The repairs last week were on the only vessel they have for now.',
  'I asked the harbour office too: no change before the spring, and the timetable will be posted a month ahead.',
]
  .map((text, i) => `<div class="post"><p>Harbour regular ${i + 1}</p><p>${text}</p></div>`)
  .join('\n')}
</main>
<div id="onetrust-pc-sdk"><h3>Manage consent preferences</h3><p>Advertising presented to you on this service can be based on limited data, such as the website or app you are using, your non-precise location, your device type or which content you are interacting with.</p></div>
</body></html>
`;

export const INPUTS: readonly Input[] = [
  { label: 'an HTML story with every class', bytes: Buffer.from(STORY), name: 'news/ferry.html', contentType: 'text/html; charset=utf-8' },
  { label: 'the same story gzipped', bytes: gzipSync(Buffer.from(STORY)), name: 'news/ferry.html.gz', contentType: null },
  { label: 'a plain-text scrape', bytes: Buffer.from(TEXT), name: 'news/ferry.txt', contentType: null },
  {
    label: 'a windows-1252 page without a declaration',
    bytes: encode(STORY.replace('<meta charset="utf-8">', '').replace('officials said.', 'officials said. « C’est formidable », a déclaré Zoé — 2,50 €.'), 'windows-1252'),
    name: 'news/ferry-fr.html',
    contentType: null,
  },
  {
    label: 'a Big5 page of Hong Kong, its Cantonese in HKSCS characters',
    bytes: encode(
      STORY.replace('<meta charset="utf-8">', '<meta charset="big5">')
        .replace('lang="en-GB"', 'lang="zh-HK"')
        .replace('officials said.', 'officials said. 我哋今日冇去飲茶，佢嘅車喺門口。'),
      'big5hkscs',
    ),
    name: 'news/ferry-hk.html',
    contentType: null,
  },
  {
    label: 'a page UTF-8 encoded twice (its UTF-8 read as Latin-1 and stored as UTF-8 again)',
    bytes: Buffer.from(Buffer.from(STORY.replace('officials said.', 'officials said. « C’est formidable », a déclaré Zoé — 2,50 €.'), 'utf8').toString('latin1'), 'utf8'),
    name: 'news/ferry-twice.html',
    contentType: null,
  },
  {
    label: 'a UTF-8 page with a quote pasted into it UTF-8 encoded twice (read as windows-1252), beside real characters',
    bytes: Buffer.from(STORY.replace('officials said.', `officials said. ${iconv.decode(Buffer.from('« C’est formidable » — a déclaré Zoé, à 2,50 €.', 'utf8'), 'windows-1252')} Café Zoë.`), 'utf8'),
    name: 'news/ferry-pasted.html',
    contentType: null,
  },
  { label: "a forum thread with a consent manager's preference centre", bytes: Buffer.from(THREAD), name: 'forum/ferry-winter.html', contentType: 'text/html; charset=utf-8' },
  {
    label: 'a forum thread whose script never filled in the template line of each post',
    bytes: Buffer.from(THREAD.replace(/Harbour regular \d+/g, '{{ post.author }} · {{ post.date }}')),
    name: 'forum/ferry-template.html',
    contentType: 'text/html; charset=utf-8',
  },
  {
    label: "a forum thread saved while its consent banner showed (the consent manager's class on <body>)",
    bytes: Buffer.from(THREAD.replace('<body><main>', '<body class="didomi-popup-open"><main>')),
    name: 'forum/ferry-popup.html',
    contentType: 'text/html; charset=utf-8',
  },
  { label: 'an HTML story saved under a .txt name (cleaned as text, with the MARKUP_AS_TEXT warning)', bytes: Buffer.from(STORY), name: 'news/ferry-saved.txt', contentType: null },
  {
    label: 'a story whose JSON-LD names its time zone as Rails writes it ("… UTC")',
    bytes: Buffer.from(STORY.replace('"2024-03-04T09:15:00+00:00"', '"2024-03-04 09:15:00 UTC"')),
    name: 'news/ferry-utc.html',
    contentType: null,
  },
  { label: "Cloudflare's challenge page instead of the story (the BLOCKED_PAGE warning)", bytes: Buffer.from(CLOUDFLARE_CHALLENGE), name: 'news/ferry-challenge.html', contentType: 'text/html; charset=UTF-8' },
  {
    label: "Cloudflare's challenge page with its text in German under its English title (BLOCKED_PAGE by its markup, a hint in any language)",
    bytes: Buffer.from(
      CLOUDFLARE_CHALLENGE.replace('Verify you are human by completing the action below.', 'Bestätigen Sie, dass Sie ein Mensch sind, indem Sie die folgende Aktion ausführen.')
        .replace('Enable JavaScript and cookies to continue', 'JavaScript und Cookies aktivieren, um fortzufahren')
        .replace('news.example needs to review the security of your connection before proceeding.', 'news.example muss die Sicherheit Ihrer Verbindung überprüfen, bevor Sie fortfahren können.'),
    ),
    name: 'news/ferry-challenge-de.html',
    contentType: 'text/html; charset=UTF-8',
  },
  {
    label: 'a story titled "Site | Headline" whose headline, linked to the page, is in a web component\'s declarative shadow root',
    bytes: Buffer.from(
      STORY.replace('Ferry resumes after repairs | Harbour Gazette', 'Harbour Gazette | Ferry resumes after repairs')
        .replace('<meta property="og:site_name" content="Harbour Gazette">\n', '')
        .replace('"headline":"Ferry resumes after repairs",', '')
        .replace(
          '<h1>Ferry resumes after repairs</h1>',
          '<story-head><template shadowrootmode="open"><h1><a href="/ferry-resumes" rel="bookmark"><slot></slot></a></h1></template>Ferry resumes after repairs</story-head>',
        ),
    ),
    name: 'news/ferry-shadow.html',
    contentType: null,
  },
  {
    label: 'a story whose paragraph, inside a web component with a shadow root, closes the paragraph around it (the standard puts it after the component)',
    bytes: Buffer.from(
      STORY.replace(
        '<p>Passengers queued from dawn, and the first crossing left on time with every seat taken.</p>',
        '<p>Passengers queued from dawn. <ferry-note><template shadowrootmode="open"><sup><slot name="mark">*</slot></sup></template><p>The first crossing left on time with every seat taken.</p></ferry-note></p>',
      ),
    ),
    name: 'news/ferry-note.html',
    contentType: null,
  },
  {
    label: 'a story titled "Section - Headline" whose h1, the headline, has no link (the title is the headline, not the section)',
    bytes: Buffer.from(
      STORY.replace('Ferry resumes after repairs | Harbour Gazette', 'Local - Ferry resumes after repairs')
        .replace('<meta property="og:site_name" content="Harbour Gazette">\n', '')
        .replace('"headline":"Ferry resumes after repairs",', ''),
    ),
    name: 'news/ferry-section.html',
    contentType: null,
  },
  {
    label: 'a short column titled "Just a moment..." (its own title, as Cloudflare\'s challenge is titled: no BLOCKED_PAGE)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title></head><body><main><article><h1>Just a moment...</h1>' +
        '<p>The ferry waits a minute at the north quay for the last bus from the station, and most evenings the minute is enough.</p>' +
        '<p>On Friday it was not: the bus was late, the ferry left, and a dozen commuters watched it go from the slipway.</p></article></main></body></html>',
    ),
    name: 'columns/just-a-moment.html',
    contentType: 'text/html; charset=utf-8',
  },
  {
    label: 'a brief titled as PerimeterX\'s block page ("Access to this page has been denied."): a headline, no BLOCKED_PAGE',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Access to this page has been denied.</title></head><body><main><article>' +
        '<p>The court ruled on Monday that the harbour authority may keep the ferry logs sealed until the inquiry ends.</p></article></main></body></html>',
    ),
    name: 'news/access-denied.html',
    contentType: 'text/html; charset=utf-8',
  },
  {
    label: 'a plain-text transcript of one line longer than a block (its line breaks dropped): body whole',
    bytes: Buffer.from(Array.from({ length: 5000 }, () => 'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.').join(' ')),
    name: 'transcripts/ferry-line.txt',
    contentType: null,
  },
  {
    label: 'an article in one <div> of 495,000 characters, cut into blocks by the walk: body whole, not its first 400,000',
    bytes: Buffer.from(
      `<!DOCTYPE html><html lang="en"><head><title>Ferry resumes</title></head><body><nav><ul>${['Home', 'News', 'Sport', 'Weather', 'Travel', 'Culture', 'Opinion', 'Podcasts'].map((item) => `<li><a href="/${item.toLowerCase()}">${item}</a></li>`).join('')}</ul></nav>` +
        `<article><h1>Ferry resumes</h1><div>${Array.from({ length: 5000 }, () => 'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.').join(' ')}</div></article><footer>© 2024 Courier</footer></body></html>`,
    ),
    name: 'news/ferry-one-div.html',
    contentType: null,
  },
  {
    label: "a blog post with a recent-comments widget: the commenter's name (comment-author-link) is no byline",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Die Fähre fährt wieder</title></head><body>' +
        '<aside><h4>Neue Kommentare</h4><ul id="recentcomments"><li class="recentcomments"><span class="comment-author-link">Peter Ulmer</span> bei <a href="/?p=1#comment-2">Fahrplan</a></li></ul></aside>' +
        '<article><h1>Die Fähre fährt wieder</h1><p>Die Hafenfähre hat am Montag nach einer Woche Reparatur am Motor den Betrieb wieder aufgenommen.</p></article></body></html>',
    ),
    name: 'blog/faehre-kommentare.html',
    contentType: null,
  },
  {
    label: 'a guide whose h1 words its title without the bracketed tail written for search results: titled by the h1',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>What is a Ferry Pass? [Definition + Types + Pros and Cons]</title></head><body><article><h1>What is a Ferry Passport?</h1>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said, and the pass now covers both quays.</p></article></body></html>',
    ),
    name: 'guides/ferry-pass.html',
    contentType: null,
  },
  {
    label: 'a guide whose h1 lost characters to question marks: titled as the <title> spells it',
    bytes: Buffer.from(
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ferry Planning: A Beginner's Guide</title></head><body><article><h1>Ferry Planning? A Beginner? Guide</h1>" +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said, and the pass now covers both quays.</p></article></body></html>',
    ),
    name: 'guides/ferry-planning.html',
    contentType: null,
  },
  {
    label: "a link aggregator's thread: the poster's user name after the story's score is the byline",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ask the harbour: what are your plans for 2024? | Harbour Talk</title></head><body>' +
        '<table><tr><td><a href="/item?id=1">Ask the harbour: what are your plans for 2024?</a></td></tr><tr><td>89 points by jdoe_42 on Dec 26, 2023 | hide | 137 comments</td></tr></table>' +
        '<p>Looking at a busy year for the ferries, the new quay and the timetable, I would love to hear what everyone expects to change.</p></body></html>',
    ),
    name: 'threads/harbour-plans.html',
    contentType: null,
  },
  {
    label: 'a report whose JSON-LD names one author and whose byline under the headline shows four: the four',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetables compared</title>' +
        '<script type="application/ld+json">{"@type":"Article","headline":"Ferry timetables compared","author":{"@type":"Person","name":"Rui Ma"}}</script></head><body>' +
        '<article><h1>Ferry timetables compared</h1><div>Rui Ma, Heba Ledwon, Manoel Cortes Mendez &amp; Suparn Patra</div>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, and its timetable now matches the bus.</p></article></body></html>',
    ),
    name: 'reports/ferry-timetables.html',
    contentType: null,
  },
  {
    label: 'a listing of cards (ferry passes) with a list of routes and a side column: what the block model is unsure of, the page its own threshold decides',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry passes | Harbour Ferries</title></head><body><header><nav>' +
        ['Home', 'Timetables', 'Passes', 'Routes', 'News', 'Contact'].map((item) => `<a href="/${item.toLowerCase()}">${item}</a>`).join(' ') +
        '</nav></header><main><h1>Ferry passes</h1><p>Choose the pass that suits how often you cross.</p><div class="grid">' +
        ['Day pass', 'Week pass', 'Month pass', 'Student pass', 'Senior pass', 'Family pass', 'Bike add-on', 'Car deck pass']
          .map((item, i) => `<div class="card"><h3><a href="/passes/${i}">${item}</a></h3><p>Unlimited crossings on every route for the period shown, with priority boarding at the north quay.</p><p>From £${(i + 2) * 4}.50</p></div>`)
          .join('') +
        '</div><h2>Popular routes</h2><ul>' +
        ['North quay to Ferry Point', 'Old town to the islands', 'Harbour loop', 'Night crossing'].map((route) => `<li><a href="/routes">${route}</a> every 20 minutes</li>`).join('') +
        '</ul></main><aside><h3>Travel updates</h3><ul><li><a href="/n1">Evening crossings resume after the repairs</a></li><li><a href="/n2">New terminal opens at the north quay</a></li></ul></aside>' +
        '<footer><p>© 2024 Harbour Ferries</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>',
    ),
    name: 'listings/ferry-passes.html',
    contentType: null,
  },
  {
    label: "a forum thread whose heading is its title with the forum's labels after it: dated by its post, not by the forum's clock above",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry times in winter - Travel - Harbourland</title><meta property="og:title" content="Ferry times in winter"></head><body>' +
        '<h1>Harbour Forum</h1><p>Stats: 3,313 members, 8,365 topics. Date: Thursday, 05 March 2026 at 01:16 PM</p>' +
        '<h2>Ferry times in winter - Travel - Harbour Forum</h2><p>Ferry times in winter by jdoe: 3:21pm On Mar 09, 2023</p>' +
        '<p>Does anyone know whether the harbour ferry keeps its summer timetable through December, or switches in November?</p></body></html>',
    ),
    name: 'threads/ferry-winter.html',
    contentType: null,
  },
  {
    label: "a forum thread whose JSON-LD states its time in UTC and whose <time> states the same instant in the forum's offset: the forum's",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry strike called off</title>' +
        '<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Ferry strike called off","datePublished":"2025-12-18T23:25:38+00:00"}</script></head><body>' +
        '<h1>Ferry strike called off</h1><p>Start date <time datetime="2025-12-19T04:25:38+0500">Yesterday at 4:25 AM</time></p>' +
        '<p>The union and the harbour board agreed overnight, and the morning crossings run as usual from the north quay.</p></body></html>',
    ),
    name: 'threads/ferry-strike.html',
    contentType: null,
  },
  {
    label: "a blog post that states no date but its permalink's path does (/2021/04/22/): dated by it",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry resumes</title><link rel="canonical" href="https://harbour.example/2021/04/22/ferry-resumes/"></head><body>' +
        '<article><h1>Ferry resumes</h1><p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p></article></body></html>',
    ),
    name: 'blog/ferry-resumes.html',
    contentType: null,
  },
  {
    label: 'an undeclared windows-1251 page: a Russian paragraph beside an English menu (read in Cyrillic, not as windows-1252)',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>' +
        '<article><h1>Паром снова ходит</h1><p>Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили официальные лица.</p></article></body></html>',
      'windows-1251',
    ),
    name: 'news/ferry-ru.html',
    contentType: null,
  },
  {
    label: 'an undeclared windows-1250 page: a Czech paragraph beside an English one (read as Czech, not as windows-1252 "Pøívoz")',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>' +
        '<article><h1>Ferry</h1><p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn. The operator said a second vessel would join the route in the spring.</p>' +
        '<p>Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas se všemi obsazenými místy.</p></article></body></html>',
      'windows-1250',
    ),
    name: 'news/ferry-cs.html',
    contentType: null,
  },
  {
    label: 'an undeclared windows-1251 page: a Ukrainian paragraph beside English text and a page script (read in Cyrillic, not as windows-1252)',
    bytes: encode(
      `<!DOCTYPE html><html><head><title>Harbour Gazette</title><script>${'function track(a,b){var c=document.createElement("script");c.src="https://stats.example/track.js?id="+a+"&ref="+encodeURIComponent(b);document.head.appendChild(c);}'.repeat(20)}</script></head>` +
        '<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><article><h1>Ferry</h1><p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn. The operator said a second vessel would join the route in the spring.</p>' +
        '<p>Пором відновив роботу в понеділок після тижня ремонту двигуна, повідомили посадовці.</p></article></body></html>',
      'windows-1251',
    ),
    name: 'news/ferry-uk.html',
    contentType: null,
  },
  {
    label: 'an undeclared Thai page (windows-874), which detection ranks as EUC-KR: read as Thai, not as Hangul and Hanja',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>ข่าวท่าเรือ</title></head><body><article><h1>เรือข้ามฟากกลับมาให้บริการ</h1>' +
        '<p>เรือข้ามฟากกลับมาให้บริการอีกครั้งในวันจันทร์หลังจากซ่อมเครื่องยนต์เป็นเวลาหนึ่งสัปดาห์ เจ้าหน้าที่กล่าว</p>' +
        '<p>ผู้โดยสารเข้าแถวตั้งแต่รุ่งเช้า และเที่ยวแรกออกเดินทางตรงเวลาโดยที่นั่งเต็มทุกที่</p></article></body></html>',
      'windows-874',
    ),
    name: 'news/ferry-th.html',
    contentType: null,
  },
  {
    label: 'a UTF-8 page whose mojibake is written as character references (isn&acirc;&euro;&trade;t): repaired, as written mojibake is',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry resumes</title></head><body><main><article><h1>Ferry resumes</h1>' +
        '<p>The ferry isn&acirc;&euro;&trade;t late any more &acirc;&euro;&rdquo; the council&acirc;&euro;&trade;s engineers fixed the engine in a week.</p>' +
        '<p>Passengers queued from dawn at the Caf&Atilde;&copy; du Port, and the first crossing left on time with every seat taken.</p></article></main></body></html>',
    ),
    name: 'news/ferry-references.html',
    contentType: null,
  },
  {
    label: 'an undeclared ISO-8859-2 page: a Polish paragraph beside an English menu (ł, ą, ż read, not ³, ¹, ¿)',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>' +
        '<article><p>Prom wznowił kursy w poniedziałek po tygodniu naprawy silnika, poinformowali urzędnicy. Może to potrwać, ciąg dalszy nastąpi.</p></article></body></html>',
      'iso-8859-2',
    ),
    name: 'news/ferry-pl.html',
    contentType: null,
  },
  {
    label: 'an undeclared Thai paragraph (windows-874) beside English: read as Thai, not as windows-1252, EUC-KR or Big5',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry</h1>' +
        '<p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.</p>' +
        '<p>กรุงเทพมหานครประกาศแผนการจราจรใหม่ในวันนี้ ตามแผนดังกล่าว เส้นทางรถประจำทางในเมืองจะมีการปรับปรุงครั้งใหญ่ตั้งแต่ปีหน้า</p></article></body></html>',
      'windows-874',
    ),
    name: 'news/ferry-th-en.html',
    contentType: null,
  },
  {
    label: 'an undeclared Latvian paragraph (windows-1257) beside English: read in its letters, not as windows-1252 ("Prâmis atsâka")',
    bytes: encode(
      '<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry</h1>' +
        '<p>The ferry resumed service on Monday after a week of repairs to its engine, officials said, and passengers queued from dawn.</p>' +
        '<p>Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas.</p></article></body></html>',
      'windows-1257',
    ),
    name: 'news/ferry-lv.html',
    contentType: null,
  },
  {
    label: 'a UTF-8 page whose mojibake stands in one place, inside a word of an image\'s alt (SprÃ¼hregen): repaired',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Fähre fährt wieder</title></head><body><main><article><h1>Fähre fährt wieder</h1>' +
        '<figure><img src="/radar.png" alt="SprÃ¼hregen über dem Hafen"><figcaption>Radar am Montag</figcaption></figure>' +
        '<p>Die Fähre hat am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder aufgenommen, sagten die Behörden.</p>' +
        '<p>Fahrgäste standen ab der Dämmerung an, <a href="https://jaeger.example/" title="Textwerkstatt Jäger">so die Werkstatt</a>.</p></article></main></body></html>',
    ),
    name: 'news/ferry-alt.html',
    contentType: null,
  },
  {
    label: 'a Czech page (windows-1250) under a stale ISO-8859-1 declaration: read in its encoding, not as "Pøívoz … pondìlí"',
    bytes: encode(
      '<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>Harbour Gazette</title></head><body><article><h1>Přívoz</h1>' +
        '<p>Přívoz po týdnu oprav motoru v pondělí znovu vyplul, uvedli úředníci. Cestující stáli ve frontě od svítání a první plavba odjela včas.</p></article></body></html>',
      'windows-1250',
    ),
    name: 'news/ferry-cs-declared.html',
    contentType: null,
  },
  {
    label: 'a windows-1252 page behind a UTF-8 byte order mark (a UTF-8 header joined to it): read as windows-1252, not with U+FFFD for each accent',
    bytes: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      encode(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="windows-1252"><title>Le bac</title></head><body><article><h1>Le bac reprend</h1>' +
          '<p>Le bac a repris son service lundi après une semaine de réparations, ont déclaré les responsables. Les habitués du café étaient ravis.</p></article></body></html>',
        'windows-1252',
      ),
    ]),
    name: 'news/bac-bom.html',
    contentType: null,
  },
  {
    label: 'a Russian page of windows-1251 under a stale koi8-r declaration: read in windows-1251, not as "оЮПНЛ БНГНАМНБХК"',
    bytes: encode(
      '<!DOCTYPE html><html lang="ru"><head><meta charset="koi8-r"><title>Паром</title></head><body><article><h1>Паром возобновил работу</h1>' +
        '<p>Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили официальные лица. Пассажиры стояли в очереди с рассвета.</p></article></body></html>',
      'windows-1251',
    ),
    name: 'news/parom-declared.html',
    contentType: null,
  },
  {
    label: 'an Arabic page of windows-1256 under a stale iso-8859-6 declaration: read in windows-1256, not as "افظ�س افٍنك"',
    bytes: encode(
      '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="iso-8859-6"><title>الطقس</title></head><body><article><h1>الطقس اليوم</h1>' +
        '<p>الطقس اليوم في القاهرة مشمس مع ارتفاع في درجات الحرارة، ويتوقع أن تصل العظمى إلى اثنتين وثلاثين درجة. وقال خبراء الأرصاد إن الرياح ستكون معتدلة طوال اليوم.</p></article></body></html>',
      'windows-1256',
    ),
    name: 'news/taqs-declared.html',
    contentType: null,
  },
  {
    label: 'a Russian page of windows-1251 under a stale iso-8859-5 declaration: read in windows-1251, not as "Яюуюфр т Ьюёътх"',
    bytes: encode(
      '<!DOCTYPE html><html lang="ru"><head><meta charset="iso-8859-5"><title>Погода</title></head><body><article><h1>Погода в Москве</h1>' +
        '<p>Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.</p></article></body></html>',
      'windows-1251',
    ),
    name: 'news/pogoda-declared.html',
    contentType: null,
  },
  {
    label: 'a story whose canonical link is written with spaces and a non-ASCII letter: its url percent-encoded, as the URL standard writes it',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry times</title><link rel="canonical" href="https://News.example/2025/ferry times/café"></head><body><main><article><h1>Ferry times</h1>' +
        '<p>The harbour ferry runs every hour from six in the morning, and the last boat leaves the pier at half past ten at night, officials said.</p></article></main></body></html>',
    ),
    name: 'news/ferry-times.html',
    contentType: 'text/html',
  },
  {
    label: 'a story with end tags opened by white space (`</ >`, `</ b>`): comments, as the standard reads them (the words join, the b stays open)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back</title></head><body><main><article><h1>Ferry back</h1>' +
        '<p>The harbour ferry resumed serv</ >ice on Monday after a week of repairs, and <b>passengers</ b> queued from dawn</b> to board it, officials said.</p></article></main></body></html>',
    ),
    name: 'news/ferry-end-tags.html',
    contentType: 'text/html',
  },
  {
    label: 'an undeclared Russian page of IBM866 (DOS Cyrillic): read in IBM866, not as windows-1257 "¸®£®¤ ¢ ®įŖ¢�"',
    bytes: encode(
      '<!DOCTYPE html><html lang="ru"><head><title>Погода</title></head><body><article><h1>Погода в Москве</h1>' +
        '<p>Погода в Москве сегодня будет солнечной, без осадков. Температура воздуха днём составит около двадцати градусов тепла.</p></article></body></html>',
      'ibm866',
    ),
    name: 'news/pogoda-dos.html',
    contentType: null,
  },
  {
    label: 'an undeclared French page of Mac OS Roman: read in it, not as windows-1252 "cafŽ Ç Chez ZoŽ È … habituŽs"',
    bytes: encode(
      '<!DOCTYPE html><html lang="fr"><head><title>Le café rouvre</title></head><body><article><h1>Le café « Chez Zoé » rouvre</h1>' +
        '<p>Le café « Chez Zoé » a rouvert ses portes hier. Les habitués étaient ravis : « C’est comme à la maison », a déclaré Hélène.</p></article></body></html>',
      'macintosh',
    ),
    name: 'news/cafe-mac.html',
    contentType: null,
  },
  {
    label: 'an undeclared page of one short Thai sentence (windows-874): Thai, not Shift_JIS "ﾃﾒ､ﾒｹ鰌ﾁﾑｹ" (chardet ranks every multi-byte encoding 10)',
    bytes: encode('<html><body><p>ราคาน้ำมันปรับตัวสูงขึ้น</p></body></html>', 'windows-874'),
    name: 'news/thai-short.html',
    contentType: null,
  },
  {
    label: 'an undeclared Latvian page of ISO-8859-4: its letters, not windows-1252 "Pràmis … kursºt pºc nedº¶u"',
    bytes: encode(
      '<!DOCTYPE html><html lang="lv"><head><title>Prāmis atkal kursē</title></head><body><article><h1>Prāmis atkal kursē</h1>' +
        '<p>Prāmis pirmdien atsāka kursēt pēc nedēļu ilga dzinēja remonta, paziņoja amatpersonas. Pasažieri rindā stāvēja kopš rītausmas.</p></article></body></html>',
      'iso-8859-4',
    ),
    name: 'news/pramis-latin4.html',
    contentType: null,
  },
  {
    label: "a story whose author box's biography starts with the name, the only byline: the name",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back in service</title></head><body><main><article><h1>Ferry back in service</h1>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said. Passengers queued from dawn.</p>' +
        '<div class="author-box"><div class="author-bio">Jane Doe is a reporter at the Harbour Gazette who has covered the ferries, the quays and the council for more than ten years.</div></div>' +
        '</article></main></body></html>',
    ),
    name: 'news/ferry-author-box.html',
    contentType: null,
  },
  {
    label: 'a story whose h1 and byline break their lines (<br>): "Ferry back in service" by "Jane Doe", not "Ferry backin service" by "ByJane Doe"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><article><h1>Ferry back<br>in service</h1>' +
        '<div class="byline">By<br>Jane Doe</div>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p></article></body></html>',
    ),
    name: 'news/ferry-lines.html',
    contentType: null,
  },
  {
    label: 'an article whose microdata names its author on two lines (<br>): "Jane Doe", not "JaneDoe"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back in service</title></head><body><article itemscope itemtype="https://schema.org/NewsArticle"><h1>Ferry back in service</h1>' +
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane<br>Doe</span></div>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p></article></body></html>',
    ),
    name: 'news/ferry-microdata.html',
    contentType: null,
  },
  {
    label: 'a story whose author box gives the name and the role on lines of their own: by "Jane Doe", not "Jane Doe Staff Writer"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back in service</title></head><body><main><article><h1>Ferry back in service</h1>' +
        '<div class="author"><a href="/authors/jane-doe">Jane Doe</a><div class="author-role">Staff Writer</div></div>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p></article></main></body></html>',
    ),
    name: 'news/ferry-author-role.html',
    contentType: null,
  },
  {
    label: 'a story whose byline\'s label ("Article by") and name are author elements of their own: by "Jane Doe", not "Article by"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back in service</title></head><body><main><article><h1>Ferry back in service</h1>' +
        '<div class="author-label">Article by</div><div class="author-name">Jane Doe</div>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p></article></main></body></html>',
    ),
    name: 'news/ferry-article-by.html',
    contentType: null,
  },
  {
    label: 'a German plain-text scrape whose byline line gives the date as 04.03.2024: by "Anna Müller", on 4 March (not none, on 3 April)',
    bytes: Buffer.from(
      'Fähre wieder in Betrieb\n\nVon Anna Müller | 04.03.2024\n\nDie Hafenfähre hat am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder aufgenommen, teilten die Behörden mit.\n\n' +
        'Fahrgäste standen seit dem Morgengrauen am Anleger an, und einige sagten, sie hätten mehr als zwei Stunden gewartet.\n',
    ),
    name: 'news/faehre.txt',
    contentType: null,
  },
  {
    label: 'a plain-text scrape with a scraper\'s header ("Title:", "URL Source:", "Published Time:"): title, url and date read from it, not segments',
    bytes: Buffer.from(
      'Title: Harbour ferry back in service\n\nURL Source: https://news.example/2025/ferry-back\n\nPublished Time: 2025-03-04T09:00:00Z\n\n' +
        'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n\nPassengers queued from dawn, and some said they had waited more than two hours.\n',
    ),
    name: 'news/ferry-header.txt',
    contentType: null,
  },
  {
    label: 'a review whose rating is drawn with Material Icons glyphs: "Rated 4.5", not "Rated star star star star star_half 4.5"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry review</title></head><body><article><h1>Ferry review</h1>' +
        '<p><span>Rated</span>' + ['star', 'star', 'star', 'star', 'star_half'].map((name) => `<i class="material-icons">${name}</i>`).join('') + '<span>4.5</span></p>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, and the crossing was smooth and on time.</p></article></body></html>',
    ),
    name: 'reviews/ferry.html',
    contentType: null,
  },
  {
    label: 'a rendered WordPress story whose emoji are images (<img class="emoji" alt="👍">): "voted 👍 for", no picture of a thumb',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry crews vote</title></head><body><article><h1>Ferry crews vote</h1>' +
        '<p>The crews voted <img draggable="false" role="img" class="emoji" alt="👍" src="https://s.w.org/images/core/emoji/15.0.3/svg/1f44d.svg"> for the new rosters on Monday, and the harbour ferry runs again from dawn.</p></article></body></html>',
    ),
    name: 'news/ferry-emoji.html',
    contentType: null,
  },
  {
    label: 'a Jina Reader scrape in Markdown: headings, a list, a table, links and an image in the structure, no Markdown syntax in the text',
    bytes: Buffer.from(
      'Title: Harbour ferry back in service\n\nURL Source: https://news.example/2026/ferry-back\n\nMarkdown Content:\n' +
        '*   [Home](https://news.example/)\n*   [Local](https://news.example/local)\n*   [Sport](https://news.example/sport)\n\n' +
        'Harbour ferry back in service\n=============================\n\n![Image 1: The ferry at the pier](/img/ferry.jpg)\n\n*The ferry at the north pier on Monday.*\n\n' +
        'The **harbour ferry** resumed service on Monday after a week of repairs to its engine, the [port authority](https://port.example/news) said.\n\n' +
        '## New timetable\n\nPassengers queued from dawn, and some said they had waited more than two hours for the first crossing.\n\n' +
        '1.  First crossing at 06:00.\n2.  Last crossing at 22:30.\n\n| Day | First | Last |\n| --- | --- | --- |\n| Weekdays | 06:00 | 22:30 |\n| Sunday | 08:00 | 21:00 |\n\n' +
        'Fares are unchanged, and season tickets bought before the repairs stay valid until the end of June, the authority said.\n\n' +
        'The authority plans a second ferry for the summer months, when tourists fill the crossings, and expects to order it by the autumn.\n\n' +
        'Until then the ferry will be inspected every two weeks, and a replacement bus will run whenever it is out of service for more than a day.\n\n' +
        '*   [About us](https://news.example/about)\n*   [Contact](https://news.example/contact)\n\n' +
        '© 2026 Harbour News. All rights reserved.\n',
    ),
    name: 'news/ferry-back.md',
    contentType: null,
  },
  {
    label: 'a Jina Reader scrape with a warning in its header and a short note under it: no "Warning:", "Markdown Content:" nor "=====" segment',
    bytes: Buffer.from(
      'Title: Ferry timetable\n\nURL Source: https://news.example/ferry/timetable\n\nWarning: This is a cached snapshot of the original page, consider retry with caching opt-out.\n\n' +
        'Markdown Content:\nFerry timetable\n===============\n\nThe harbour ferry runs every hour from the north pier, from six in the morning until midnight.\n',
    ),
    name: 'news/ferry-timetable.txt',
    contentType: null,
  },
  {
    label: 'a README in Markdown: indented code, an HTML block (<details>, an <img>, a <table>), inline <kbd> and <br>, footnotes, and its last lines kept as body',
    bytes: Buffer.from(
      '# tidepool\n\nReads the tide tables of [NOAA](https://tidesandcurrents.noaa.gov/) stations.\n\n<p align="center"><img src="https://example.org/chart.png" alt="A tide chart"></p>\n\n' +
        '## Install\n\n    npm install tidepool\n\n## Usage\n\nCall `tides()` with an id from the [station list](https://tidesandcurrents.noaa.gov/stations.html):\n\n' +
        "    const today = await tides('8443970');\n\nThe result lists the highs and lows above the chart datum.[^datum] Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop.<br>\nTimes are local.\n\n" +
        '<details>\n<summary>Older Node versions</summary>\n\nOn Node 16, run it with the `--experimental-fetch` flag.\n\n</details>\n\n' +
        '<table><tr><th>Option</th><th>Default</th></tr><tr><td>units</td><td>feet</td></tr></table>\n\n' +
        'See the [changelog](https://example.org/CHANGELOG.md) and the <a href="https://example.org/LICENSE">license</a>.\n\n[^datum]: Mean lower low water, as NOAA gives it.\n',
    ),
    name: 'docs/tidepool-readme.txt',
    contentType: null,
  },
  {
    label: 'a README named .md with few links and HTML closing tags: Markdown (headings, code, a <details> summary, list items over two lines), not an HTML fragment; a quoted note under its logo no caption, a GitHub alert titled "Tip", the sections around the body kept',
    bytes: Buffer.from(
      '<p align="center"><img src="logo.png" alt="tidepool"></p>\n\n# tidepool\n\n> **Note**\n> Version 2 reads the new API.\n\n> [!TIP]\n> Cache the tables for a day.\n\n- [Install](#install)\n- [Usage](#usage)\n\n' +
        'Reads the tide tables of [NOAA](https://tidesandcurrents.noaa.gov/) stations.\n\n' +
        '## Install\n\n```sh\nnpm install tidepool\n```\n\n- Works offline once a station\n  has been read.\n- Needs no key\nfrom NOAA.\n\n<details>\n<summary>Older Node versions</summary>\n\nOn Node 16, run it with the `--experimental-fetch` flag.\n\n</details>\n',
    ),
    name: 'docs/README.md',
    contentType: null,
  },
  {
    label: 'a French page of windows-1252 under a stale windows-1251 header: "Le café est très apprécié", not "Le cafй est trиs apprйciй"',
    bytes: iconv.encode(
      '<!DOCTYPE html><html lang="fr"><head><title>Le bac du port</title></head><body><article><h1>Le bac du port</h1>' +
        '<p>Le bac du port a repris son service lundi après une semaine de réparations du moteur. Les élèves de l’école préférée ont décidé d’aller à la fête près du château.</p></article></body></html>',
      'windows-1252',
    ),
    name: 'news/bac.html',
    contentType: 'text/html; charset=windows-1251',
  },
  {
    label: 'a timetable whose header has two rows (Line over two rows, Departs over First and Last): one Markdown header row "Line | Departs First | Departs Last"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetable</title></head><body><main><article><h1>Ferry timetable</h1>' +
        '<p>The harbour ferry runs again from Monday, and the authority published the times of the first and last crossings of each line.</p>' +
        '<table><thead><tr><th rowspan="2">Line</th><th colspan="2">Departs</th></tr><tr><th>First</th><th>Last</th></tr></thead>' +
        '<tbody><tr><td>F1</td><td>06:00</td><td>22:30</td></tr><tr><td>F2</td><td>06:30</td><td>21:00</td></tr></tbody></table>' +
        '<p>Fares are unchanged, and season tickets bought before the repairs stay valid until the end of June.</p></article></main></body></html>',
    ),
    name: 'news/ferry-departures.html',
    contentType: null,
  },
  {
    label: "a shop's category (JSON-LD CollectionPage) whose <title> is written for search results: titled by its h1, \"All Passes\"",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Buy Ferry Passes Online at Harbour Shop</title>' +
        '<script type="application/ld+json">{"@type":"CollectionPage","name":"Ferry Passes"}</script></head><body><main><h1>All Passes</h1>' +
        '<p>Every pass of the harbour ferries in one place: day, week and month passes, with priority boarding at the north quay.</p></main></body></html>',
    ),
    name: 'shop/ferry-passes.html',
    contentType: null,
  },
  {
    label: 'an AMP story: its <amp-img> lead photo one image (no second from the <noscript> fallback), its <amp-ad> placeholder an ad',
    bytes: Buffer.from(
      '<!DOCTYPE html><html amp lang="en"><head><meta charset="utf-8"><title>Ferry back in service</title><link rel="canonical" href="https://news.example/ferry-amp"></head><body><article><h1>Ferry back in service</h1>' +
        '<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, the port authority said.</p>' +
        '<figure><amp-img src="/img/ferry.jpg" alt="The ferry at the north pier" width="1200" height="800" layout="responsive"><noscript><img src="/img/ferry.jpg" alt="The ferry at the north pier"></noscript></amp-img>' +
        '<figcaption>The ferry at the north pier on Monday.</figcaption></figure>' +
        '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/news"><div placeholder>Loading the latest offers</div></amp-ad>' +
        '<p>Passengers queued from dawn, and the first crossing left on time with every seat taken.</p></article></body></html>',
    ),
    name: 'news/ferry-amp.html',
    contentType: null,
  },
  {
    label: 'a small table of figures without header cells ("Line | Crossings / F1 | 42 / F2 | 17"): one table segment, not a segment per cell',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry crossings</title></head><body><main><article><h1>Ferry crossings</h1>' +
        '<p>The harbour ferry ran again last week, and the authority counted the crossings of each of its two lines.</p>' +
        '<table><tr><td>Line</td><td>Crossings</td></tr><tr><td>F1</td><td>42</td></tr><tr><td>F2</td><td>17</td></tr></table>' +
        '<p>Both lines will run every hour from Monday, when the summer timetable starts.</p></article></main></body></html>',
    ),
    name: 'news/ferry-crossings.html',
    contentType: null,
  },
  {
    label: 'a small table of words without header cells ("Name | Role / Alice | Engineer / Bob | Designer"): one table segment, not a segment per cell',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry crews</title></head><body><main><article><h1>Ferry crews</h1>' +
        '<p>The harbour authority named the crew of the new ferry, which starts on the north line next month.</p>' +
        '<table><tr><td>Name</td><td>Role</td></tr><tr><td>Ana Souza</td><td>Captain</td></tr><tr><td>Tom Berg</td><td>Engineer</td></tr></table>' +
        '<p>Both have worked on the harbour ferries for more than ten years.</p></article></main></body></html>',
    ),
    name: 'news/ferry-crew.html',
    contentType: null,
  },
  {
    label: 'a task list (<li><input type="checkbox" disabled checked>): each item keeps its box\'s state, "- [x]" in the Markdown',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry checklist</title></head><body><main><article><h1>Ferry checklist</h1>' +
        '<p>Before the first crossing of the season the crew goes through the checklist, one step after the other.</p>' +
        '<ul><li><input type="checkbox" disabled checked> Lifejackets counted</li><li><input type="checkbox" disabled> Radio tested</li></ul>' +
        '<p>The harbour master signs the list once every box is ticked.</p></article></main></body></html>',
    ),
    name: 'news/ferry-checklist.html',
    contentType: null,
  },
  {
    label: 'a lead photo under the headline and byline, with no caption: one of the images, before the first segment',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry back at the pier</title></head><body><main><article><h1>Ferry back at the pier</h1>' +
        '<p class="byline">By Maria Okafor</p><img src="https://port.example/img/ferry-pier.jpg" alt="The ferry at the north pier" width="1200" height="800">' +
        '<p>The harbour ferry is back at the north pier after three months of repairs to its engines and hull.</p>' +
        '<p>The first crossing leaves at seven on Monday, and tickets are sold on board.</p></article></main></body></html>',
    ),
    name: 'news/ferry-pier.html',
    contentType: null,
  },
  {
    label: 'a line break in a table cell ("07:00<br>08:00"): a break span of the cell, "<br>" in the Markdown',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry departures</title></head><body><main><article><h1>Ferry departures</h1>' +
        '<p>The winter timetable of the harbour ferry starts on Monday, with fewer crossings on each line.</p>' +
        '<table><thead><tr><th>Line</th><th>Departures</th></tr></thead><tbody><tr><td>F1</td><td>07:00<br>12:00</td></tr><tr><td>F2</td><td>08:30</td></tr></tbody></table>' +
        '<p>Tickets bought for the summer are valid until they expire.</p></article></main></body></html>',
    ),
    name: 'news/ferry-winter-departures.html',
    contentType: null,
  },
  {
    label: 'a README named .md with no level-1 heading: no title from its table of contents, a lazily continued quote, link definitions over lines',
    bytes: Buffer.from(
      'Tidepool reads the tide tables of the [national service][tides] and gives the highs and lows of a [station][st].\n\n' +
        '## Contents\n\n- [Install](#install)\n- [Usage](#usage)\n\n## Install\n\nRun `npm install tidepool`, then import it.\n\n' +
        '> The tables are read once a day and kept on disk, so the library works\noffline for the rest of the day.\n\n' +
        '## Usage\n\nCall `tides(station)` with the id of the [station][st].\n\n[tides]:\n  https://tidesandcurrents.noaa.gov/\n  "Tides and Currents"\n[st]: https://tidesandcurrents.noaa.gov/stations.html\n',
    ),
    name: 'docs/tidepool/README.md',
    contentType: null,
  },
  {
    label: 'a post whose lines end with "!" before a line break or emphasis: no backslash before the "!" in the Markdown (only before a link)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Back on the water</title></head><body><main><article><h1>Back on the water</h1>' +
        '<p>Hey again!<br>The new ferry is running at last, and the first crossing this morning was full to the last seat.</p>' +
        '<p>What a day!<em> Truly.</em> Read the <a href="https://port.example/timetable">timetable</a> for the next crossings.</p></article></main></body></html>',
    ),
    name: 'forum/back-on-the-water.html',
    contentType: null,
  },
  {
    label: "a home page whose <title> is the site's name with a slogan: titled by its h1, the page's headline",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour Ferries | Crossings for everyone</title>' +
        '<link rel="canonical" href="https://www.harbourferries.example/"></head><body><main><h1>Your fastest way across the harbour</h1>' +
        '<p>Ferries leave the north quay every twenty minutes from dawn, and a pass covers every route, the night crossing too.</p></main></body></html>',
    ),
    name: 'home/harbour-ferries.html',
    contentType: null,
  },
  {
    label: 'a German story quoting with <q>: the marks a browser draws, „…“, around the quotation, not a quotation read as the writer\'s words',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Die Fähre fährt wieder</title></head><body><main><article><h1>Die Fähre fährt wieder</h1>' +
        '<p>Die Hafenfähre fährt seit Montag wieder, nach einer Woche Reparaturen am Motor. Der Kapitän nannte den Hafen <q>den schönsten Arbeitsplatz der Welt</q> und dankte der Mannschaft.</p>' +
        '<p>Die Fahrgäste standen schon im Morgengrauen am Anleger, und die erste Überfahrt legte pünktlich ab.</p></article></main></body></html>',
    ),
    name: 'news/faehre-zitat.html',
    contentType: null,
  },
  {
    label: 'a Jina Reader scrape whose target answered 404 ("Warning: Target URL returned error 404: Not Found"): the HTTP_ERROR warning',
    bytes: Buffer.from(
      'Title: Page not found | Harbour News\n\nURL Source: https://news.example/ferry/old-timetable\n\nWarning: Target URL returned error 404: Not Found\n\n' +
        'Markdown Content:\nPage not found\n==============\n\nThe page you asked for has moved or no longer exists. Try the search box above, or go back to the front page for the latest news from the harbour.\n',
    ),
    name: 'news/ferry-gone.txt',
    contentType: null,
  },
  {
    label: 'a guide that shows only its update ("Updated on July 9, 2025"), which its JSON-LD dateModified states: dated by it',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry passes explained</title>' +
        '<script type="application/ld+json">{"@type":"Article","headline":"Ferry passes explained","dateModified":"2025-07-09 11:50:26"}</script></head><body><main><article>' +
        '<h1>Ferry passes explained</h1><div>Updated on July 9, 2025</div>' +
        '<p>A day pass covers every crossing until midnight, a week pass seven days from the first, and both give priority boarding at the north quay.</p></article></main></body></html>',
    ),
    name: 'guides/ferry-passes-updated.html',
    contentType: null,
  },
  {
    label: 'a blog post titled "Site.de » Blog Archiv » Title", its author box a label ("Autor:") without a name: the title alone, no byline',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Hafennotizen.de » Blog Archiv » Fährpreise steigen wieder</title></head><body><main><article>' +
        '<div class="author">Autor:</div>' +
        '<p>Die Fähren im Hafen werden ab März teurer: die Tageskarte kostet dann zwölf Euro, die Wochenkarte vierzig, wie die Hafenbehörde mitteilte.</p></article></main></body></html>',
    ),
    name: 'blog/faehrpreise.html',
    contentType: null,
  },
  {
    label: 'a short French page of windows-1252 under a charset=iso-8859-2 header: "très … à … l’hiver", not "trčs … ŕ … lhiver"',
    bytes: iconv.encode(
      '<!DOCTYPE html><html lang="fr"><head><title>Café à Montréal</title></head><body><article><h1>Café à Montréal</h1>' +
        '<p>Le café est très apprécié à Montréal, où l’hiver est long et froid. « Déjà vu » — c’est ça.</p></article></body></html>',
      'windows-1252',
    ),
    name: 'news/cafe-montreal.html',
    contentType: 'text/html; charset=iso-8859-2',
  },
  {
    label: 'a glossary in a description list between paragraphs: its terms ("Spring tide") body with their descriptions',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Reading the tide tables</title></head><body><main><article><h1>Reading the tide tables</h1>' +
        '<p>The harbour publishes its tide tables every month, and sailors read them before every crossing of the bar at the mouth of the river.</p>' +
        '<dl><dt>Spring tide</dt><dd>The largest range of the month, near new and full moon.</dd><dt>Neap tide</dt><dd>The smallest range, at the quarter moons.</dd></dl>' +
        '<p>Both are printed in bold in the tables, with the height of the water at high and low tide.</p></article></main></body></html>',
    ),
    name: 'news/tide-glossary.html',
    contentType: null,
  },
  {
    label: "a guide whose h1 its address's slug spells, under a <title> rewritten for search results: titled by the h1",
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry Passes: Definition, Best Routes in 2025, and More! | Harbour</title>' +
        '<link rel="canonical" href="https://harbour.example/guides/everything-you-need-to-know-about-ferry-passes/"></head><body><main><article>' +
        '<h1>Everything You Need to Know About Harbour Ferry Passes</h1>' +
        '<p>A day pass covers every crossing until midnight, a week pass seven days from the first, and both give priority boarding at the north quay.</p></article></main></body></html>',
    ),
    name: 'guides/ferry-passes-slug.html',
    contentType: null,
  },
  {
    label: 'a documentation page whose headings carry Sphinx\'s permalink "¶": "Installing", not "Installing¶"',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Installing tidepool — tidepool 1.0 documentation</title></head><body><div role="main"><section id="installing">' +
        '<h1>Installing tidepool<a class="headerlink" href="#installing" title="Link to this heading">¶</a></h1>' +
        '<p>Tidepool reads the tide tables of the harbour authority and prints the times of high and low water for any day of the year.</p>' +
        '<h2 id="pip">With pip<a class="headerlink" href="#pip" title="Link to this heading">¶</a></h2>' +
        '<p>Install it from the package index with pip, in a virtual environment of its own, and check the version it prints afterwards.</p></section></div></body></html>',
    ),
    name: 'docs/installing.html',
    contentType: null,
  },
  {
    label: 'a documentation page whose code listing has a gutter of line numbers (Pygments\' highlighttable): one code block, no "1 2 3" block',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Loading the tables — tidepool 1.0 documentation</title></head><body><div role="main"><h1>Loading the tables</h1>' +
        '<p>Load the tide tables once, and ask them for the times of high and low water of any day of the year.</p>' +
        '<div class="highlight-python"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>\n<span class="normal">2</span></pre></div></td>' +
        '<td class="code"><div class="highlight"><pre><span class="kn">import</span> tidepool\n<span class="nb">print</span>(tidepool.load())\n</pre></div></td></tr></table></div>' +
        '<p>The tables are cached in your home directory, so the second call is fast.</p></div></body></html>',
    ),
    name: 'docs/loading.html',
    contentType: null,
  },
  {
    label: 'a story dated "1994 days ago" (no date: it was 1994-07-17, counted back from chrono\'s reference) and "10:00 am ET, July 3, 2024" (no offset: ET took winter time)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour ferry timetable changes for the summer</title></head><body><main><h1>Harbour ferry timetable changes for the summer</h1>' +
        '<p>1994 days ago</p><p>Posted 10:00 am ET, July 3, 2024</p>' +
        '<p>The harbour authority said the summer timetable adds two evening crossings on weekdays and one on Sundays, from the first of August.</p>' +
        '<p>The operator expects the second vessel back from its repairs by then, and tickets for the new crossings go on sale next week.</p></main></body></html>',
    ),
    name: 'news/ferry-relative.html',
    contentType: null,
  },
  {
    label: 'a plain-text scrape dated by its update ("Updated March 5, 2024": modifiedAt, it was publishedAt)',
    bytes: Buffer.from(
      'Harbour ferry timetable changes for the summer\n\nUpdated March 5, 2024\n\n' +
        'The harbour authority said the summer timetable adds two evening crossings on weekdays and one on Sundays, from the first of August.\n\n' +
        'The operator expects the second vessel back from its repairs by then, and tickets for the new crossings go on sale next week.\n',
    ),
    name: 'news/ferry-updated.txt',
    contentType: null,
  },
  {
    label: 'a German page that states no language, dated "04.03.2024" (4 March in its text\'s order; it was 3 April)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fähre wieder in Betrieb</title></head><body><main><h1>Fähre wieder in Betrieb</h1><p>04.03.2024</p>' +
        '<p>Die Hafenfähre hat am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder aufgenommen, teilten die Behörden mit.</p>' +
        '<p>Fahrgäste standen seit dem Morgengrauen am Anleger an, und einige sagten, sie hätten mehr als zwei Stunden gewartet.</p></main></body></html>',
    ),
    name: 'news/faehre.html',
    contentType: null,
  },
  {
    label: 'a story whose dateline gives the update\'s date, then the publication\'s (publishedAt was none)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour ferry back in service</title></head><body><main><h1>Harbour ferry back in service</h1>' +
        '<p>Updated March 5, 2024, published March 3, 2024</p>' +
        '<p>The harbour ferry resumed service on Monday after a week of engine repairs, officials said, and the timetable is back to four crossings a day.</p>' +
        '<p>Passengers had queued at the pier since dawn, and some said they had waited more than two hours for the first crossing of the day.</p></main></body></html>',
    ),
    name: 'news/ferry-dateline.html',
    contentType: null,
  },
  {
    label: 'a story whose dateline gives the publication\'s date and time in EST, then the update\'s (the offset and the update were not read)',
    bytes: Buffer.from(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour ferry back in service</title></head><body><main><h1>Harbour ferry back in service</h1>' +
        '<p>Published March 3, 2024 at 10:00 a.m. EST · Updated March 5, 2024</p>' +
        '<p>The harbour ferry resumed service on Monday after a week of engine repairs, officials said, and the timetable is back to four crossings a day.</p>' +
        '<p>Passengers had queued at the pier since dawn, and some said they had waited more than two hours for the first crossing of the day.</p></main></body></html>',
    ),
    name: 'news/ferry-dateline-est.html',
    contentType: null,
  },
];

/**
 * Inputs the core refuses with an error record (their code and message are part of what a pipeline
 * version gives: a release that starts or stops refusing an input must bump it too).
 */
export const REFUSED_INPUTS: readonly Input[] = [
  { label: 'an empty file', bytes: Buffer.alloc(0), name: 'news/empty.html', contentType: null },
  { label: 'a PNG image under a page\'s name', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), name: 'news/logo.html', contentType: null },
  { label: 'a CSV export (text/csv): data, not a page', bytes: Buffer.from('line,first,last\nF1,06:00,22:30\nF2,06:30,21:00\n'), name: 'data/timetable.csv', contentType: 'text/csv' },
  { label: 'a JSON document (an API response)', bytes: Buffer.from('{"story": {"title": "Ferry strike", "paragraphs": ["The harbour ferry resumed service."]}}'), name: 'api/story.json', contentType: 'application/json' },
  {
    label: 'a sitemap',
    bytes: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/ferry</loc></url></urlset>\n'),
    name: 'sitemap.xml',
    contentType: null,
  },
];
