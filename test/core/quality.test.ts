/** Quality signals (issue 16): empty and doubtful documents say so, with body words and shares. */
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/core/index.js';
import { assessQuality, QUALITY_THRESHOLDS } from '../../src/core/quality.js';
import { documentSchema } from '../../src/core/schema.js';

const page = (body: string): Uint8Array =>
  Buffer.from(`<!DOCTYPE html><html lang="en"><head><title>Harbour news</title></head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>
  ${body}
  <footer><p>© 2025 Portside Courier. All rights reserved.</p></footer></body></html>`);

const sentence = 'The harbour ferry resumed service on Monday after a week of repairs to its engine.';

describe('the quality of a document', () => {
  it('an article: its body words and shares, and no warning', () => {
    const paragraphs = [1, 2, 3, 4, 5].map((day) => `<p>${sentence} Crews worked through day ${day} of the repairs.</p>`).join('');
    const document = clean({ bytes: page(`<article><h1>Ferry resumes</h1>${paragraphs}</article>`), name: 'ferry.html' });
    expect(documentSchema.parse(document).quality.warnings).toEqual([]);
    expect(document.quality.bodyWords).toBe(5 * 23);
    expect(document.quality.bodyShare).toBeGreaterThan(0.8);
    expect(document.quality.keptShare).toBeGreaterThanOrEqual(document.quality.bodyShare);
    expect(document.quality.keptShare).toBeLessThan(1); // the menu was dropped
  });

  it('a page of chrome alone: NO_BODY, and a body share of 0', () => {
    const document = clean({ bytes: page(''), name: 'menu.html' });
    expect(document.bodyText).toBe('');
    expect(document.quality).toMatchObject({ bodyWords: 0, bodyShare: 0, warnings: ['NO_BODY'] });
  });

  /**
   * Jina Reader writes the site's answer in its header when it is an error ("Warning: Target URL returned error 404: Not
   * Found") or a CAPTCHA: the text under it is the site's error page, not the page asked for. The document carried no
   * warning at all: a 404 page of a few hundred words read as an article.
   */
  it("a scrape whose scraper reports the site's HTTP error status: HTTP_ERROR; its CAPTCHA: BLOCKED_PAGE", () => {
    const jina = (warnings: string, text: string): Uint8Array =>
      Buffer.from(`Title: Page not found | Harbour News\n\nURL Source: https://news.example/ferry-old\n\n${warnings}Markdown Content:\n${text}`);
    const notFound = [1, 2, 3, 4, 5].map((n) => `${sentence} Our archive holds story ${n} of the week.`).join('\n\n');
    const missing = clean({ bytes: jina('Warning: Target URL returned error 404: Not Found\n\n', notFound), name: 'ferry-old.txt' });
    expect(documentSchema.parse(missing).quality.warnings).toEqual(['HTTP_ERROR']);
    const failing = clean({ bytes: jina('Warning: Target URL returned error 503: Service Unavailable\n\n', 'Service unavailable'), name: 'ferry-down.txt' });
    expect(failing.quality.warnings).toContain('HTTP_ERROR');
    const captcha = clean({ bytes: jina('Warning: This page maybe requiring CAPTCHA, please make sure you are authorized to access this page.\n\n', notFound), name: 'ferry-check.txt' });
    expect(captcha.quality.warnings).toEqual(['BLOCKED_PAGE']);
    // A cached snapshot is the page; a page's own "Warning:" line (no scraper's header) says nothing of the scrape.
    expect(clean({ bytes: jina('Warning: This is a cached snapshot of the original page, consider retry with caching opt-out.\n\n', notFound), name: 'ferry.txt' }).quality.warnings).toEqual([]);
    const own = clean({ bytes: Buffer.from(`Ferry news\n\nWarning: Target URL returned error 404: Not Found\n\n${notFound}`), name: 'ferry-note.txt' });
    expect(own.quality.warnings).toEqual([]);
  });

  it(`a body of fewer than ${QUALITY_THRESHOLDS.lowTextWords} words: LOW_TEXT`, () => {
    const document = clean({ bytes: page(`<article><p>${sentence}</p></article>`), name: 'brief.html' });
    expect(document.quality.bodyWords).toBe(15);
    expect(document.quality.warnings).toEqual(['LOW_TEXT']);
  });

  it('counts words of scripts without spaces by dictionary, so a Chinese article is not LOW_TEXT', () => {
    const chinese = '社区图书馆周六重新开放，市民可以借阅新到的图书和报刊。'.repeat(8);
    const document = clean({ bytes: Buffer.from(`<html lang="zh"><body><article><p>${chinese}</p></article></body></html>`), name: 'zh.html' });
    expect(document.quality.bodyWords).toBeGreaterThan(QUALITY_THRESHOLDS.lowTextWords);
    expect(document.quality.warnings).toEqual([]);
  });

  it('a plain-text scrape gets the same signals', () => {
    const lines = [1, 2, 3, 4].map((day) => `${sentence} Crews worked through day ${day} of the repairs, the port said.`).join('\n\n');
    const document = clean({ bytes: Buffer.from(`Ferry resumes\n\n${lines}\n`), name: 'ferry.txt' });
    expect(document.quality.warnings).toEqual([]);
    expect(document.quality.bodyWords).toBeGreaterThanOrEqual(QUALITY_THRESHOLDS.lowTextWords);
  });
});

describe('assessQuality', () => {
  it('rounds shares to 3 decimals and takes an empty page as 0', () => {
    expect(assessQuality({ bodyText: 'one two', bodyCharacters: 1, keptCharacters: 2, visibleCharacters: 3 })).toEqual({
      bodyWords: 2,
      bodyShare: 0.333,
      keptShare: 0.667,
      warnings: ['LOW_TEXT'],
    });
    expect(assessQuality({ bodyText: '', bodyCharacters: 0, keptCharacters: 0, visibleCharacters: 0 })).toEqual({ bodyWords: 0, bodyShare: 0, keptShare: 0, warnings: ['NO_BODY'] });
  });

  it('takes punctuation alone as no body', () => {
    expect(assessQuality({ bodyText: '— … !', bodyCharacters: 5, keptCharacters: 5, visibleCharacters: 5 }).warnings).toEqual(['NO_BODY']);
  });
});
