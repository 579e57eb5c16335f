/**
 * What class names, ids, ARIA roles and itemprops say about an element, grouped by concept as
 * trafilatura groups its token lists. Tokens are whole words of the class/id after splitting
 * on non-letters and camelCase humps ("cookieBanner" → cookie banner, "post_footer" → post
 * footer), so `login` never matches `blogindex` and `ad` never matches `header` or `loaded`.
 *
 * Sources: trafilatura's settings and xpaths (boilerplate, comments, paywall, ads), jusText's
 * and Readability's positive/negative class patterns (REGEXPS.positive / unlikelyCandidates),
 * and tokens seen in the failures of `npm run eval` on the dev corpus (noted "corpus").
 */

/** Bit flags carried down the tree; an element inherits its ancestors' flags. */
export const Context = {
  NAV: 1 << 0, // navigation, menus, breadcrumbs, pagination, skip links, search
  HEADER: 1 << 1, // site header / banner
  FOOTER: 1 << 2, // site or article footer / contentinfo
  ASIDE: 1 << 3, // sidebars, widgets, complementary content
  FORM: 1 << 4, // forms (search, login, newsletter)
  COMMENTS: 1 << 5, // comment threads and forms
  SHARE: 1 << 6, // share and follow buttons
  AD: 1 << 7, // ad slots
  PROMO: 1 << 8, // related / recommended / more stories / newsletter / paywall
  LEGAL: 1 << 9, // copyright, cookie and consent notices, disclaimers
  CAPTION: 1 << 10, // figcaption, caption and credit containers
  FIGURE: 1 << 11, // figure, gallery, media containers
  META: 1 << 12, // byline, author, date, post meta
  TAGS: 1 << 13, // tag lists, categories, keywords
  AUTHOR_BIO: 1 << 14, // author boxes
  CONTENT: 1 << 15, // a container named for the main content (article-body, entry-content…)
  ARTICLE: 1 << 16, // <article>, <main>, role=main/article, itemprop=articleBody
  LINK: 1 << 17, // inside <a href>
  HEADING: 1 << 18, // inside h1-h6
  LIST_ITEM: 1 << 19, // inside li / dt / dd
  TABLE: 1 << 20, // inside a table
  BLOCKQUOTE: 1 << 21,
  PRE: 1 << 22, // preformatted text
  DIALOG: 1 << 23, // dialogs, modals, banners that overlay the page (consent)
  ARTICLE_BODY: 1 << 24, // itemprop=articleBody or equivalent: the strongest content signal
  HIDDEN: 1 << 26, // the `hidden` attribute or inline display:none / visibility:hidden
  NOSCRIPT: 1 << 27, // inside <noscript>: shown only without scripts (a forum's crawler view; "please enable JavaScript")
} as const;

/**
 * A consent manager's own container (its SDK's id or class: "onetrust-consent-sdk", "CybotCookiebotDialog"): a
 * cookie banner or preference centre, whose text is legal, never the page's body, however much prose it holds. Not a
 * key of Context: the models do not read it (features.ts reads Context's keys), the decision does (decide.ts).
 */
export const CONSENT_MANAGER = 1 << 25;

/** Flags that mark boilerplate regions (not content) for the content-root search. */
export const BOILERPLATE_CONTEXT =
  Context.NAV | Context.HEADER | Context.FOOTER | Context.ASIDE | Context.COMMENTS | Context.SHARE | Context.AD |
  Context.PROMO | Context.LEGAL | Context.META | Context.TAGS | Context.AUTHOR_BIO | Context.DIALOG | Context.FORM;

