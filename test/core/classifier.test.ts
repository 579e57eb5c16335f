/**
 * The classifier's structural rules, each pinned on a small hand-made page: the content root
 * and what its layout tokens may or may not say, link lists judged as groups, the context step
 * for short blocks, datelines, hidden text, the standfirst, and language detection.
 */
import { describe, expect, it } from 'vitest';
import type { CleanDocument } from '../../src/core/index.js';
import { detectLanguage } from '../../src/core/language.js';
import { STORY_SENTENCES, cleanText } from './helpers.js';
import { INPUT_LIMITS } from '../../src/core/options.js';
import { readLearnPage } from '../../src/learn/pages.js';
import { FEATURE_NAMES, type FeatureTable } from '../../src/core/classifier/features.js';
import { bodyProbabilities, classesFrom, pageThreshold, probabilities, probabilityCue, type DecisionOptions, type PageBlocks } from '../../src/core/classifier/decide.js';
import type { Block } from '../../src/core/html/walk.js';
import { blockModelFile, storedBlockModels, type BlockModelFile } from '../../src/core/classifier/model-file.js';
import { THRESHOLD_SLOTS, TREES_FORMAT, Trees, sigmoid, weightiestFeatures, type TreesData } from '../../src/core/classifier/trees.js';
import { handMadeModel } from '../learn/hand-made-trees.js';
import committedBlockModels from '../../src/core/classifier/block-model.json' with { type: 'json' };

const STORY = [
  'The city council approved the new cycling plan on Tuesday after a four-hour debate that ran late into the night.',
  'Under the plan, twelve kilometres of protected lanes will be built along the river by the end of next year.',
  'Shop owners on the main street had opposed the loss of parking spaces, but the council found room for a new garage.',
  'The mayor said the first lanes would open in the spring, and that the work would be paid for from the transport budget.',
];

const paragraphs = (items: readonly string[] = STORY): string => items.map((p) => `<p>${p}</p>`).join('\n');

function clean(html: string): CleanDocument {
  return cleanText(html, 'page.html', null, { explain: true });
}

function classOf(document: CleanDocument, text: string): string {
  const segment = document.segments.find((s) => s.text === text);
  if (segment) return segment.type;
  return document.dropped?.some((d) => d.text === text) ? 'chrome' : 'missing';
}

function bodyTexts(document: CleanDocument): string[] {
  return document.segments.filter((s) => s.type === 'body').map((s) => s.text);
}

