/**
 * Meta tag names for each metadata field, most reliable first. Sources: the Open Graph
 * protocol, Twitter cards, Dublin Core, schema.org microdata (itemprop), and the publisher
 * conventions trafilatura's metadata module reads (parsely-*, sailthru.*, article:*).
 * Keys are lower-cased meta name/property/itemprop values.
 */
export const METADATA_KEYS = {
  title: ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title', 'title', 'headline'],
  author: ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'twitter:creator', 'citation_author'],
  published: [
    'article:published_time', 'og:published_time', 'datepublished', 'published_time', 'publishdate', 'pubdate', 'publish-date',
    'publication_date', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date',
    'date', 'article.published', 'article:published', 'citation_publication_date', 'citation_date', 'originalpublicationdate',
  ],
  siteName: ['og:site_name', 'application-name', 'publisher', 'dc.publisher'],
  url: ['og:url', 'twitter:url', 'parsely-link'],
  language: ['content-language', 'og:locale', 'dc.language', 'language', 'inlanguage'],
  modified: [
    'article:modified_time', 'og:updated_time', 'datemodified', 'modified_time', 'last-modified', 'dc.date.modified', 'dcterms.modified',
    'lastmod', 'revised',
  ],
  description: ['og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.description', 'parsely-description'],
  image: ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src', 'parsely-image-url', 'thumbnail', 'image'],
  /** Read all, in document order (every occurrence is a tag): the Open Graph article/book/video tags. */
  tags: ['article:tag', 'og:article:tag', 'book:tag', 'video:tag'],
  /** Comma-separated keywords, read when the page has no tags. */
  keywords: ['news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags', 'dc.subject'],
  /**
   * Read all, in document order: one tag for each of the page's authors. Highwire Press's tags for Google Scholar
   * ("citation_author", the older "citation_authors"; each "First Last" or "Last, First") and Dublin Core's creator, on
   * the pages of journals and preprint servers. Train part of modern-web: two such pages (one gold author the six names,
   * one the first of five).
   */
  authorLists: ['citation_author', 'citation_authors', 'dc.creator', 'dcterms.creator'],
} as const;

/**
 * Language codes ISO 639-1 withdrew in 1989, and the codes that replaced them (BCP 47's registry and
 * the CLDR alias them so): Hebrew, Indonesian, Yiddish. Java's Locale wrote the old ones until Java 17
 * (a page's `lang` made from `new Locale("he")` said "iw"), so pages still state them; as written, a
 * reader asking for "he" or "id" missed those pages.
 */
export const WITHDRAWN_LANGUAGE_CODES: ReadonlyMap<string, string> = new Map([
  ['iw', 'he'],
  ['in', 'id'],
  ['ji', 'yi'],
]);

/**
 * How the title is chosen (../title.ts). Set on the train part of modern-web (eval/split.json),
 * where the gold title is the headline the page shows: the h1 when it agrees with what the page
 * states, else the stated title without the site's name.
 */
