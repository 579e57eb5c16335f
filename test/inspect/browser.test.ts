/**
 * The inspect report as a person sees it: rendered by Debian's Chromium (driven by
 * playwright-core through `executablePath`), checked for its legend and colours, its counts,
 * its collapsed chrome and CSS-only filters, and for inertness on hostile pages: no dialog, no
 * console message, no page error, no request but the report itself.
 *
 * Writes a screenshot of the report of a small sample page (test/inspect/fixtures): to the
 * system's temp directory, or to docs/inspect-screenshot.png (the README's) with
 * UPDATE_SCREENSHOT=1 (`npm run screenshot`).
 *
 * Skipped, with a message, only when there is no Chromium at CHROMIUM_PATH (default
 * /usr/bin/chromium); .ci/run installs Debian's package when it is missing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, type CleanDocument } from '../../src/core/index.js';
import type { GoldPage } from '../../src/eval/score.js';
import { CLASS_STYLES, REPORT_CLASSES, renderReport } from '../../src/inspect/index.js';
import { formatInt } from '../../src/inspect/html.js';
import { HOSTILE_STRINGS, makeDocument, segment } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FIXTURES = join(import.meta.dirname, 'fixtures');
const README_SCREENSHOT = join(import.meta.dirname, '..', '..', 'docs', 'inspect-screenshot.png');
const VIEWPORT = { width: 1280, height: 900 };

/** The few DOM globals the functions run in the page use (the project's tsconfig has no DOM lib). */
interface PageElement {
  readonly tagName: string;
  readonly attributes: Iterable<{ readonly name: string }>;
  getAttribute(name: string): string | null;
}
declare const window: {
  readonly document: { readonly scripts: ArrayLike<unknown>; readonly title: string; querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement> };
  getComputedStyle(element: unknown): { readonly backgroundColor: string; readonly borderLeftColor: string };
};

const available = existsSync(CHROMIUM);
if (!available) console.warn(`SKIPPED test/inspect/browser.test.ts: no Chromium at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.`);

function fixture(name: string): CleanDocument {
  return clean({ bytes: readFileSync(join(FIXTURES, name)), name }, { explain: true, now: () => new Date('2025-03-14T08:00:00Z') });
}
const gold: Record<string, GoldPage> = JSON.parse(readFileSync(join(FIXTURES, 'gold.json'), 'utf8'));