describe('the content root', () => {
  it('ignores layout class names on an element full of prose (a theme that calls the entry "share")', () => {
    const document = clean(`<html><body><div class="site-nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="entry themeform share">${paragraphs()}</div></body></html>`);
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it('ignores CMS taxonomy classes on the article element ("tag-…", "category-…")', () => {
    const document = clean(`<html><body><article class="post-41 post type-post status-publish hentry category-news tag-cycling">${paragraphs()}</article>
      <aside class="sidebar"><h3>Archive</h3><ul><li><a href="/2024/03">March 2024</a></li><li><a href="/2024/02">February 2024</a></li></ul></aside></body></html>`);
    expect(bodyTexts(document)).toEqual(STORY);
    expect(classOf(document, 'March 2024')).toBe('chrome');
  });

  it('finds a short post under its headline rather than a longer text in the sidebar', () => {
    const post = 'The bridge reopens on Friday morning.';
    const sidebar = 'Our newsroom has covered the city for more than a century, and every week we publish the stories that matter to the people who live here and the visitors who love it.';
    const document = clean(`<html><head><meta property="og:title" content="Bridge reopens"></head><body>
      <div class="post"><h1>Bridge reopens</h1><p>${post}</p></div>
      <div class="widgets"><div class="widget"><p>${sidebar}</p></div></div></body></html>`);
    expect(classOf(document, post)).toBe('body');
    expect(classOf(document, sidebar)).not.toBe('body');
  });

  it('keeps the standfirst that sits in the article header, before the body', () => {
    const lede = 'Twelve kilometres of protected lanes will change how the city moves, the council says.';
    const document = clean(`<html><body><article><header><h1>Cycling plan approved</h1><p class="standfirst">${lede}</p></header>
      <div class="article-body">${paragraphs()}</div></article></body></html>`);
    expect(classOf(document, lede)).toBe('body');
    expect(bodyTexts(document)).toEqual([lede, ...STORY]);
  });
});

describe('link lists', () => {
  const teasers = ['Residents split over the new parking garage on the river', 'How the city paid for its last transport project in 2019', 'Five things to know before the lanes open this spring'];
  const menu = ['News', 'Sport', 'Culture', 'Weather'];
  const list = (items: readonly string[], className: string): string => `<ul class="${className}">${items.map((t) => `<li><a href="/${encodeURIComponent(t)}">${t}</a></li>`).join('')}</ul>`;

  it('a list of headline links is a teaser list (ad), a list of short links is a menu (chrome)', () => {
    const document = clean(`<html><body>${list(menu, 'links')}<article>${paragraphs()}</article><div class="box">${list(teasers, 'links')}</div></body></html>`);
    for (const teaser of teasers) expect(classOf(document, teaser)).toBe('ad');
    for (const item of menu) expect(classOf(document, item)).toBe('chrome');
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it('on a page the block models read, the body model judges a teaser list, and the rules name its class when it is not body', () => {
    const story = [...STORY, ...STORY.map((p) => p.replace(/\.$/, ', officials said.'))];
    const more = [...teasers, 'Council to vote on the harbour budget before the summer recess', 'Why the old tram depot is still empty after ten years of plans'];
    const document = clean(`<html><body>${list(menu, 'links')}<article><h1>Council backs cycling plan</h1>${paragraphs(story)}</article><div class="box">${list(more, 'links')}</div></body></html>`);
    for (const teaser of more) {
      const segment = document.segments.find((s) => s.text === teaser);
      expect(segment?.type).toBe('ad');
      // The model decided (its cue first), and the class is the rules' teaser.
      expect(segment?.cues?.[0]).toBe('model:ad');
      expect(segment?.cues).toContain('links:teaser');
    }
    expect(bodyTexts(document)).toEqual(story);
  });

  it("the stock wording of comment forms and threads and an author bio's opening are chrome when the body model finds them not body", () => {
    const reporter = 'Maria Lopez is a reporter who has covered the council for a decade, and she said the vote was the closest she had seen.';
    const story = [...STORY, reporter, ...STORY.map((p) => p.replace(/\.$/, ', officials said.'))];
    const bio = 'Dana Whitfield is a senior reporter covering transport and city hall for the Riverside Courier.';
    const form = 'Save my name, email, and website in this browser for the next time I comment.';
    const pingbacks = ['Pingback: Council backs cycling plan – City Roundup', 'Pingback: The river lanes, one year on | Notes from the Harbour'];
    const html = `<html><body>${list(menu, 'links')}<article><h1>Council backs cycling plan</h1>${paragraphs(story)}</article>
      <div><p>${bio}</p></div><ol class="comment-list">${pingbacks.map((p) => `<li>${p.replace(/: (.*)$/, ': <a href="/x">$1</a>')}</li>`).join('')}</ol>
      <div><p>${form}</p></div></body></html>`;
    const page = readLearnPage('page.html', new TextEncoder().encode(html))!;
    const at = (text: string): number => page.blocks.findIndex((b) => b.text === text);
    // Named for the model's "not body", never decided before it (what the body model learns from stays the same).
    for (const [text, cue] of [[form, 'text:comments'], ...pingbacks.map((p) => [p, 'text:comments']), [bio, 'text:author-bio'], [reporter, 'text:author-bio']] as const) {
      expect(page.decided[at(text)]).toBeNull();
      expect(page.notBody[at(text)]).toMatchObject({ type: 'chrome', cues: [cue] });
    }
    // The sentence of the story stays body: the model finds it is (a pattern never overrides a block's place in the article).
    const document = clean(html);
    expect(bodyTexts(document)).toEqual(expect.arrayContaining(story));
    for (const text of [form, ...pingbacks]) expect(classOf(document, text)).toBe('chrome');
  });

  it('a heading over a teaser list goes with the list', () => {
    const document = clean(`<html><body><article>${paragraphs()}</article><div class="box"><h3>Elsewhere in town</h3>${list(teasers, 'links')}</div></body></html>`);
    expect(classOf(document, 'Elsewhere in town')).toBe('ad');
  });
});

describe('short blocks, judged by their neighbours', () => {
  it('drops a lone label between boilerplate blocks inside the article', () => {
    const document = clean(
      `<html><body><article>${paragraphs()}<div class="share"><a href="#">Facebook</a> <a href="#">Email</a></div><p>Comments closed</p><div class="tags"><a href="/t/bikes">Bikes</a> <a href="/t/city">City</a></div></article></body></html>`,
    );
    expect(classOf(document, 'Comments closed')).toBe('chrome');
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it('keeps a list of short items (ingredients) between prose', () => {
    const items = ['200 g flour', '100 g butter', '2 eggs', '1 pinch of salt'];
    const document = clean(`<html><body><article><p>${STORY[0]}</p><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul><p>${STORY[1]}</p></article></body></html>`);
    for (const item of items) expect(classOf(document, item)).toBe('body');
  });

  it('keeps a subheading that introduces body text', () => {
    const document = clean(`<html><body><article><p>${STORY[0]}</p><p>${STORY[1]}</p><h2>What happens next</h2><p>${STORY[2]}</p><p>${STORY[3]}</p></article></body></html>`);
    expect(classOf(document, 'What happens next')).toBe('body');
  });
});

describe('datelines and hidden text', () => {
  it.each(['Tuesday, 4 March 2024, 19:49', '04.03.2024', '3:59 PM', 'Dienstag, 4. März 2024 um 19:49 Uhr', '5 min read'])('drops the dateline "%s" as chrome', (line) => {
    const document = clean(`<html><body><article><p>${line}</p>${paragraphs()}</article></body></html>`);
    expect(classOf(document, line)).toBe('chrome');
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it('keeps a line that merely contains numbers', () => {
    const line = 'Opening hours: 9:00 to 17:00, Monday to Friday, at the town hall.';
    const document = clean(`<html><body><article>${paragraphs(STORY.slice(0, 2))}<p>${line}</p>${paragraphs(STORY.slice(2))}</article></body></html>`);
    expect(classOf(document, line)).toBe('body');
  });

  it('never makes hidden text body, but a hidden cookie notice is still legal', () => {
    const hidden = 'This paragraph is hidden until a script shows it and is not part of what readers see.';
    const notice = 'We use cookies to improve your experience. By continuing, you agree to our use of cookies.';
    const document = clean(`<html><body><article>${paragraphs()}<p style="display:none">${hidden}</p></article>
      <div class="cookie-banner" hidden><p>${notice}</p></div></body></html>`);
    expect(classOf(document, hidden)).toBe('chrome');
    expect(classOf(document, notice)).toBe('legal');
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it("keeps a page's text body when the page's root classes state a consent banner is open (\"didomi-popup-open\"): the page is not the consent manager's container", () => {
    // A page the block models read (15 blocks and more).
    const story = ['', 'Last week: ', 'Last month: ', 'A year ago: ', 'Before that: '].flatMap((when) => STORY.map((p) => `${when}${p}`));
    for (const classes of ['didomi-popup-open', 'onetrust-banner-open', 'cmplz-functional cmplz-statistics']) {
      for (const html of [`<html><body class="${classes}"><main>${paragraphs(story)}</main></body></html>`, `<html class="${classes}"><body><main>${paragraphs(story)}</main></body></html>`]) {
        expect(bodyTexts(clean(html))).toEqual(story);
      }
    }
  });

  it("makes the text of a consent manager's preference centre legal, never body, however much prose it holds", () => {
    // The purposes of the IAB's Transparency and Consent Framework, as a consent manager's preference centre lists them.
    const purposes = [
      'Advertising presented to you on this service can be based on limited data, such as the website or app you are using, your non-precise location, your device type or which content you are interacting with.',
      'Information about your activity on this service, such as forms you submit and content you look at, can be stored and combined with other information about you to build or improve a profile about you.',
      'Information regarding which advertising is presented to you and how you interact with it can be used to determine how well an advert has worked for you or other users and whether the goals of the advertising were reached.',
      'Reports can be generated based on the combination of data sets regarding your interactions and those of other users with this service to better understand the characteristics of the audience.',
    ];
    const centre = (id: string): string => `<div id="${id}"><h3>Manage your choices</h3>${paragraphs(purposes)}</div>`;
    for (const id of ['iubenda-cs-banner', 'onetrust-pc-sdk']) {
      const document = clean(`<html><body><main>${paragraphs()}${paragraphs(STORY.map((p) => p.replace('council', 'city')))}${paragraphs(STORY.map((p) => p.replace('the', 'a')))}</main>${centre(id)}</body></html>`);
      for (const purpose of purposes) expect(classOf(document, purpose)).toBe('legal');
      expect(bodyTexts(document)).toContain(STORY[0]);
    }
  });

  it("makes a block of unrendered template placeholders chrome, never body (\"{{ post.author }}\", \"${price}\"), but keeps templates shown as code and a sentence with one in it", () => {
    // A page the block models read (15 blocks and more): a thread whose script never filled in its template.
    const placeholders = ['{{ post.author }}', '{{ post.date }} · {{ post.replies }} replies', 'Price: ${item.price}', '<%= item.title %>', '[[item.summary]]', '{% if post.edited %}edited{% endif %}'];
    const sentence = 'Hello {{ user.name }}, the council thanks everyone who wrote in about the cycling plan this spring.';
    const code = '<p>{{ greeting }}, {{ name }}!</p>';
    const more = STORY.map((p) => p.replace('council', 'city'));
    const post = (text: string, i: number): string => `<div class="post"><p>${placeholders[i % placeholders.length]}</p><p>${text}</p></div>`;
    const document = clean(
      `<html><body><main>${[...STORY, ...more, ...STORY.map((p) => p.replace('the', 'a'))].map(post).join('\n')}<p>${sentence}</p><pre><code>${code.replace(/</g, '&lt;')}</code></pre>${paragraphs(STORY.map((p) => p.replace('lanes', 'paths')))}</main></body></html>`,
    );
    for (const placeholder of placeholders) expect(classOf(document, placeholder)).toBe('chrome');
    expect(classOf(document, sentence)).toBe('body');
    expect(document.segments.some((s) => s.type === 'body' && s.text.includes('{{ greeting }}'))).toBe(true);
  });

  it('reads a section hidden "until found" as the page\'s text: a collapsed section the reader opens or finds, not hidden text', () => {
    // hidden="until-found" (collapsed sections of an encyclopedia's mobile pages, docs accordions) is found by the
    // browser's find-in-page and by search engines, and opens on it; the hidden attribute's other values hide.
    const document = clean(`<html><body><article>${paragraphs(STORY.slice(0, 2))}<section hidden="until-found">${paragraphs(STORY.slice(2))}</section></article></body></html>`);
    expect(bodyTexts(document)).toEqual(STORY);
  });

  it.each(['sr-only', 'visually-hidden', 'screen-reader-text', 'hidden', 'd-none'])(
    'reads text under class="%s" as visible text: a class is not the hidden attribute (walk.ts isHidden says why)',
    (className) => {
      const line = 'The council will publish the full list of streets on its website before the first lanes are built.';
      const document = clean(`<html><body><article>${paragraphs(STORY.slice(0, 2))}<p class="${className}">${line}</p>${paragraphs(STORY.slice(2))}</article></body></html>`);
      expect(classOf(document, line)).toBe('body');
      expect(bodyTexts(document)).toEqual([...STORY.slice(0, 2), line, ...STORY.slice(2)]);
    },
  );

  it('reads publishedAt from the text of a <time> element without a datetime attribute', () => {
    const document = clean(`<html><body><article><p class="meta">Posted <time>March 4, 2024</time></p>${paragraphs()}</article></body></html>`);
    expect(document.publishedAt).toBe('2024-03-04');
  });
});

describe('language detection (no lang attribute)', () => {
  it.each([
    ['en', STORY.join(' ')],
    ['de', 'Der Stadtrat hat am Dienstag den neuen Radverkehrsplan beschlossen, nachdem die Debatte bis in die Nacht gedauert hatte. Die ersten Wege werden im Frühjahr eröffnet, sagte der Bürgermeister, und sie werden aus dem Verkehrshaushalt bezahlt.'],
    ['fr', "Le conseil municipal a approuvé mardi le nouveau plan vélo après un débat qui a duré jusque tard dans la nuit. Les premières pistes seront ouvertes au printemps, a dit le maire, et elles seront payées par le budget des transports."],
    ['es', 'El ayuntamiento aprobó el martes el nuevo plan de bicicletas después de un debate que se prolongó hasta la noche. Los primeros carriles se abrirán en primavera, dijo el alcalde, y se pagarán con el presupuesto de transporte.'],
    ['ja', '市議会は火曜日、新しい自転車計画を承認しました。最初の車線は春に開通する予定です。'],
    ['ru', 'Городской совет во вторник утвердил новый план велосипедных дорожек после долгих дебатов.'],
  ])('tells %s', (language, text) => { expect(detectLanguage(text)).toBe(language); });

  it('says nothing rather than guess on too little text', () => {
    expect(detectLanguage('Ferry 12:30')).toBeNull();
  });

  it('fills the document language of a page without lang', () => {
    const document = clean(`<html><body><article>${paragraphs()}</article></body></html>`);
    expect(document.language).toBe('en');
  });
});

describe('the block model file', () => {
  const model = (features: readonly string[], note: string): TreesData => ({ format: TREES_FORMAT, note, features, outputs: ['body'], scale: 1, base: [0], thresholds: '', trees: '' });

  it('stores the feature names once, for both models, and gives each model back with them', () => {
    const file = blockModelFile('test', { minBodyProbability: 0.5 }, model(['a', 'b'], 'body'), model(['a', 'b'], 'segment'));
    expect(file.features).toEqual(['a', 'b']);
    expect(Object.keys(file.body)).not.toContain('features');
    expect(Object.keys(file.segment)).not.toContain('features');
    const { body, segment } = storedBlockModels(JSON.parse(JSON.stringify(file)) as BlockModelFile);
    expect(body).toEqual(model(['a', 'b'], 'body'));
    expect(segment).toEqual(model(['a', 'b'], 'segment'));
    expect(() => blockModelFile('test', { minBodyProbability: 0.5 }, model(['a', 'b'], 'body'), model(['a'], 'segment'))).toThrow(/different features/);
  });

  it('is so committed: the names once, the features.ts computes (the Lambda bundles the file)', () => {
    const committed = committedBlockModels as unknown as BlockModelFile;
    expect(committed.features).toEqual(FEATURE_NAMES);
    expect(JSON.stringify(committed).split('"linkDensity"')).toHaveLength(2);
  });
});

describe('a text run or table longer than a block can be', () => {
  // The walk cuts a run (or a table, by rows) of over INPUT_LIMITS.blockChars into blocks, and the models decided each
  // on its own: an article in one <p> of 1,132,799 characters kept 1,099,966 (its last piece dropped), in one <div>
  // 999,973, a timetable of 635,805 characters lost its last 35,986: the features of a piece are not the run's.
  const menu = `<nav><ul>${['Home', 'News', 'Sport', 'Weather', 'Travel', 'Culture', 'Opinion', 'Podcasts'].map((item) => `<li><a href="/${item.toLowerCase()}">${item}</a></li>`).join('')}</ul></nav>`;
  const sentences = STORY_SENTENCES;
  const pageOf = (content: string): string =>
    `<html><head><title>Ferry resumes</title></head><body>${menu}<article><h1>Ferry resumes</h1>${content}</article><footer>© 2024 Courier</footer></body></html>`;

  it.each(['p', 'div'])('is kept whole: an article in one <%s> of a million characters', (tag) => {
    const text = Array.from({ length: 12_000 }, (_, i) => sentences[i % sentences.length]).join(' ');
    expect(text.length).toBeGreaterThan(10 * INPUT_LIMITS.blockChars);
    const document = clean(pageOf(`<${tag}>${text}</${tag}>`));
    expect(document.segments.filter((s) => s.cues[0] === 'model:body').length).toBeGreaterThan(1);
    expect(bodyTexts(document).join(' ')).toBe(text);
  });

  it('is kept whole: a data table of 8,000 rows', () => {
    const rows = Array.from({ length: 8000 }, (_, i) => `<tr><td>Crossing ${i}</td><td>North quay to the island pier, ${i % 60} minutes, passengers ${(i * 7) % 500}</td><td>on time</td></tr>`);
    const document = clean(pageOf(`<table><tr><th>Crossing</th><th>Route</th><th>Status</th></tr>${rows.join('')}</table>`));
    const tables = document.segments.filter((s) => s.table !== undefined);
    expect(tables.length).toBeGreaterThan(1);
    expect(tables.every((s) => s.type === 'body')).toBe(true);
    expect(tables.reduce((sum, s) => sum + s.table!.rows.length, 0)).toBe(8001);
  });
});

describe('each page its own threshold (the expected F1 of its blocks)', () => {
  const rule = { lowest: 0.3, highest: 0.5, wordsPlus: 3 };
  /** A page of blocks of `words` words each, with these probabilities of body. */
  const page = (probability: readonly number[], words = 20): [Float64Array, FeatureTable] => {
    const width = FEATURE_NAMES.length;
    const values = new Float32Array(probability.length * width);
    probability.forEach((_, i) => (values[i * width + FEATURE_NAMES.indexOf('words')] = words));
    return [Float64Array.from(probability), { width, rows: probability.length, values }];
  };
  const none: null[] = [];

  it('keeps only what the model is sure of on a page whose body it sees clearly (an article)', () => {
    // Ten paragraphs it is sure of, a menu and related links it is not: the blocks at 0.4 would cost more precision than they add recall.
    const [probability, table] = page([0.97, 0.95, 0.96, 0.98, 0.94, 0.97, 0.96, 0.95, 0.97, 0.96, 0.4, 0.4, 0.05, 0.05]);
    expect(pageThreshold(probability, table, none, rule)).toBe(0.5);
  });

  it('keeps more of what may be body where the model is unsure of all of it (a listing, a thread)', () => {
    const [probability, table] = page([0.6, 0.55, 0.45, 0.4, 0.38, 0.36, 0.1, 0.05]);
    const threshold = pageThreshold(probability, table, none, rule);
    expect(threshold).toBeLessThan(0.45);
    expect(threshold).toBeGreaterThanOrEqual(0.3);
    // Every block down to the threshold is kept, the ones the model finds unlikely are not.
    expect(threshold).toBeLessThanOrEqual(0.38);
  });

  it('keeps none of a page whose blocks are all unlikely body, and leaves out the blocks the rules decided', () => {
    const [probability, table] = page([0.2, 0.15, 0.1]);
    expect(pageThreshold(probability, table, none, rule)).toBe(0.3);
    // A lifted block's probability (a copy of the title) does not move the page's threshold.
    const [withLifted, liftedTable] = page([0.99, 0.6, 0.55, 0.45, 0.4, 0.38, 0.36, 0.1, 0.05]);
    const [without] = page([0.6, 0.55, 0.45, 0.4, 0.38, 0.36, 0.1, 0.05]);
    expect(pageThreshold(withLifted, liftedTable, [{}], rule)).toBe(pageThreshold(without, page([0.6, 0.55, 0.45, 0.4, 0.38, 0.36, 0.1, 0.05])[1], none, rule));
  });

  it('decides the blocks: with the page\'s own threshold the unsure blocks are body, with one threshold for all not', () => {
    const probabilities = [0.6, 0.55, 0.45, 0.4, 0.38, 0.36, 0.1, 0.05];
    const [probability, features] = page(probabilities);
    const blocks = probabilities.map((_, i) => ({ text: `Paragraph ${i} of the listing, with a sentence of its own.`, flags: 0, headingLevel: 0, linkChars: 0 })) as unknown as Block[];
    const segment = { outputs: ['chrome'], likeliestAt: () => 0 } as unknown as Trees;
    const models = { body: segment, segment };
    const body = (options: DecisionOptions): number[] =>
      classesFrom({ blocks, features } as unknown as PageBlocks, blocks.map(() => null), probability, models, options)
        .flatMap((item, i) => (item.type === 'body' ? [i] : []));
    expect(body({ minBodyProbability: 0.45 })).toEqual([0, 1, 2]);
    expect(body({ minBodyProbability: 0.45, perPage: rule })).toEqual([0, 1, 2, 3, 4, 5]);
    expect((committedBlockModels as unknown as BlockModelFile).decision.perPage).toBeTruthy();
  });
});

describe('a blended member where the body model is unsure (decision.blendWhereUnsure)', () => {
  // Features a and b. Member 1 (the committed model): a ≤ 0.5 → -1.5, else +2; then b ≤ 0.5 → +0.3, else -0.7; base 0.1.
  // Member 2, blended in with a share of 0.3: one stump, b ≤ 0.5 → -0.4, else +1.1.
  const first = [[1, 0, 0, -150, 0, 200], [1 + THRESHOLD_SLOTS, 0, 0, 30, 0, -70]];
  const second = [[1 + THRESHOLD_SLOTS, 0, 0, -40, 0, 110]];
  const model = new Trees(handMadeModel([...first, ...second], { members: 2, memberTrees: [2, 1], memberWeights: [0.7, 0.3] }), Infinity);
  const committed = new Trees(handMadeModel(first), Infinity);
  // Member 1's p(body): (0.2, 0.9) 0.11 and (0.9, 0.9) 0.80 sure, (0.2, 0.2) 0.25 unsure.
  const rows = [[0.2, 0.9], [0.9, 0.9], [0.2, 0.9], [0.2, 0.2]];
  const table: FeatureTable = { width: 2, rows: rows.length, values: Float32Array.from(rows.flat()) };
  const rule = (minShare: number) => ({ lowest: 0.2, highest: 0.8, minShare });
  const own = rows.map((_, i) => sigmoid(committed.margin(table.values, i * 2)));
  const blended = rows.map((_, i) => model.probability(table.values, i * 2));

  it('gives the committed member\'s probability alone on a page it is sure of, the blend on a page it is unsure of', () => {
    expect(own[3]).toBeGreaterThan(0.2);
    expect(own[1]).toBeGreaterThan(0.8);
    // One block of four unsure (0.25): above a share of 0.2, not above 0.3.
    expect(Array.from(probabilities(model, table, undefined, undefined, rule(0.3)))).toEqual(own);
    expect(Array.from(probabilities(model, table, undefined, undefined, rule(0.2)))).toEqual(blended);
    // Without a rule, the blend on every page, as before.
    expect(Array.from(probabilities(model, table))).toEqual(blended);
    expect(blended[3]).not.toBe(own[3]);
  });

  it('counts only the blocks the models decide: a block the rules decided is NaN and out of the share', () => {
    // The first block decided by the rules: one of three unsure, above 0.3.
    const decided = [{}, null, null, null];
    const p = Array.from(probabilities(model, table, undefined, decided, rule(0.3)));
    expect(p[0]).toBeNaN();
    expect(p.slice(1)).toEqual(blended.slice(1));
  });

  it('tells each member\'s probability and share (Trees.memberProbability, memberShare)', () => {
    expect(model.memberShare(0)).toBe(0.7);
    expect(model.memberShare(1)).toBe(0.3);
    expect(committed.memberShare(0)).toBe(1);
    for (let i = 0; i < rows.length; i++) {
      expect(model.memberProbability(table.values, i * 2, 0)).toBe(own[i]);
      expect(0.7 * model.memberProbability(table.values, i * 2, 0) + 0.3 * model.memberProbability(table.values, i * 2, 1)).toBe(blended[i]);
    }
    expect(() => model.memberProbability(table.values, 0, 2)).toThrow(/member 2 of a model of 2 members/);
  });

  it('explains a block by the members that decided its page: the committed one alone where the blend took no part', () => {
    const row = table.values.subarray(6, 8);
    const alone = model.explain(row, 1);
    const plain = committed.explain(row);
    let sum = alone.bias[0]!;
    for (const c of alone.contributions.values()) sum += c[0]!;
    expect(sum).toBeCloseTo(committed.margin(table.values, 6), 12);
    expect([...alone.contributions.keys()].sort()).toEqual([...plain.contributions.keys()].sort());
    for (const [f, c] of plain.contributions) expect(alone.contributions.get(f)![0]).toBeCloseTo(c[0]!, 12);
    expect(weightiestFeatures(model, row, 0, 2, 1)).toEqual(weightiestFeatures(committed, row, 0, 2));
    expect(weightiestFeatures(model, row, 0, 2)).not.toEqual(weightiestFeatures(committed, row, 0, 2));
    expect(bodyProbabilities(model, table, undefined, undefined, rule(0.3)).members).toBe(1);
    expect(bodyProbabilities(model, table, undefined, undefined, rule(0.2)).members).toBe(2);
    expect(() => model.explain(row, 3)).toThrow(/3 members of a model of 2/);
  });
});

describe("a block's probability cue", () => {
  it('is written as toFixed(2) writes it, at and around every half hundredth too', () => {
    const values = [0, 1, -0, 1e-300, 0.005, 0.015, 0.125, 0.285, 0.995, 0.5];
    const bits = new Float64Array(1);
    const word = new BigUint64Array(bits.buffer);
    for (let k = 0; k <= 200; k++) {
      bits[0] = k / 200;
      const at = word[0]!;
      for (let step = -3n; step <= 3n; step++) {
        word[0] = at + step;
        if (bits[0] >= 0 && bits[0] <= 1) values.push(bits[0]);
      }
    }
    for (let i = 0; i < 10_000; i++) values.push(i / 10_000);
    for (const p of values) expect(probabilityCue(p), String(p)).toBe(`p(body)=${p.toFixed(2)}`);
  });
});
