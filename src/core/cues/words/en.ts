/** English cue vocabulary (see ./types.ts for the sources). */
import type { CueWords } from './types.js';

export const EN: CueWords = {
  adLabel: [
    ['advertisement', 'SEGMENTS.md'], ['advertisements', 'trafilatura'], ['advertising', 'trafilatura'], ['ad', 'SEGMENTS.md'], ['ads', 'UI'],
    ['sponsored', 'SEGMENTS.md'], ['sponsored content', 'SEGMENTS.md'], ['sponsored links?', 'UI'], ['sponsored by', 'UI'],
    ['paid (?:content|post|partnership)', 'UI'], ['promoted(?: content| stories)?', 'UI'], ['partner content', 'SEGMENTS.md'], ['promotion', 'UI'],
    ['article continues (?:after|below) (?:this )?(?:advertisement|ad)', 'SEGMENTS.md'], ['story continues below(?: advertisement)?', 'UI'],
    ['continue reading (?:below|after)(?: the ad(?:vertisement)?)?', 'UI'], ['scroll to continue(?: with content)?', 'UI'],
  ],
  teaserPrefix: [
    ['read(?: more| also| next)?', 'SEGMENTS.md'], ['related(?: stories| articles| coverage| content| news)?', 'SEGMENTS.md'], ['see also', 'trafilatura'],
    ['more(?: on| from| about)? [^:]{1,40}', 'SEGMENTS.md'], ['also read', 'UI'], ['recommended(?: for you)?', 'UI'], ["don't miss", 'UI'],
    ['must read', 'UI'], ['watch(?: now)?', 'UI'], ['listen', 'UI'], ['trending', 'UI'],
  ],
  promoHeading: [
    ['featured(?: stories| articles| videos?| content)?', 'SEGMENTS.md'], ['related(?: stories| articles| coverage| content| posts| news| topics)?', 'SEGMENTS.md'],
    ['more(?: stories| news| articles| videos| from [^.!?]{1,40})?', 'SEGMENTS.md'], ['more [^.!?]{1,40} (?:stories|articles|news|videos)', 'SEGMENTS.md'],
    ['recommended(?: for you| stories| reading| articles)?', 'UI'], ['you (?:may|might) (?:also )?like', 'UI'],
    ['you may have missed', 'UI'], ['trending(?: now| stories)?', 'UI'], ['most (?:read|popular|viewed|shared)', 'trafilatura'],
    ['popular(?: stories| posts| now)?', 'UI'], ['latest(?: news| stories| posts| articles)?', 'UI'], ['top stories', 'UI'], ["editor'?s? picks?", 'UI'],
    ['read next', 'UI'], ['up next', 'UI'], ['what to read next', 'UI'], ["don't miss", 'UI'], ['around the web', 'UI'], ['from our partners', 'UI'],
    ['from the web', 'UI'], ['recent posts', 'UI'], ['in other news', 'UI'], ['also on [^.!?]{1,40}', 'UI'], ['promoted stories', 'Taboola and Outbrain widget titles'],
  ],
  prompt: [
    ['\\b(?:subscribe|sign up|signup|register) (?:to|for|now|today|here)\\b', 'SEGMENTS.md'], ['\\bsubscribe\\b.{0,40}\\bnewsletter', 'SEGMENTS.md'],
    ['\\b(?:our|the|daily|weekly|free) newsletters?\\b', 'SEGMENTS.md'], ['\\bnewsletter\\b.{0,30}\\b(?:sign|subscri|inbox)', 'SEGMENTS.md'],
    ['\\byour subscription\\b', 'SEGMENTS.md'], ['\\bthanks? (?:you )?for (?:subscribing|signing up)', 'UI'], ['\\bdelivered (?:straight )?to your inbox', 'UI'],
    ['\\bin your inbox\\b', 'UI'], ['\\bdownload (?:our|the) (?:free )?app\\b', 'SEGMENTS.md'], ['\\bget the app\\b', 'UI'],
    ['\\bfollow us (?:on|at)\\b', 'SEGMENTS.md'], ['\\blike us on facebook', 'UI'], ['\\bsubscribers? only\\b', 'SEGMENTS.md'],
    ['\\bbecome a (?:member|subscriber)\\b', 'UI'], ['\\bsupport (?:our|independent) journalism', 'UI'], ['\\bunlimited (?:digital )?access\\b', 'UI'], ['\\balready a subscriber\\b', 'UI'],
    ['\\bstart your (?:free )?trial\\b', 'UI'], ['\\bsubscribe for\\b', 'UI'], ['\\bsign up for\\b', 'UI'], ['\\bwas this (?:email|newsletter) forwarded', 'UI'],
    ['\\bad[- ]?blocker\\b', 'UI'], ['\\bad-free\\b', 'UI'],
    ['\\bdownload (?:the|our) [\\w\\s]{0,30}apps?\\b', 'UI'], ['\\bfollow\\b.{0,40}\\bon (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky)\\b', 'SEGMENTS.md'],
    ["\\bwe'll send you\\b", 'UI'], ['\\broundup email\\b', 'corpus: corkbeo.ie'],
    ['\\bjoin\\b.{0,40}\\bnewsletters?\\b', 'UI'], ['\\b(?:daily|weekly) (?:summary|digest|roundup|briefing)\\b', 'UI'],
    ['\\bprint edition\\b', 'UI'], ['\\be-edition\\b', 'UI'],
  ],
  copyright: [
    // Letters as a Latin range rather than \\p{L}: the 'u' flag makes the joined pattern ten times slower on every block.
    ['(?:©|\\(c\\)|copyright)\\s*(?:©\\s*)?(?:\\d{4}|[a-z\\u00c0-\\u024f])', 'SEGMENTS.md'], ['\\ball rights reserved\\b', 'SEGMENTS.md'],
    ['\\bcreative commons\\b', 'UI'], ['\\blicensed under\\b', 'UI'],
    ['\\bmay not be (?:published|reproduced|copied|redistributed)', 'wire'],
  ],
  consent: [
    ['\\b(?:we|this (?:site|website)) uses? cookies\\b', 'SEGMENTS.md'], ['\\buse of cookies\\b', 'OneTrust'], ['\\bcookie (?:policy|settings|preferences|notice|consent)\\b', 'OneTrust'],
    ['\\baccept (?:all )?cookies\\b', 'OneTrust'], ['\\bprivacy (?:policy|notice|statement)\\b', 'SEGMENTS.md'], ['\\bterms (?:of (?:use|service)|and conditions)\\b', 'SEGMENTS.md'],
    ['\\bby (?:providing|submitting|entering|signing up|clicking|continuing|using)\\b.{0,80}\\b(?:agree|accept|consent)', 'SEGMENTS.md'],
    ['\\bi (?:agree|consent) to\\b', 'SEGMENTS.md'], ['\\byou agree to\\b', 'UI'], ['\\bpersonal data\\b', 'IAB TCF'], ['\\bdata protection\\b', 'IAB TCF'],
    ['\\bunsubscribe at any time\\b', 'UI'],
  ],
  disclaimer: [
    ['\\bviews expressed\\b', 'SEGMENTS.md'], ['\\bopinions expressed\\b', 'SEGMENTS.md'], ['\\bdo(?:es)? not (?:necessarily )?reflect the (?:views|opinions)', 'SEGMENTS.md'],
    ['\\bnot (?:responsible|liable) for the (?:content|opinions|views|statements)', 'UI'], ['\\badvertising disclosure\\b', 'UI'],
    ['\\bmay receive (?:compensation|a commission)', 'UI'], ['\\bsupported by (?:its|our) (?:audience|readers)\\b', 'UI'],
    ['\\bwhen you (?:buy|purchase) (?:something )?(?:through|via) (?:links|our)', 'UI'], ['\\bfor informational purposes only\\b', 'UI'],
    ['\\bnot (?:financial|investment|legal|medical) advice\\b', 'UI'], ['\\bthis (?:material|content) may not be\\b', 'wire'], ['\\bwe may earn (?:a )?commission', 'UI'],
    ['\\baffiliate links?\\b', 'UI'], ['\\bdisclaimer\\b', 'SEGMENTS.md'],
  ],
  creditWord: [
    ['photo', 'SEGMENTS.md'], ['photos', 'SEGMENTS.md'], ['image', 'wire'], ['images', 'wire'], ['picture', 'wire'], ['video', 'wire'],
    ['graphic', 'wire'], ['chart', 'wire'], ['map', 'wire'], ['credit', 'wire'], ['credits', 'wire'],
  ],
  credit: [
    ['\\b(?:photo|image|picture|video|illustration)\\s+(?:by|credit|courtesy|copyright|©|:)', 'wire'], ['^\\(?source\\s*:', 'wire'], ['\\(\\s*(?:photo|image)\\s*:\\s*[^)]{1,80}\\)\\s*$', 'wire'],
  ],
  uiString: [
    ['share(?: this)?(?: (?:article|story|on \\w+))?', 'UI'], ['tweet', 'UI'], ['email', 'UI'], ['print', 'UI'], ['comments?', 'UI'], ['\\d+ comments?', 'UI'],
    ['reply', 'UI'], ['log ?in', 'UI'], ['sign ?in', 'UI'], ['log ?out', 'UI'], ['sign ?out', 'UI'], ['register', 'UI'], ['search', 'UI'], ['menu', 'UI'],
    ['close', 'UI'], ['open', 'UI'], ['back to top', 'UI'], ['top', 'UI'], ['skip to (?:main )?content', 'UI'], ['next', 'UI'], ['previous', 'UI'], ['prev', 'UI'],
    ['home', 'UI'], ['more', 'UI'], ['load more', 'UI'], ['show more', 'UI'], ['read more', 'UI'], ['continue reading', 'UI'], ['loading', 'UI'],
    ['loading\\.\\.\\.', 'UI'], ['toggle navigation', 'UI'],
  ],
  comments: [
    ['save my name, email, and website in this browser for the next time i comment', 'UI: WordPress core comment form (its cookies checkbox)'],
    ['notify me of follow-up comments by email', 'UI: Jetpack comment subscriptions (WordPress)'], ['notify me of new posts by email', 'UI: Jetpack comment subscriptions (WordPress)'],
    ['pingback: .*', 'UI: WordPress core comment list (a pingback among the comments)'],
  ],
  // One entry: the trades of the people a bio box presents (its source is the class, not a page that showed one of them).
  authorBio: [['(?:reporter|writer|editor|journalist|correspondent|columnist|contributor|producer|photographer|photojournalist)', 'SEGMENTS.md']],
  tagLine: [['tags?', 'UI'], ['tagged(?: with)?', 'UI'], ['topics?', 'UI'], ['filed under', 'UI'], ['categories', 'UI'], ['category', 'UI'], ['keywords', 'UI']],
  datelineWords: [
    ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
      'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
      'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'].map((w) => [w, 'calendar'] as const),
    ...['am', 'pm', 'a', 'm', 'p', 'at', 'on', 'the', 'of', 'gmt', 'utc', 'cet', 'cest', 'est', 'edt', 'pst', 'pdt', 'bst', 'et', 'pt',
      'posted', 'published', 'updated', 'last', 'modified', 'date', 'created', 'ago', 'hours', 'hour'].map((w) => [w, 'UI'] as const),
  ],
};