export const TITLE_CUES = {
  /** h1 headings looked at: the first is often the logo or a menu heading, the second the headline. */
  headingsRead: 3,
  /** Characters of an h1 that can be a title (the longest gold title of the corpus has 198). */
  maxChars: 300,
  /** Share of distinct words an h1 and a stated title have in common for the h1 to be that title worded for the page. */
  minSharedWords: 0.5,
  /** The words "&" stands for, in the cue languages. */
  ampersandWords: new Set(['and', 'und', 'et', 'y', 'e', 'en']),
  /** Words around a stated title in an h1 that make a label or a source ("Title:", "(latimes.com)"), not a longer headline. */
  maxLabelWords: 2,
  /**
   * Words of the text an h1 repeats whole, below which the repeat is the heading's own ("Bye Bye", "Tora! Tora! Tora!")
   * rather than copies of it for each screen (modern-web 2834: a mobile and a desktop line-up of the headline's words
   * and a screen reader's copy, "The product development system for teams and agents", 8 words, three times).
   */
  minCopiedHeadingWords: 3,
  /** Words of a byline or a dateline around a stated title in an h1 ("Posted on July 1, 2024 by …"). */
  bylineWords: new Set(['by', 'posted', 'published', 'updated', 'written', 'von', 'par', 'por']),
  /**
   * Characters of a stated title one run of question marks in an h1 may stand for (../title.ts lostCharacters): a
   * character the page's charset lacked, or an apostrophe with the letter after it ("Beginner? Guide" for "Beginner’s
   * Guide", modern-web train 0048), up to a three-byte character written as one "?" each.
   */
  maxLostCharacters: 3,
  /**
   * Endings of a name written with a dot that are a source file's extension, not a country's domain (../title.ts
   * isHostName): "Node.js", "Next.js", "Socket.cs" name software, "harbournotes.de" a site.
   */
  sourceFileExtensions: new Set(['js', 'ts', 'py', 'rb', 'md', 'cs', 'fs', 'vb', 'kt', 'jl']),
  /** Letters of a site name below which only the name itself is read as the site (a part "Effective Go" does not name go.dev). */
  minSiteChars: 4,
  /** Words besides the site's name in a title part that names the site ("The Freedonia Group", "REI Co-op" for "REI"). */
  maxSiteExtraWords: 1,
  /** Words of a title part that is a piece of the site's name ("MDN" of "MDN Web Docs"). */
  maxSitePartWords: 3,
  /**
   * Headings of a page's chrome (echoKey form), never a title: the menu, search and navigation
   * headings that pages put in an h1 (issue 16: "Sections", "Menu", "Quicklinks"), in the languages
   * of the cue lists.
   */
  chromeHeadings: new Set([
    'menu', 'main menu', 'navigation', 'main navigation', 'sections', 'quicklinks', 'quick links', 'search', 'search results',
    'skip to content', 'skip to main content', 'home', 'homepage', 'sign in', 'log in', 'login', 'cookies', 'cookie settings',
    'your privacy', 'privacy settings', 'we value your privacy', 'your choice regarding cookies on this site', 'advertisement',
    'navigation menu', 'site navigation', 'hauptmenü', 'navigation principale', 'menú', 'suche', 'recherche', 'buscar',
    // Forum software's page labels between the forum's name and the thread's title ("Forum • View topic - Title").
    'view topic', 'view thread', 'thread', 'topic', 'forum', 'forums', 'board index', 'community',
    // WordPress's default label between the blog's name and the post's title ("Site » Blog Archive » Title").
    'blog archive', 'blog archiv', 'archives du blog', 'archivo del blog',
  ]),
  /**
   * Words of an address's last segment below which it is no headline's slug (../title.ts slugWords): "/lambda/",
   * "/cloud-stocks/", "/c/meditation-cost/" name a section or a topic, which both an h1 and a stated title may hold.
   */
  minSlugWords: 4,
  /**
   * A home page's h1 that greets the reader (echoKey form: "Willkommen!", "Welcome"): it names neither the site nor the
   * page, so the stated title stays (../title.ts chooseTitle; trafilatura-eval's anwaltniemeyer.de home page, "Willkommen!"
   * under "Anwalt Niemeyer"). In the languages of the cue lists.
   */
  greetingHeadings: new Set(['welcome', 'willkommen', 'herzlich willkommen', 'bienvenue', 'bienvenido', 'bienvenidos', 'benvenuto', 'benvenuti', 'bem vindo', 'welkom', 'hello', 'hallo']),
} as const;

/**
 * schema.org types in JSON-LD (../json-ld.ts): the types of objects that describe a page's content,
 * best first. The article or post itself, then the web page that holds it (a WordPress/Yoast graph
 * puts a WebPage node with a date before the BlogPosting that names the author), then the things
 * product, course and event pages describe (read for a description and an image, never for a byline).
 */
export const JSON_LD_TYPES = {
  content: [
    /Article|BlogPosting|Posting|Report|Story|Review|Recipe|HowTo|Question/i,
    /WebPage|Page\b/i,
    /Product|Offer|Course|Event|VideoObject|SoftwareApplication|Book|Movie|Dataset|Place|LocalBusiness|Service/i,
  ],
  /** Rank up to which an object's author or creation date are the page's: a product's brand or a book's author are not. */
  bylineRank: 1,
  /** Types that hold content types' names but are not content ("ReviewAction", "WebPageElement", "SiteNavigationElement"). */
  notContent: /Action|Element|BreadcrumbList|ListItem|SearchAction|Rating/i,
} as const;

/**
 * Microdata item types whose author is not the page's (../html/page-metadata.ts): a comment's or a review's author is
 * a reader. (Discourse marks the first post's author in its DiscussionForumPosting, every reply's in a Comment.)
 */
export const MICRODATA_NOT_BYLINE_ITEMS = /Comment|Review|Answer/i;