const TOKENS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [Context.NAV, ['nav', 'navbar', 'navi', 'navigation', 'menu', 'menus', 'menubar', 'submenu', 'megamenu', 'breadcrumb', 'breadcrumbs', 'crumbs', 'crumb', 'skip', 'skiplink', 'toolbar', 'topbar', 'pagination', 'pager', 'paging', 'search', 'searchform', 'masthead', 'offcanvas', 'drawer', 'hamburger', 'dropdown', 'jump', 'jumplinks', 'prevnext', 'postnav', 'subnav', 'sitemap', 'login', 'signin', 'logout', 'account', 'usermenu', 'lang', 'language', 'languages', 'switcher']],
  [Context.HEADER, ['header', 'banner', 'siteheader', 'topnav', 'brand', 'logo', 'branding']],
  [Context.FOOTER, ['footer', 'colophon', 'sitefooter', 'bottom', 'fuss', 'fusszeile', 'pied']],
  [Context.ASIDE, ['sidebar', 'aside', 'widget', 'widgets', 'rail', 'sidebox', 'marginal', 'complementary', 'secondary']],
  [Context.COMMENTS, ['comment', 'comments', 'commentlist', 'respond', 'reply', 'replies', 'disqus', 'discussion', 'kommentar', 'kommentare', 'commentaires', 'comentarios', 'talkback']],
  [Context.SHARE, ['share', 'shares', 'sharing', 'sharebar', 'social', 'socials', 'sociable', 'addthis', 'shariff', 'follow', 'socialmedia', 'sharethis', 'sharedaddy']],
  [Context.AD, ['ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'adsense', 'adbox', 'adblock', 'adcontainer', 'adwrapper', 'dfp', 'gpt', 'doubleclick', 'sponsor', 'sponsored', 'sponsors', 'promoted', 'outbrain', 'taboola', 'plista', 'ligatus', 'commercial', 'anzeige', 'werbung', 'publicite', 'publicidad', 'billboard', 'leaderboard', 'skyscraper', 'superbanner', 'mrec', 'halfpage', 'native', 'affiliate']],
  [Context.PROMO, ['related', 'relatedposts', 'recommended', 'recommendation', 'recommendations', 'recirculation', 'recirc', 'morestories', 'trending', 'popular', 'mostread', 'mostpopular', 'promo', 'promos', 'promotion', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'paywall', 'upsell', 'cta', 'teaserlist', 'readalso', 'alsoread', 'moreon', 'morestories', 'morenews', 'morearticles', 'outbrain', 'zergnet', 'nativo', 'empfehlung', 'empfehlungen', 'verwandte', 'lireaussi', 'recomendados', 'relacionados', 'relacionadas']],
  [Context.LEGAL, ['copyright', 'legal', 'disclaimer', 'cookie', 'cookies', 'consent', 'gdpr', 'privacy', 'terms', 'license', 'licence', 'imprint', 'impressum', 'rights', 'datenschutz', 'cmp', 'onetrust', 'didomi', 'usercentrics', 'cookiebot', 'tcf']],
  // The consent managers by the names their SDKs give their containers (each vendor's own markup).
  [CONSENT_MANAGER, [
    'onetrust', // OneTrust: #onetrust-consent-sdk, #onetrust-pc-sdk
    'didomi', // Didomi: #didomi-host
    'usercentrics', // Usercentrics: #usercentrics-root
    'cookiebot', 'cybot', // Cookiebot: #CybotCookiebotDialog
    'trustarc', 'truste', // TrustArc: #truste-consent-track, .trustarc-banner
    'iubenda', // iubenda: #iubenda-cs-banner
    'osano', // Osano: .osano-cm-window
    'cmplz', // Complianz: .cmplz-cookiebanner
  ]],
  [Context.CAPTION, ['caption', 'captions', 'figcaption', 'credit', 'credits', 'photocredit', 'imagecredit', 'imgcaption', 'bildunterschrift', 'bildtext', 'bildquelle', 'legende', 'leyenda', 'cutline', 'image-source', 'source']],
  // Only tokens that name a media container as a whole: 'media', 'image', 'photo' also name
  // text wrappers ("media-body", "image-text") and misfired on the corpus.
  [Context.FIGURE, ['figure', 'gallery', 'slideshow', 'carousel', 'lightbox', 'wpcaption', 'imagebox', 'photobox', 'mediabox', 'videoplayer']],
  [Context.META, ['byline', 'author', 'authors', 'dateline', 'date', 'time', 'timestamp', 'published', 'posted', 'postmeta', 'meta', 'entrymeta', 'updated', 'pubdate', 'autor', 'datum', 'kicker', 'overline', 'rubric', 'readtime', 'reading']],
  [Context.TAGS, ['tags', 'tag', 'taglist', 'tagcloud', 'keywords', 'topics', 'categories', 'category', 'filed', 'schlagworte', 'schlagwort', 'etiquetas']],
  [Context.AUTHOR_BIO, ['bio', 'authorbio', 'authorbox', 'aboutauthor', 'authorinfo', 'author-box', 'vcard']],
  [Context.DIALOG, ['modal', 'popup', 'overlay', 'lightbox', 'notice', 'toast', 'snackbar', 'interstitial']],
  [Context.CONTENT, ['article', 'articlebody', 'articletext', 'articlecontent', 'content', 'contents', 'entry', 'entrycontent', 'post', 'postbody', 'postcontent', 'story', 'storybody', 'storycontent', 'body', 'text', 'main', 'maincontent', 'blog', 'prose', 'richtext', 'hentry', 'single', 'artikel', 'beitrag', 'inhalt', 'texte', 'contenido', 'cuerpo', 'noticia', 'nota', 'page', 'paragraph', 'copy', 'bodytext', 'fulltext', 'detail', 'lead', 'intro', 'chapo']],
];

/** ARIA landmark and widget roles → flags. */
export const ROLE_FLAGS: ReadonlyMap<string, number> = new Map([
  ['navigation', Context.NAV], ['search', Context.NAV], ['menu', Context.NAV], ['menubar', Context.NAV],
  ['toolbar', Context.NAV], ['tablist', Context.NAV], ['banner', Context.HEADER], ['contentinfo', Context.FOOTER],
  ['complementary', Context.ASIDE], ['form', Context.FORM], ['dialog', Context.DIALOG], ['alertdialog', Context.DIALOG],
  ['main', Context.ARTICLE], ['article', Context.ARTICLE], ['figure', Context.FIGURE], ['img', Context.FIGURE],
]);

/** Element names → flags. */
export const TAG_FLAGS: ReadonlyMap<string, number> = new Map([
  ['nav', Context.NAV], ['menu', Context.NAV], ['header', Context.HEADER], ['footer', Context.FOOTER],
  ['aside', Context.ASIDE], ['form', Context.FORM], ['figure', Context.FIGURE], ['figcaption', Context.CAPTION],
  ['caption', Context.CAPTION], ['article', Context.ARTICLE], ['main', Context.ARTICLE], ['a', Context.LINK],
  ['h1', Context.HEADING], ['h2', Context.HEADING], ['h3', Context.HEADING], ['h4', Context.HEADING],
  ['h5', Context.HEADING], ['h6', Context.HEADING], ['li', Context.LIST_ITEM], ['dt', Context.LIST_ITEM],
  ['dd', Context.LIST_ITEM], ['table', Context.TABLE], ['blockquote', Context.BLOCKQUOTE], ['pre', Context.PRE],
  ['dialog', Context.DIALOG], ['address', Context.META], ['time', Context.META], ['search', Context.NAV],
  // What <noscript> holds is what a reader without scripts sees: hidden from the rules, a feature for the model.
  ['noscript', Context.NOSCRIPT | Context.HIDDEN],
  // AMP's ad slots (amp.dev's amp-ad, amp-embed, amp-sticky-ad): what they hold (a placeholder's "Loading ad", a
  // fallback's plea to turn off an ad blocker) is the ad's, as in a <div class="ad">.
  ['amp-ad', Context.AD], ['amp-embed', Context.AD], ['amp-sticky-ad', Context.AD],
]);

/** itemprop values → flags (schema.org microdata). */
export const ITEMPROP_FLAGS: ReadonlyMap<string, number> = new Map([
  ['articlebody', Context.ARTICLE_BODY | Context.CONTENT], ['text', Context.CONTENT], ['reviewbody', Context.ARTICLE_BODY | Context.CONTENT],
  ['author', Context.META], ['datepublished', Context.META], ['datemodified', Context.META], ['headline', Context.META],
  ['caption', Context.CAPTION], ['copyrightholder', Context.LEGAL], ['comment', Context.COMMENTS], ['breadcrumb', Context.NAV],
]);

/** Letters of the class/id words: a-z (upper-case ones are lower-cased). */
const LETTERS = 26;

/**
 * The tokens as a trie of their letters: node n's child by letter l (0 for a) at children[n * LETTERS + l], 0 when
 * there is none (node 0 is the root, nobody's child); the flags of the token that ends at node n at flags[n] (0 where
 * none ends). A word is looked up by walking it from the root; a pair of words ("article" + "body") by walking the
 * second on from where the first ended, no string joined.
 */
const TRIE = ((): { children: Int32Array; flags: Int32Array } => {
  const children: number[] = new Array<number>(LETTERS).fill(0);
  const flags: number[] = [0];
  for (const [flag, tokens] of TOKENS) {
    for (const token of tokens) {
      let node = 0;
      for (const letter of token.replace(/-/g, '')) {
        const l = letter.charCodeAt(0) - 0x61;
        if (l < 0 || l >= LETTERS) throw new Error(`class token "${token}" is not lower-case a-z`);
        let child = children[node * LETTERS + l]!;
        if (child === 0) {
          child = flags.length;
          flags.push(0);
          for (let k = 0; k < LETTERS; k++) children.push(0);
          children[node * LETTERS + l] = child;
        }
        node = child;
      }
      flags[node]! |= flag;
    }
  }
  return { children: Int32Array.from(children), flags: Int32Array.from(flags) };
})();

/** The trie node reached from `node` by the letter of code `c` (a-z or A-Z), -1 when no token goes on so (or from -1). */
function step(node: number, c: number): number {
  if (node < 0) return -1;
  const child = TRIE.children[node * LETTERS + ((c | 0x20) - 0x61)]!;
  return child === 0 ? -1 : child;
}

/**
 * WordPress's post_class() and Drupal's node classes put taxonomy slugs on the article itself
 * ("hentry category-news tag-education has-post-thumbnail"): on such an element, classes that
 * are a taxonomy prefix plus a slug say nothing about layout and are ignored (corpus).
 */
const CMS_ARTICLE_CLASS = /(?:^|\s)(?:hentry|status-publish|type-post|type-page|node-type-\w+|post-\d+)(?:\s|$)/;
const CMS_TAXONOMY_CLASS = /(?:^|\s)(?:tag|category|cat|format|status|type|postid|author|term|taxonomy|has|node-type|node)-[^\s]+/g;

const HUMP = /([a-z])([A-Z])/g;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Flags named by a class/id string. Single tokens are looked up, and so are adjacent pairs
 * joined ("article" + "body" → "articlebody"), which covers kebab and camel spellings alike.
 * The words are runs of ASCII letters, cut where a lower-case letter meets an upper-case one,
 * lower-cased. An ASCII string (nearly every one) is scanned as it is; another is cut at its humps
 * and lower-cased first, since lower-casing can turn a non-ASCII letter into an ASCII one (K, İ).
 */
export function attributeFlags(classAndId: string): number {
  if (CMS_ARTICLE_CLASS.test(classAndId)) classAndId = classAndId.replace(CMS_TAXONOMY_CLASS, ' ');
  return wordFlags(NON_ASCII.test(classAndId) ? classAndId.replace(HUMP, '$1 $2').toLowerCase() : classAndId);
}

/**
 * Flags of the words of a text, by one scan of its characters: a word is a run of ASCII letters, cut
 * at a camelCase hump; each word is walked down the trie, and so is each pair of adjacent words.
 */
function wordFlags(text: string): number {
  let flags = 0;
  // The trie nodes of the word so far, of the previous word and this one as one token so far, where the previous word ended.
  let word = -1;
  let pair = -1;
  let previous = -1;
  let inWord = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    const upper = c >= 0x41 && c <= 0x5a;
    const letter = upper || (c >= 0x61 && c <= 0x7a);
    // A word ends at a non-letter, and at an upper-case letter after a lower-case one (a camelCase hump).
    if (inWord && (!letter || (upper && text.charCodeAt(i - 1) >= 0x61))) {
      if (word > 0) flags |= TRIE.flags[word]!;
      if (pair > 0) flags |= TRIE.flags[pair]!;
      previous = word;
      inWord = false;
    }
    if (!letter) continue;
    if (!inWord) {
      inWord = true;
      word = 0;
      pair = previous;
    }
    word = step(word, c);
    pair = step(pair, c);
  }
  return flags;
}
