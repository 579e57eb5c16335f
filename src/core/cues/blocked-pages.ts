/**
 * The standard wording of bot-protection interstitials and access-denied pages (quality warning
 * BLOCKED_PAGE, ../blocked.ts): what a crawler gets from a CDN or bot-management vendor instead of
 * the page it asked for. Each entry is a regular-expression fragment (case-insensitive, no nested
 * quantifier) with its source: the vendor whose page says it. English, as the vendors serve these
 * pages unless a site translates them; a language whose wording is known for sure gets its own list.
 *
 * The wording alone decides, never a script or a frame: many real pages load Cloudflare's
 * challenge-platform script or hold a reCAPTCHA on a form. And only on a page that holds little
 * else (QUALITY_THRESHOLDS.blockedPageCharacters): an article that quotes the wording stays an article.
 */
import type { Entry } from './words/types.js';

export interface BlockedPageWords {
  /** Whole `<title>`s that only a vendor's interstitial has: one is enough. */
  readonly titles: readonly Entry[];
  /**
   * Whole `<title>`s of a vendor's interstitial that an ordinary page may have too (a story or a poem titled "Just a
   * moment..."): alone they are enough only on a page without any text of its own (the challenge drawn by script);
   * else they count as one hint (below).
   */
  readonly plainTitles: readonly Entry[];
  /** Sentences of a vendor's interstitial, found anywhere in the page's text (an iframe's fallback text included): one is enough. */
  readonly texts: readonly Entry[];
  /**
   * Whole titles or whole blocks that a block or a gate page says, but a page about something else
   * could too ("Access Denied", "403 Forbidden", "I'm not a robot"): two are needed (the title and
   * the heading of Akamai's page, nginx's "403 Forbidden" twice, a "Human verification" page whose
   * text asks "Please verify you are a human").
   */
  readonly hints: readonly Entry[];
}

/**
 * Markup that only a vendor's challenge page carries, in any language (the vendors translate their pages' text, and a
 * crawler's Accept-Language picks one): counted as one hint, never enough alone. Not the scripts every page of a
 * protected site loads (Cloudflare's `/cdn-cgi/challenge-platform/scripts/jsd/main.js`, PerimeterX's `_pxAppId`
 * sensor): the challenge's own options and orchestration script, the block page's captcha element.
 */
export const BLOCKED_PAGE_MARKUP: readonly Entry[] = [
  ['window\\._cf_chl_opt\\s{0,20}=', 'Cloudflare (the challenge\'s options)'],
  ['/cdn-cgi/challenge-platform/h/[a-z]/orchestrate/', 'Cloudflare (the challenge\'s script)'],
  ['<div id="px-captcha"', 'PerimeterX / HUMAN (the press-and-hold element)'],
];

const EN: BlockedPageWords = {
  titles: [
    ['attention required! \\| cloudflare', 'Cloudflare'],
    ['access denied \\| [^|]{1,200} used cloudflare to restrict access', 'Cloudflare'],
    ['sucuri website firewall - access denied', 'Sucuri'],
  ],
  plainTitles: [
    ['just a moment(?:\\.\\.\\.|…)', 'Cloudflare'],
    ['access to this page has been denied\\.?', 'PerimeterX'],
  ],
  texts: [
    ['verify you are human by completing the action below', 'Cloudflare'],
    ['verifying you are human\\. this may take a few seconds', 'Cloudflare'],
    ['needs to review the security of your connection before proceeding', 'Cloudflare'],
    ['enable javascript and cookies to continue', 'Cloudflare'],
    ['checking your browser before accessing', 'Cloudflare'],
    ['sorry, you have been blocked', 'Cloudflare'],
    ['this website is using a security service to protect itself from online attacks', 'Cloudflare'],
    ['please complete the security check to access', 'Cloudflare'],
    ['completing the captcha proves you are a human', 'Cloudflare'],
    ["you don['’]t have permission to access [^\\n]{1,400} on this server", 'Akamai'],
    ['press & hold to confirm you are a human', 'PerimeterX'],
    ['access to this page has been denied because we believe you are using automation tools', 'PerimeterX'],
    ['please enable js and disable any ad blocker', 'DataDome'],
    ['request unsuccessful\\. incapsula incident id', 'Imperva'],
    ["in order to continue, we need to verify that you['’]re not a robot", 'AWS WAF'],
    ["request blocked\\. we can['’]t connect to the server for this app or website", 'Amazon CloudFront'],
    ['our systems have detected unusual traffic from your computer network', 'Google (reCAPTCHA)'],
    ['access denied - sucuri website firewall', 'Sucuri'],
  ],
  hints: [
    ['access denied', 'Akamai'],
    ['(?:403 )?forbidden', 'nginx and Apache httpd'],
    ["you don['’]t have permission to access this resource", 'Apache httpd'],
    ['(?:please )?verify (?:that )?you are (?:a )?human', 'PerimeterX'],
    ["i['’]m not a robot", 'reCAPTCHA'],
    ['i am human', 'hCaptcha'],
    ['one more step', 'Cloudflare'],
  ],
};

export const BLOCKED_PAGE_WORDS: Readonly<Record<string, BlockedPageWords>> = { en: EN };