/** schema.org types whose name is the site's name. */
export const JSON_LD_SITE_TYPES = /Organization|WebSite|NewsMediaOrganization/i;

/**
 * Where the text of an HTML page states its date and byline when its markup does not: the
 * blocks around the headline (../metadata.ts textualMetadata). Set on the train part of modern-web.
 */
export const TEXT_METADATA = {
  /** Blocks searched for the headline (the block that echoes the title, else the first h1). */
  headlineSearchBlocks: 2_000,
  /** Blocks after the headline read for a dateline or a byline (a deck, an image and its caption come between). */
  blocksAfter: 8,
  /** Blocks before the headline read (a dateline or a category line above it). */
  blocksBefore: 3,
  /** Characters of a block that can be a dateline or a byline line. */
  maxBlockChars: 160,
  /** Words of a name written in the text ("Chengcheng Pei and Yuan Lin"). */
  maxNameWords: 8,
  /**
   * Lines of an author element whose first line is read as the name (../metadata.ts firstLine): an author box's name, its
   * role, a forum's counts of posts and likes, a biography. All 1,489 corpus pages: such elements have 2 to 9 lines; one
   * with about a hundred (a theme's header and article under an "author" class) is a region of the page, not a box.
   */
  maxAuthorLines: 12,
} as const;

/**
 * A site named as its author's: "Colin Watson's blog", "Jane Doe's homepage" (og:site_name, a title's site part). The
 * name before it is the author of a page that names no other. Train part of modern-web: one page (its gold author the
 * name), no page whose site is so named with another author.
 */
