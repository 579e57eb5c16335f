/**
 * Textual cues by class and language (English, German, French, Spanish; some Italian and
 * Dutch where the same pattern serves). Each pattern is anchored or bounded and has no nested
 * quantifiers, so no input can make it backtrack catastrophically (see the adversarial tests).
 *
 * Sources: SEGMENTS.md's examples; the ad/paywall/consent vocabularies of trafilatura's
 * settings and jusText's stoplists; the IAB/Didomi/OneTrust consent banners' standard wording;
 * news agencies' credit formats (AP, Reuters, AFP, dpa, Getty); and the failures of
 * `npm run eval` on the dev corpus (noted "corpus").
 */

/** Whole-block ad-slot labels: the block is nothing but the label. */
export const AD_LABEL = new RegExp(
  '^[\\s*•·|–—-]*(?:' +
    [
      'advertisement', 'advertising', 'advertisements', 'ad', 'ads', 'sponsored', 'sponsored content', 'sponsored links?',
      'paid (?:content|post|partnership)', 'promoted(?: content| stories)?', 'partner content', 'promotion',
      'article continues (?:after|below) (?:this )?(?:advertisement|ad)', 'story continues below(?: advertisement)?',
      'continue reading (?:below|after)(?: the ad(?:vertisement)?)?', 'scroll to continue(?: with content)?',
      'anzeige', 'werbung', 'sponsored by', 'gesponsert', 'weiter nach der anzeige', 'artikel wird nach der anzeige fortgesetzt',
      'publicité', 'publicite', 'annonce', 'contenu sponsorisé', 'la suite après (?:cette )?(?:publicité|la publicité)',
      'publicidad', 'anuncio', 'contenido patrocinado', 'patrocinado', 'pubblicità', 'advertentie',
    ].join('|') +
    ')[\\s.:!…*•·|–—-]*$',
  'i',
);

/** Ad-slot placeholders named by their IAB size ("Main Header Ad 468x60", "300x250"). */
export const AD_SLOT_SIZE = /^.{0,40}\b(?:120|160|234|250|300|320|336|468|728|970|980)\s?[x×]\s?(?:50|60|90|100|250|280|600)\b.{0,40}$/i;

/** Teaser prefixes: "READ: …", "Related: …", "Lesen Sie auch: …". */
export const TEASER_PREFIX = new RegExp(
  '^(?:' +
    [
      'read(?: more| also| next)?', 'related(?: stories| articles| coverage| content| news)?', 'see also', 'more(?: on| from| about)? [^:]{1,40}',
      'also read', 'recommended(?: for you)?', 'don\'t miss', 'must read', 'watch(?: now)?', 'listen', 'trending',
      'lesen sie (?:auch|mehr|hier)', 'auch interessant', 'mehr zum thema', 'das könnte sie (?:auch )?interessieren', 'weiterlesen', 'zum thema',
      'lire (?:aussi|également|la suite)', 'à lire (?:aussi|également)', 'a lire aussi', 'voir aussi', 'sur le même sujet',
      'lea también', 'leer más', 'te puede interesar', 'le puede interesar', 'también te puede interesar', 'ver también', 'más información',
      'leggi anche', 'lees ook',
    ].join('|') +
    ')\\s*[:|>»–—-]\\s*\\S',
  'i',
);

/** Section labels of promotional link lists: the block is only the label. */
export const PROMO_HEADING = new RegExp(
  '^(?:' +
    [
      'featured(?: stories| articles| videos?| content)?', 'related(?: stories| articles| coverage| content| posts| news| topics)?',
      'more(?: stories| news| articles| videos| from [^.!?]{1,40})?', 'more [^.!?]{1,40} (?:stories|articles|news|videos)', 'now on [^.!?]{1,40}', 'recommended(?: for you| stories| reading| articles)?',
      'you (?:may|might) (?:also )?like', 'you may have missed', 'trending(?: now| stories)?', 'most (?:read|popular|viewed|shared)',
      'popular(?: stories| posts| now)?', 'latest(?: news| stories| posts| articles)?', 'top stories', 'editor\'?s? picks?',
      'read next', 'up next', 'what to read next', 'don\'t miss', 'around the web', 'from our partners', 'from the web',
      'recent posts', 'in other news', 'also on [^.!?]{1,40}', 'promoted stories',
      'weitere artikel', 'mehr zum thema', 'meistgelesen', 'meistgelesene artikel', 'das könnte sie (?:auch )?interessieren', 'empfehlungen', 'top-themen',
      'neueste artikel', 'ähnliche artikel', 'verwandte artikel', 'auch interessant', 'beliebte artikel',
      'à lire aussi', 'à voir aussi', 'les plus lus', 'sur le même sujet', 'articles similaires', 'à la une', 'dernières actualités',
      'lo más leído', 'más leídas', 'te puede interesar', 'noticias relacionadas', 'artículos relacionados', 'últimas noticias',
    ].join('|') +
    ')[\\s.:!…]*$',
  'i',
);