/** "#0072b2" → "rgb(0, 114, 178)", as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const n = (i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `rgb(${n(0)}, ${n(1)}, ${n(2)})`;
}

interface Watched {
  page: Page;
  url: string;
  dialogs: string[];
  console: string[];
  errors: string[];
  requests: string[];
}

describe.skipIf(!available)('the inspect report in Chromium', () => {
  let context: BrowserContext;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'inspect-browser-'));
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  let pages = 0;
  async function open(html: string): Promise<Watched> {
    const path = join(work, `report-${++pages}.html`);
    writeFileSync(path, html);
    const page = await context.newPage();
    const url = pathToFileURL(path).href;
    const watched: Watched = { page, url, dialogs: [], console: [], errors: [], requests: [] };
    page.on('dialog', (dialog) => {
      watched.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => watched.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => watched.errors.push(error.message));
    page.on('request', (request) => watched.requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
    return watched;
  }

  /** Moves over and clicks what a reader would (links are not followed: clicks are on the text). */
  async function poke(page: Page): Promise<void> {
    await page.locator('details.dropped > summary').click();
    for (const text of await page.locator('.text').filter({ visible: true }).all()) await text.hover({ timeout: 5000 });
    await page.mouse.wheel(0, 5000);
  }

  function expectInert(w: Watched): void {
    expect(w.dialogs, 'dialogs').toEqual([]);
    expect(w.errors, 'page errors').toEqual([]);
    expect(w.console, 'console messages (a CSP violation would log one)').toEqual([]);
    expect(w.requests, 'requests').toEqual([w.url]);
  }

  it('sees a dialog when a page does run script (the harness can fail)', async () => {
    const w = await open('<!doctype html><title>control</title><img src=x onerror="alert(\'ran\')"><script>console.log("ran")</script>');
    await w.page.waitForTimeout(200);
    expect(w.dialogs).toEqual(['ran']);
    expect(w.console).toContain('log: ran');
    expect(w.requests.length).toBeGreaterThan(1);
    await w.page.close();
  });

  it('shows the legend with every class colour, and each block in its class colour', async () => {
    const document = fixture('harbour-ferry.html');
    const { page } = await open(renderReport(document));
    for (const cls of REPORT_CLASSES) {
      const swatch = page.locator(`.legend li[data-class="${cls}"] .swatch`);
      await expect.poll(() => swatch.isVisible()).toBe(true);
      expect(await swatch.evaluate((el) => window.getComputedStyle(el).backgroundColor)).toBe(rgb(CLASS_STYLES[cls].colour));
      expect(await page.locator(`.legend li[data-class="${cls}"] .name`).textContent()).toBe(cls);
      expect(await page.locator(`g.bar[data-class="${cls}"][data-measure="segments"] rect`).nth(1).getAttribute('fill')).toBe(CLASS_STYLES[cls].colour);
    }
    const colours = await page.locator('li.seg').evaluateAll((els) => els.map((el) => [el.getAttribute('data-class'), window.getComputedStyle(el).borderLeftColor]));
    expect(colours).toEqual(document.segments.map((s) => [s.type, rgb(CLASS_STYLES[s.type].colour)]));
    await page.close();
  });

  it('shows as many blocks of each class as the document has, and the same figures in the chart', async () => {
    const document = fixture('harbour-ferry.html');
    const { page } = await open(renderReport(document));
    for (const cls of ['body', 'caption', 'ad', 'legal'] as const) {
      const visible = await page.locator(`li.seg.c-${cls}`).filter({ visible: true }).count();
      expect(visible, cls).toBe(document.segments.filter((s) => s.type === cls).length);
      expect(visible, cls).toBe(document.stats.segments[cls]);
      expect(await page.locator(`g.bar[data-class="${cls}"][data-measure="segments"] text.value`).textContent()).toBe(formatInt(document.stats.segments[cls]));
      expect(await page.locator(`g.bar[data-class="${cls}"][data-measure="characters"] text.value`).textContent()).toBe(formatInt(document.stats.characters[cls]));
    }
    expect(await page.locator('g.bar[data-class="chrome"][data-measure="segments"] text.value').textContent()).toBe(formatInt(document.stats.chromeBlocks));
    expect(await page.locator('.segments h2').textContent()).toBe(`Segments · ${document.segments.length}`);
    await page.close();
  });

  it('keeps the dropped chrome collapsed until asked, and filters classes without a script', async () => {
    const document = fixture('harbour-ferry.html');
    const { page } = await open(renderReport(document, { gold: gold['harbour-ferry.html'] }));
    expect(await page.locator('li.drop').filter({ visible: true }).count()).toBe(0);
    await page.locator('details.dropped > summary').click();
    expect(await page.locator('li.drop').filter({ visible: true }).count()).toBe(document.dropped!.length);
    await page.locator('#show-ad').uncheck();
    expect(await page.locator('li.seg.c-ad').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('li.seg.c-body').filter({ visible: true }).count()).toBe(document.stats.segments.body);
    await page.locator('#show-ad').check();
    await page.locator('#only-wrong').check();
    expect(await page.locator('li.item').filter({ visible: true }).count()).toBe(await page.locator('li.item.has-wrong').count());
    await page.close();
  });

  it('runs nothing from a hostile page: scripts, on* attributes, javascript: links, markup and closing tags in its text', async () => {
    const document = fixture('hostile.html');
    const w = await open(renderReport(document, { gold: gold['hostile.html'], goldSource: 'gold.json' }));
    await poke(w.page);
    expectInert(w);
    const dom = await w.page.evaluate(() => ({
      scripts: window.document.scripts.length,
      handlers: [...window.document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      scriptLinks: [...window.document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(#|https?:)/.test(h)),
      embedded: window.document.querySelectorAll('img, iframe, object, embed, base, link, svg svg, foreignObject').length,
      title: window.document.title,
    }));
    expect(dom).toEqual({ scripts: 0, handlers: [], scriptLinks: [], embedded: 0, title: `${document.title} · scrape-clean inspect` });
    for (const text of ['<img src=x onerror=alert(1)>', "</style><script>alert('style')</script>", "</textarea><script>alert('textarea')</script>", "javascript:alert('link')"]) {
      expect(await w.page.getByText(text, { exact: false }).count(), text).toBeGreaterThan(0);
    }
    await w.page.close();
  });

  it('runs nothing when every field of the document is hostile', async () => {
    for (const text of HOSTILE_STRINGS) {
      const document = makeDocument({
        title: text,
        byline: text,
        url: text,
        siteName: text,
        language: text,
        publishedAt: text,
        source: { name: text, encoding: text, contentType: text },
        segments: [segment('body', text, text, [text])],
        dropped: [{ text, tag: text, reason: text }],
      });
      const w = await open(renderReport(document, { gold: { labels: [{ class: 'body', text }] }, goldSource: text }));
      await poke(w.page);
      expectInert(w);
      expect(await w.page.locator('h1').textContent()).toBe(text);
      expect(await w.page.locator('dd[data-field="url"] a').count()).toBe(0);
      await w.page.close();
    }
  });

  it('writes a screenshot of the report of a sample page', async () => {
    const document = clean({ bytes: readFileSync(join(FIXTURES, 'harbour-ferry.html')), name: 'harbour-ferry.html' }, { explain: true, now: () => new Date('2025-03-14T08:00:00Z') });
    const w = await open(renderReport(document, { gold: gold['harbour-ferry.html'], goldSource: 'gold.json' }));
    const path = process.env.UPDATE_SCREENSHOT ? README_SCREENSHOT : join(work, 'inspect-screenshot.png');
    mkdirSync(dirname(path), { recursive: true });
    const png = await w.page.screenshot({ path });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    expectInert(w);
    await w.page.close();
  });
});
