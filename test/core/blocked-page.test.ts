/**
 * Quality warning BLOCKED_PAGE: a scrape that is a bot-protection interstitial or an
 * access-denied page (./interstitials.ts, one per vendor) says so; a page that only mentions such
 * wording, loads a vendor's script or holds a CAPTCHA on a form does not.
 */
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../src/core/schema.js';
import { QUALITY_THRESHOLDS } from '../../src/core/quality.js';
import { article, cleanText, page } from './helpers.js';
import { CLOUDFLARE_CHALLENGE, INTERSTITIALS } from './interstitials.js';

const warnings = (html: string, name = 'page.html'): string[] => documentSchema.parse(cleanText(html, name)).quality.warnings;

const paragraphs = [
  'The city council voted on Tuesday to keep the harbour archive open to researchers after a month of protests.',
  'Historians had complained that access denied to the public for months left their projects stalled, and several said the online catalogue asked them to verify you are human by completing the action below every few minutes.',
  'Access denied, the message read each time, the historian Jane Roe told the meeting. "You don\'t have permission to access the scans on this server," it said, though she held a reader\'s card.',
  'The archive said the check, which asks visitors to confirm they are not a robot, was added after automated scrapers slowed the catalogue last spring.',
  'Officials promised to exempt registered readers from the check by the end of the month and to publish the archive\'s opening hours online.',
  'The council will review the arrangement in the autumn, when the archive moves to its new building beside the ferry terminal.',
  'Until then the reading room keeps its winter hours, opening at nine on weekdays and closing at noon on Saturdays, and readers may order up to ten boxes a day.',
  'The archive holds the port\'s ledgers from 1820 on, the ferry company\'s timetables and some forty thousand photographs of the quays, most of them not yet scanned.',
  'Readers from abroad, who make up a third of the visitors, may still book a seat by email, and the archive said it would answer within two working days.',
  'Volunteers who catalogue the photographs asked the council for a second scanner, and the mayor said the request would be weighed with next year\'s budget.',
];

/** Paragraphs of a short news story that quote no vendor's wording. */
const brief = paragraphs.slice(3, 6);

describe('BLOCKED_PAGE', () => {
  it.each(INTERSTITIALS.map(({ vendor, html }) => [vendor, html]))('fires on %s', (_vendor, html) => {
    expect(warnings(html)).toContain('BLOCKED_PAGE');
  });

  it('fires on a plain-text scrape of an interstitial (the text a crawler kept of it)', () => {
    const text = 'Just a moment...\n\nnews.example\n\nVerify you are human by completing the action below.\n\nnews.example needs to review the security of your connection before proceeding.\n\nRay ID: 8a1b2c3d4e5f6a7b\n\nPerformance & security by Cloudflare\n';
    expect(warnings(text, 'news/challenge.txt')).toContain('BLOCKED_PAGE');
  });

  it('leaves a real article that mentions "Access denied" and the check\'s wording unwarned', () => {
    const html = article(paragraphs, { head: '<title>Archive stays open to researchers | Harbour Gazette</title>' });
    expect(paragraphs.join(' ').length).toBeGreaterThan(QUALITY_THRESHOLDS.blockedPageCharacters);
    expect(warnings(html)).toEqual([]);
  });

  it("leaves a short story that loads Cloudflare's challenge script and holds a reCAPTCHA on its comment form unwarned", () => {
    const head = `<title>Archive stays open to researchers</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script><script src="https://www.google.com/recaptcha/api.js" async defer></script>`;
    const form = `<form class="comment-form"><textarea name="comment"></textarea><div class="g-recaptcha" data-sitekey="6Lc0000000000000000000000000000000000000"></div><p>I'm not a robot</p><button>Post comment</button></form>`;
    expect(warnings(article(brief, { head, after: form }))).not.toContain('BLOCKED_PAGE');
  });

  it('leaves a short page with one generic phrase unwarned: a sign-in form with a CAPTCHA, a brief headlined "Access denied"', () => {
    const signIn = page({ head: '<title>Sign in | Harbour Gazette</title>', body: `<form><label>Email <input name="email"></label><label>Password <input type="password" name="password"></label><div class="g-recaptcha" data-sitekey="6Lc0000000000000000000000000000000000000"></div><p>I'm not a robot</p><button>Sign in</button></form>` });
    expect(warnings(signIn)).not.toContain('BLOCKED_PAGE');
    const headline = article(['The court refused the ferry operator access to the harbour records on Monday, saying the request came too late.'], { head: '<title>Access Denied</title>' });
    expect(warnings(headline)).toEqual(['LOW_TEXT']);
  });

  it('leaves a short story or poem titled "Just a moment..." (its own title, not the challenge\'s) unwarned, and a brief titled as PerimeterX\'s page', () => {
    // The title alone decided on any page under the size bound: a brief or a poem of that name was a BLOCKED_PAGE.
    for (const title of ['Just a moment...', 'Just a moment…']) {
      const story = article(brief, { head: `<title>${title}</title>` }).replace('<article>', `<article><h1>${title}</h1>`);
      expect(warnings(story)).not.toContain('BLOCKED_PAGE');
      expect(warnings(`${title}\n\n${brief.join('\n\n')}\n`, 'stories/moment.txt')).not.toContain('BLOCKED_PAGE');
    }
    // PerimeterX's title is a headline's too (a brief on a court's ruling); its pages say their sentences besides.
    const ruling = article(['The court ruled on Monday that the harbour authority may keep the ferry logs sealed until the inquiry ends.', ...brief], {
      head: '<title>Access to this page has been denied.</title>',
    });
    expect(warnings(ruling)).not.toContain('BLOCKED_PAGE');
    // The challenge with nothing but its title (its text drawn by script, no noscript line) still says so.
    expect(warnings('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>')).toContain('BLOCKED_PAGE');
  });

  it('fires on a challenge whose text is translated under its English title (the challenge\'s own markup is a hint in any language)', () => {
    // Cloudflare and PerimeterX serve their text in the crawler's Accept-Language; the English lists knew only the title: LOW_TEXT alone.
    const german = CLOUDFLARE_CHALLENGE.replace('lang="en-US"', 'lang="de-DE"')
      .replace('Verify you are human by completing the action below.', 'Bestätigen Sie, dass Sie ein Mensch sind, indem Sie die folgende Aktion ausführen.')
      .replace('Enable JavaScript and cookies to continue', 'JavaScript und Cookies aktivieren, um fortzufahren')
      .replace('news.example needs to review the security of your connection before proceeding.', 'news.example muss die Sicherheit Ihrer Verbindung überprüfen, bevor Sie fortfahren können.');
    expect(german).not.toContain('Verify you are human');
    expect(warnings(german)).toContain('BLOCKED_PAGE');
    const french = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Access to this page has been denied</title></head><body><div class="px-captcha-container"><div class="px-captcha-header">Avant de continuer...</div><div class="px-captcha-message">Appuyez longuement pour confirmer que vous êtes un humain (et non un robot).</div><div id="px-captcha"></div></div></body></html>`;
    expect(warnings(french)).toContain('BLOCKED_PAGE');
    // The markup alone is not enough, nor the script every page of a protected site loads beside the title.
    expect(warnings(german.replace('<title>Just a moment...</title>', '<title>news.example</title>'))).not.toContain('BLOCKED_PAGE');
    const story = article(brief, { head: '<title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>' });
    expect(warnings(story)).not.toContain('BLOCKED_PAGE');
  });

  it("leaves a page titled as Cloudflare's challenge that holds an article unwarned", () => {
    expect(warnings(article(paragraphs, { head: '<title>Just a moment...</title>' }))).toEqual([]);
  });
});