/** Newsletter, subscription, app, follow, paywall and account prompts. */
export const PROMPT = new RegExp(
  [
    '\\b(?:subscribe|sign up|signup|register) (?:to|for|now|today|here)\\b', '\\bsubscribe\\b.{0,40}\\bnewsletter',
    '\\b(?:our|the|daily|weekly|free) newsletters?\\b', '\\bnewsletter\\b.{0,30}\\b(?:sign|subscri|inbox)', '\\byour subscription\\b',
    '\\bthanks? (?:you )?for (?:subscribing|signing up)', '\\bdelivered (?:straight )?to your inbox', '\\bin your inbox\\b',
    '\\bdownload (?:our|the) (?:free )?app\\b', '\\bget the app\\b', '\\bfollow us (?:on|at)\\b', '\\blike us on facebook',
    '\\bsubscribers? only\\b', '\\bbecome a (?:member|subscriber)\\b', '\\bunlimited (?:digital )?access\\b', '\\bsupport (?:our|independent) journalism',
    '\\balready a subscriber\\b', '\\bstart your (?:free )?trial\\b', '\\bsubscribe for\\b', '\\bsign up for\\b',
    '\\bwas this (?:email|newsletter) forwarded', '\\binvit\\w* your friends\\b',
    '\\bad[- ]?blocker\\b', '\\bad-free\\b', '\\bdownload (?:the|our) [\\w\\s]{0,30}apps?\\b',
    '\\bfollow\\b.{0,40}\\bon (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky)\\b',
    '\\bwe\'ll send you\\b', '\\broundup email\\b', '\\b(?:first-time|new) subscribers?\\b',
    '\\bsupport\\b.{0,40}\\bjournalism\\b', '\\bjoin\\b.{0,40}\\bnewsletters?\\b', '\\b(?:daily|weekly) (?:summary|digest|roundup|briefing)\\b',
    '\\bprint edition\\b', '\\be-edition\\b', '\\bsubscription today\\b',
    'newsletter (?:abonnieren|bestellen)', 'jetzt (?:abonnieren|anmelden|registrieren|testen)', '\\babonnieren sie\\b', '\\bfolgen sie uns\\b',
    'zum newsletter', 'melden sie sich (?:jetzt )?(?:für|zum)', '\\bplus-artikel\\b', 'jetzt weiterlesen', '\\bmit (?:\\w+ )?plus lesen',
    'abonnez-vous', 'inscrivez-vous', 's\'abonner', 'suivez-nous', 'recevez (?:notre|la) newsletter', 'inscrivez-vous à (?:notre|la) newsletter',
    'suscr[ií]bete', 'suscríbase', 'síguenos', 'recibe (?:nuestro|el) boletín', 'reg[ií]strate',
  ].join('|'),
  'i',
);

/** Copyright and licence lines. */
export const COPYRIGHT = new RegExp(
  [
    // Letters as a Latin range rather than \\p{L}: the 'u' flag makes this pattern ten times slower on every block.
    '(?:©|\\(c\\)|copyright)\\s*(?:©\\s*)?(?:\\d{4}|[a-z\\u00c0-\\u024f])', '\\ball rights reserved\\b', '\\bunauthori[sz]ed (?:use|reproduction|copying)\\b', '\\balle rechte vorbehalten\\b',
    '\\btous droits réservés\\b', '\\btodos los derechos reservados\\b', '\\btutti i diritti riservati\\b',
    '\\bcreative commons\\b', '\\blicensed under\\b', '\\bmay not be (?:published|reproduced|copied|redistributed)',
    '\\bnachdruck (?:nur|verboten)', '\\breproduction (?:interdite|totale ou partielle)',
  ].join('|'),
  'i',
);