export const PERSONAL_SITE_NAME = /^(.+?)['’]s\s+(?:blog|weblog|site|web\s*site|home\s*page|notes|journal|newsletter|corner)$/iu;

/**
 * A link aggregator's byline: the story's score, then its poster's user name ("89 points by koconder on Dec 26, 2023 |
 * hide | 137 comments": Hacker News and the boards built on its layout). The name is a user name, lower-case as often as
 * not, which the shape of a name written in the text (../metadata.ts looksLikeName) refuses: the score before "by"
 * says it is the poster's. Train part of modern-web: one thread (its gold author the poster).
 */
export const SCORE_BYLINE = /^\s*\d[\d,.]*\s+points?\s+by\s+([\p{L}\p{N}_.-]+)(?=\s|$)/iu;

/**
 * An author box's biography, which starts with the author's name ("Lauren Vetter is a growth-focused marketing
 * professional…", "Jane Doe ist eine Journalistin…"): the name, then a verb of being and an article, in the cue
 * languages. Read in the elements marked as the author's (class "author", "byline") when nothing else names one: the
 * box under the story whose name sits in its own element the walk does not mark. Train part of modern-web: 17 pages
 * with such a biography in an author element, one of them (its gold author the name) with no other byline.
 */
export const AUTHOR_BIO = /^\s*(\S+(?:\s+\S+){1,3}?)\s+(?:is|was|ist|war|est|es)\s+(?:a|an|the|one|ein|eine|einer|der|die|un|une|le|la|el|una)\s/iu;

/**
 * Bylines that name no one (echoKey form): the accounts a CMS makes at installation and writes as the author of what
 * they post (WordPress "admin", Drupal/Joomla "Administrator", Joomla "Super User", "Webmaster") and Blogger's "Unknown"
 * for a profile without a name, in the cue languages, and a form's label for a name. An editorial team's name ("Redaktion", "Editorial Staff") is a
 * byline. Corpus (all 1,489 pages, main 6597bf6): such bylines on 9 sites, 2 of them modern-web training pages (one with
 * the author's name in its microdata, "Administrator" in its meta tags).
 */
export const PLACEHOLDER_BYLINES: ReadonlySet<string> = new Set([
  'admin', 'administrator', 'administrador', 'administrateur', 'amministratore', 'site admin', 'super user', 'superuser', 'webmaster',
  'unknown',
  // A template's unset value written out by its script ("name": "undefined" in JSON-LD, one training page).
  'undefined', 'null',
  // A comment form's label for the commenter's name ("Name*" in WordPress's comment-form-author).
  'name', 'your name', 'ihr name', 'dein name', 'votre nom', 'tu nombre', 'su nombre',
  // A CMS's value for a story without an author ("No Author" in a newspaper's meta author, one trafilatura-eval page), and
  // a profile's follow button inside its author element ("Follow", one trafilatura-eval page): the page names no one.
  'no author', 'follow',
  // A label of a byline or a dateline without its value (trafilatura-eval: an author box's first line "Auteurs" over the
  // names, "Datum:" / "Autor:" / "Quelle:" each in an element of its own, a government CMS's meta author "publisher").
  'author', 'authors', 'autor', 'autoren', 'autorin', 'auteur', 'auteurs', 'autore', 'autori', 'autores',
  'date', 'datum', 'fecha', 'source', 'quelle', 'fuente', 'publisher',
]);

/**
 * A dateline that says outright it is the publication's ("Published on July 18, 2025", "Published: 27/05/2024", a label
 * "Published" above "July 8, 2025"; "Veröffentlicht am", "Publié le", "Publicado el"), read anywhere on the page when
 * neither the markup, the blocks near the headline nor the URL give a date (../metadata.ts labelledDate). Train part
 * of modern-web: such a dateline on 11 pages, its date the gold's on each of the 10 with a gold date; one (a label above
 * the date, 28 blocks after the headline past a sign-in form) had no other. "Posted on" is the same label: the entry
 * footer of WordPress's starter theme Underscores ("Posted on %s", which the themes built on it keep) and of hand-made
 * blogs; "on the" may come before the date ("Posted on the 15/12/2025 at 19:00 by …"). Train part of modern-web and
 * trafilatura-eval (866 pages): one page more dated, a blog's footer, its date the gold's; no other page's date changes.
 */
export const PUBLISHED_LABEL =
  /^\s*(?:(?:first\s+)?published|posted|date\s+published|publish(?:ed)?\s+date|publication\s+date|veröffentlicht|erschienen|publié|publicado|pubblicato)(?:\s+(?:on(?:\s+the)?|am|le|el|il))?\s*:?\s*/iu;

/**
 * Words of a dateline's label that say its date is the update's, not the publication's ("Updated Dec 18, 2025", "Last
 * updated:", "Zuletzt aktualisiert", "Mis à jour le", "last post by"), matched in any case. One list for both of
 * ../metadata.ts's patterns: UPDATE_LABEL (the words before a date) and UPDATE_WORD (the words anywhere in a block: the
 * screen of the blocks read after the publication's dateline, 7ba00dc). Written as regular-expression source: no
 * character in them is special.
 */
export const UPDATE_LABEL_WORDS: readonly string[] = ['updated', 'modified', 'revised', 'aktualisiert', 'mis à jour', 'actualizado', 'last post'];

/**
 * The label of a date in a forum member's profile beside a post (../metadata.ts textualMetadata): when the member
 * joined, not when the page was written. The labels of the common forum software (phpBB "Joined:", vBulletin "Join
 * Date", XenForo "Joined", Discourse/others "Member since", "Registered"; NationStates' "Founded:") and their German,
 * French and Spanish forms; a label written at the end of the text before the date, or alone in the block before it.
 * Train part of modern-web: a profile's date near the headline was taken for the page's on two forums (NationStates,
 * a XenForo board).
 */
export const PROFILE_DATE_LABEL =
  /(?:^|[^\p{L}])(?:joined(?:\s+on)?|join\s+date|member\s+since|registered(?:\s+on|\s+since)?|founded|mitglied\s+seit|registriert(?:\s+seit)?|dabei\s+seit|beigetreten|inscrit(?:\s+le|\s+depuis)?|inscription|membre\s+depuis|miembro\s+desde|registrado(?:\s+el|\s+desde)?|se\s+unió)\s*:?\s*$/iu;

/**
 * Language tags whose numeric dates put the month first ("03/04/2024" is 4 March): US English and the
 * English of the places that write as the US does, and Filipino (CLDR's short date patterns, "M/d/yy";
 * en-CA writes both orders and is left month first, as before this was read by language). Every other
 * stated language writes the day first ("dd/MM/y", "dd.MM.yy", "d/M/yy"); a page that states none is read
 * month first. Used by ../metadata.ts numericDateOrder.
 */
export const MONTH_FIRST_LANGUAGES = /^(?:en(?:-(?:us|ca|ph|as|gu|mp|pr|um|vi))?|fil(?:-ph)?)$/i;

/**
 * Time zone abbreviations written after a time ("10:00 EST", "14:30 CET") that stand for one offset: the offset, and for
 * a zone with summer time, which of its two it is (standard or summer) and the rules it follows (DAYLIGHT_SAVING_MONTHS).
 * Source: the IANA tz database (tzdata 2025b): the abbreviations its zones use on the 15th of January, April, July and
 * October of each year 2000-2026 (`TZ=<zone> date +"%Z %z"` over every zone of tzdata.zi), kept when each is used with
 * one offset only. Left out, so their times stay as written: the ones tzdata uses with two offsets or more (CST: China's
 * +08:00, Cuba's -05:00, Central -06:00; CDT; IST: India's +05:30, Ireland's +01:00, Israel's +02:00; KST: +09:00 and
 * North Korea's +08:30 of 2015-2018; MSK: +04:00 in 2011-2014; PST: the Philippines' +08:00 besides -08:00), and four it
 * uses once that are written on the web for another zone (AST: Arabia's +03:00; BST: Bangladesh's +06:00; GST: the
 * Gulf's +04:00, tzdata's Guam; SST: Singapore's +08:00, tzdata's Samoa). Generic names without a season (ET, PT, CT)
 * give no offset either: it depends on the date. UTC, GMT and UT are read beside these, with an offset after them.
 * Matched as written (case-sensitive: the Spanish and French "est", the German "ist" are words).
 */
export const TIME_ZONE_ABBREVIATIONS: Readonly<Record<string, readonly [offset: string, rules?: DaylightSavingRules, season?: 'standard' | 'summer']>> = {
  ACDT: ['+10:30', 'au', 'summer'], ACST: ['+09:30', 'au', 'standard'], ADT: ['-03:00', 'us', 'summer'], AEDT: ['+11:00', 'au', 'summer'],
  AEST: ['+10:00', 'au', 'standard'], AKDT: ['-08:00', 'us', 'summer'], AKST: ['-09:00', 'us', 'standard'], AWDT: ['+09:00'], AWST: ['+08:00'],
  CAT: ['+02:00'], CEST: ['+02:00', 'eu', 'summer'], CET: ['+01:00', 'eu', 'standard'], ChST: ['+10:00'], EAT: ['+03:00'],
  EDT: ['-04:00', 'us', 'summer'], EEST: ['+03:00', 'eu', 'summer'], EET: ['+02:00', 'eu', 'standard'], EST: ['-05:00', 'us', 'standard'],
  HDT: ['-09:00', 'us', 'summer'], HKT: ['+08:00'], HST: ['-10:00'], IDT: ['+03:00', 'eu', 'summer'], JST: ['+09:00'],
  MDT: ['-06:00', 'us', 'summer'], MEST: ['+02:00', 'eu', 'summer'], MET: ['+01:00', 'eu', 'standard'], MSD: ['+04:00', 'eu', 'summer'],
  MST: ['-07:00', 'us', 'standard'], NDT: ['-02:30', 'us', 'summer'], NST: ['-03:30', 'us', 'standard'], NZDT: ['+13:00', 'nz', 'summer'],
  NZST: ['+12:00', 'nz', 'standard'], PDT: ['-07:00', 'us', 'summer'], PKST: ['+06:00'], PKT: ['+05:00'], SAST: ['+02:00'], WAT: ['+01:00'],
  WEST: ['+01:00', 'eu', 'summer'], WET: ['+00:00', 'eu', 'standard'], WIB: ['+07:00'], WIT: ['+09:00'], WITA: ['+08:00'],
};

export type DaylightSavingRules = 'us' | 'eu' | 'au' | 'nz';

/**
 * The months (1-12) a zone with summer time is wholly in its summer time, and wholly in its standard time, every year
 * since 1990, by its rules (tzdata's rules: North America's since 1987, April to October, since 2007 March to November;
 * the EU's since 1996, last Sunday of March to last Sunday of October, and Israel's within it; south-east Australia's,
 * October or late October to March or April; New Zealand's, October (since 2007 late September) to March or April). A
 * time written with the other season's abbreviation in such a month ("1:00 PM EST" on 9 September: US sites write EST
 * for Eastern time all year) says the wall clock, not that offset: it gets none. In the months of a change the
 * abbreviation decides.
 */
export const DAYLIGHT_SAVING_MONTHS: Readonly<Record<DaylightSavingRules, { readonly summer: readonly number[]; readonly standard: readonly number[] }>> = {
  us: { summer: [5, 6, 7, 8, 9], standard: [12, 1, 2] },
  eu: { summer: [4, 5, 6, 7, 8, 9], standard: [11, 12, 1, 2] },
  au: { summer: [11, 12, 1, 2], standard: [5, 6, 7, 8, 9] },
  nz: { summer: [11, 12, 1, 2], standard: [5, 6, 7, 8] },
};
