/**
 * HTML element and ARIA role knowledge used by the tree walk. Sources: the WHATWG HTML
 * standard's content categories (block versus phrasing content) and WAI-ARIA landmark roles.
 */

/** Elements whose content is never visible page text (or is UI, not text). Not descended. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  // A math formula's text is read by the walk on its own (walk.ts formulaText): browsers draw MathML.
  'script', 'style', 'template', 'svg', 'math', 'canvas', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'audio', 'video', 'source', 'track', 'map', 'area', 'img', 'picture', 'head', 'title', 'meta', 'link', 'base',
  'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'button', 'progress', 'meter', 'output', 'param',
  'xml', 'rt', 'rp', // ruby pronunciation annotations: printed above the text, not part of it
  'noembed', 'noframes', // fallbacks the HTML standard's rendering hides (display: none)
  // AMP's images (amp.dev's component reference): read as an <img> (IMAGE_TAGS); what they hold is their <noscript><img>
  // fallback or a placeholder, the same picture again, not text.
  'amp-img', 'amp-anim',
]);

/**
 * Elements that show a picture, each read as an <img> is (alt, src or a lazy-loading attribute, srcset, width, height):
 * HTML's <img> and <picture>, and AMP's <amp-img> and <amp-anim> (an AMP page's lead photo is one, beside a
 * <noscript><img> fallback that SKIPPED_TAGS keeps from counting twice).
 */
export const IMAGE_TAGS: ReadonlySet<string> = new Set(['img', 'picture', 'amp-img', 'amp-anim']);

/**
 * Classes of an icon font that draws a word as its glyph (a ligature): Google's Material Icons (`material-icons`,
 * `-outlined`, `-round`, `-sharp`, `-two-tone`) and Material Symbols (`material-symbols-outlined`, `-rounded`,
 * `-sharp`), as Google Fonts documents them, also under a plugin's prefix (`pp-form-material-icons`). The element's text is the glyph's name ("star", "expand_more", "email"),
 * drawn as an icon, never read: a rating's five stars came out as "star star star star star". Not walked.
 */
export const LIGATURE_ICON_CLASS = /(?:^|\s)(?:[\w-]+-)?material-(?:icons|symbols)(?:-[a-z]+)*(?=\s|$)/;

/**
 * An image's alt text that is emoji alone: one or more emoji (a pictograph with its variation selector, skin tone,
 * ZWJ sequence or tag sequence, a flag's two regional indicators, a keycap), nothing else. Pages draw emoji as images
 * (WordPress's wp-emoji, Twitter's and Facebook's embeds, forum smilies with a Unicode alt): the reader sees the
 * character in the sentence, so the walk reads such an image as its alt's text, not as a picture.
 */
export const EMOJI_ALT = /^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?[\u{E0020}-\u{E007F}]*(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?)*)+$/u;

/** A part of every class LIGATURE_ICON_CLASS matches: a class attribute without it is passed over before the regular expression runs. */
export const LIGATURE_ICON_CLASS_PART = 'material-';

/**
 * Elements that start and end a block of text: HTML's flow content that is not phrasing
 * content, plus table parts. Anything else (span, a, em, b, font, custom elements…) is inline
 * and joins its text to the current block without inserting a space.
 */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp', 'frameset', 'search', 'noscript',
  // AMP's ad slots (amp.dev: a box of its stated size, its placeholder and fallback text inside): containers, flagged
  // as ads by cues/attributes.ts TAG_FLAGS.
  'amp-ad', 'amp-embed', 'amp-sticky-ad',
]);

export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements whose whitespace is significant. */
export const PREFORMATTED_TAGS: ReadonlySet<string> = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

/**
 * The text of a permalink marker: a link to a place in the page (href="#…") drawn as a pilcrow, a hash, a section sign or a
 * link emoji beside a heading, a term or a caption (Sphinx's and MkDocs' "headerlink" ¶, GitHub's and many blogs' "#",
 * "§", "🔗"), shown on hover for a reader to copy the address: no word of the text ("With pip#", "Installing¶").
 */
export const PERMALINK_MARK = /^(?:[\s\u00b6#\u00a7\u{1F517}\u2693]|\uFE0F)+$/u;