/** Cookie, privacy, terms and consent text. */
export const CONSENT = new RegExp(
  [
    '\\b(?:we|this (?:site|website)) uses? cookies\\b', '\\buse of cookies\\b', '\\bcookie (?:policy|settings|preferences|notice|consent)\\b',
    '\\baccept (?:all )?cookies\\b', '\\bprivacy (?:policy|notice|statement)\\b', '\\bterms (?:of (?:use|service)|and conditions)\\b',
    '\\bby (?:providing|submitting|entering|signing up|clicking|continuing|using)\\b.{0,80}\\b(?:agree|accept|consent)',
    '\\bi (?:agree|consent) to\\b', '\\byou agree to\\b', '\\bpersonal data\\b', '\\bdata protection\\b',
    '\\bverwendet cookies\\b', '\\bverwenden cookies\\b', '\\bdatenschutz(?:erklärung|hinweise|bestimmungen)?\\b', '\\bnutzungsbedingungen\\b',
    '\\bmit der nutzung\\b.{0,60}\\beinverstanden', '\\beinwilligung\\b', '\\bagb\\b',
    '\\butilise des cookies\\b', '\\butilisons des cookies\\b', '\\bpolitique de confidentialité\\b', '\\bconditions générales\\b',
    '\\bdonnées personnelles\\b', '\\bmentions légales\\b',
    '\\butiliza(?:mos)? cookies\\b', '\\bpolítica de (?:privacidad|cookies)\\b', '\\btérminos y condiciones\\b', '\\baviso legal\\b',
    '\\bdatos personales\\b', '\\bunsubscribe at any time\\b', '\\bjederzeit (?:wieder )?abbestellen\\b', '\\bdésinscrire à tout moment\\b',
  ].join('|'),
  'i',
);

/** Site-wide disclaimers ("Views expressed are the author's own"). */
export const DISCLAIMER = new RegExp(
  [
    '\\bviews expressed\\b', '\\bopinions expressed\\b', '\\bdo(?:es)? not (?:necessarily )?reflect the (?:views|opinions)',
    '\\bnot (?:responsible|liable) for the (?:content|opinions|views|statements)', '\\badvertising disclosure\\b', '\\bmay receive (?:compensation|a commission)',
    '\\bsupported by (?:its|our) (?:audience|readers)\\b', '\\bwhen you (?:buy|purchase) (?:something )?(?:through|via) (?:links|our)', '\\bfor informational purposes only\\b', '\\bnot (?:financial|investment|legal|medical) advice\\b',
    '\\bthis (?:material|content) may not be\\b', '\\bwe may earn (?:a )?commission', '\\baffiliate links?\\b', '\\bdisclaimer\\b',
    '\\bhaftung für (?:die )?inhalte\\b', '\\bgibt die meinung\\b', '\\bles propos\\b.{0,40}\\bn\'engagent\\b',
  ].join('|'),
  'i',
);

/** Photo/video credits: "Photo: Getty Images", "Ng Han Guan/Pool via REUTERS", "(Foto: dpa)". */
export const CREDIT = new RegExp(
  [
    '^(?:photo|photos|image|images|picture|video|illustration|graphic|chart|map|foto|fotos|bild|bilder|grafik|karte|abbildung|photographie|crédit|credit|credits|imagen|gráfico|ilustración)s?(?: credit| copyright| source)?\\s*[:©]',
    '\\b(?:photo|image|picture|foto|bild|video|illustration)\\s+(?:by|credit|courtesy|copyright|©|:)', '\\bimage copyright\\b', '\\bimage caption\\b',
    '\\b(?:getty images|shutterstock|istock(?:photo)?|alamy|imago|picture alliance|picture-alliance|keystone|epa-efe|epa|afp|ap photo|reuters|dpa|efe|sipa|bloomberg|via reuters|/pool|/ap|/afp)\\b\\s*[)\\]]?\\s*\\.?\\s*$',
    '^\\(?(?:foto|bild|quelle|fuente|source|crédit photo)\\s*:', '\\(\\s*(?:foto|photo|bild|image)\\s*:\\s*[^)]{1,80}\\)\\s*$',
  ].join('|'),
  'i',
);

/** A caption sentence followed by the photographer and agency, as wire captions end ("… Jan. 30, 2024. Ng Han Guan/Pool via REUTERS"). */
export const CREDIT_TRAILER =
  /[.!?)]\s+[^.!?]{2,80}(?:\/|\bvia\b)[^.!?]{0,40}\b(?:reuters|ap|afp|getty images|epa|dpa|pool|bloomberg|xinhua|anadolu|ap photo|ansa|efe)\s*\)?$/i;

/** UI strings that are chrome whatever their container. */
export const UI_STRING = new RegExp(
  '^(?:' +
    [
      'share(?: this)?(?: (?:article|story|on \\w+))?', 'tweet', 'email', 'print', 'comments?', '\\d+ comments?', 'reply', 'log ?in', 'sign ?in',
      'log ?out', 'sign ?out', 'register', 'search', 'menu', 'close', 'open', 'back to top', 'top', 'skip to (?:main )?content', 'next', 'previous',
      'prev', 'home', 'more', 'load more', 'show more', 'read more', 'continue reading', 'loading', 'loading\\.\\.\\.', 'toggle navigation',
      'teilen', 'drucken', 'kommentare?', 'anmelden', 'abmelden', 'suche', 'suchen', 'schließen', 'weiter', 'zurück', 'mehr', 'nach oben',
      'partager', 'imprimer', 'commentaires?', 'connexion', 'rechercher', 'fermer', 'suivant', 'précédent', 'lire la suite',
      'compartir', 'imprimir', 'comentarios?', 'buscar', 'cerrar', 'siguiente', 'anterior', 'leer más', 'iniciar sesión',
    ].join('|') +
    ')[\\s.:!…»›>]*$',
  'i',
);

/** Share-button and link-hint labels ("Click to share on Facebook (Opens in new window)", "View this post on Instagram"). */
export const SHARE_LABEL = /^(?:click to |)(?:share|tweet|pin|email|post) (?:on|via|this|to)\b.{0,60}$|\bopens in (?:a )?new (?:window|tab)\)?$|^view this post on \w+$/i;

/** A "By Jane Doe" line. A word connector ("and", "y", "et") stands between spaces: were it allowed to touch the
 *  names, "A.yA.yA.y…" could be split in polynomially many ways (seconds on 300 characters; see the adversarial tests). */
export const BYLINE = /^(?:by|von|par|por|di|door)\s+[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,5}(?:(?:\s*[,&]\s*|\s+(?:and|und|et|y)\s+)[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}){0,3}\s*(?:[|,·•–—-].{0,60})?$/u;

/** Sentence-ending punctuation, for "is this prose?" (Latin, CJK, Arabic, Devanagari full stops). */
export const SENTENCE_END = /[.!?。！？؟।]["'”’»)\]]?(?:\s|$)/g;

/** "TAGS: a, b, c" / "Filed under: …" lines: tag lists are chrome. */
export const TAG_LINE = /^(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords|schlagw(?:ö|oe)rter|schlagworte|themen|mots[- ]clés|étiquettes|etiquetas|temas)\s*:/i;

/** A dateline: a short line that is mostly a date or time, possibly with separators ("/ 01:49 PM February 19, 2024"). */
export const DATELINE_HINT = /\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b/;

/**
 * Words that, with digits and punctuation, make up a date, time, reading-time or view-count
 * line ("Dienstag, 6. Mai 2014 um 19:49 Uhr", "5 min read", "Updated 3:59 PM"): such a line
 * is page metadata, not content. Month and weekday names in full and abbreviated (en, de, fr, es).
 */
export const DATELINE_WORDS: ReadonlySet<string> = new Set([
  // months
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'januar', 'jänner', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'mär', 'okt', 'dez',
  'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'janv', 'févr', 'avr', 'juil', 'déc',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre', 'ene', 'abr', 'ago', 'dic',
  // weekdays
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  // connectives and labels of datelines
  'am', 'pm', 'a', 'm', 'p', 'uhr', 'um', 'at', 'on', 'the', 'of', 'le', 'à', 'el', 'de', 'del', 'a las', 'h', 'gmt', 'utc', 'cet', 'cest', 'mez', 'mesz', 'est', 'edt', 'pst', 'pdt', 'bst', 'et', 'pt',
  'posted', 'published', 'updated', 'last', 'modified', 'date', 'created', 'erstellt', 'veröffentlicht', 'aktualisiert', 'zuletzt', 'stand', 'datum',
  'publié', 'mis', 'jour', 'publicado', 'actualizado', 'fecha', 'ago', 'vor', 'hours', 'hour', 'stunden', 'heures', 'horas',
]);

/** Something that makes a line a date or time: a clock time, a numeric date, or a month or weekday name. */
export const DATE_SHAPE = /\d{1,2}:\d{2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.?\s+\p{L}{3,}\.?\s+\d{4}\b|\b\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}\b/u;

/** Reading-time lines ("5 min read", "Lesezeit: 3 Minuten"). */
export const READING_TIME = /^(?:\d{1,3}\s*(?:min|mins|minutes?|minuten)\.?\s*(?:read|lesezeit|de lecture|de lectura)|(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d{1,3}\s*(?:min|mins|minutes?|minuten)\.?)$/i;
