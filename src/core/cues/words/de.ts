/** German cue vocabulary (see ./types.ts for the sources). */
import type { LanguageCueWords } from './types.js';

export const DE: LanguageCueWords = {
  adLabel: [['anzeige', 'trafilatura'], ['werbung', 'trafilatura'], ['gesponsert', 'UI'], ['weiter nach der anzeige', 'UI'], ['artikel wird nach der anzeige fortgesetzt', 'UI']],
  teaserPrefix: [
    ['lesen sie (?:auch|mehr|hier)', 'trafilatura'], ['auch interessant', 'UI'], ['mehr zum thema', 'trafilatura'], ['das könnte sie (?:auch )?interessieren', 'UI'],
    ['weiterlesen', 'trafilatura'], ['zum thema', 'UI'],
  ],
  promoHeading: [
    ['weitere artikel', 'UI'], ['mehr zum thema', 'trafilatura'], ['meistgelesen', 'UI'], ['meistgelesene artikel', 'UI'], ['das könnte sie (?:auch )?interessieren', 'UI'],
    ['empfehlungen', 'UI'], ['top-themen', 'UI'], ['neueste artikel', 'UI'], ['ähnliche artikel', 'UI'], ['verwandte artikel', 'UI'], ['auch interessant', 'UI'],
    ['beliebte artikel', 'UI'],
  ],
  prompt: [
    ['newsletter (?:abonnieren|bestellen)', 'UI'], ['jetzt (?:abonnieren|anmelden|registrieren|testen)', 'UI'], ['\\babonnieren sie\\b', 'UI'], ['\\bfolgen sie uns\\b', 'UI'],
    ['zum newsletter', 'UI'], ['melden sie sich (?:jetzt )?(?:für|zum)', 'UI'], ['\\bplus-artikel\\b', 'UI'], ['jetzt weiterlesen', 'UI'], ['\\bmit (?:\\w+ )?plus lesen', 'UI'],
  ],
  copyright: [['\\balle rechte vorbehalten\\b', 'UI'], ['\\bnachdruck (?:nur|verboten)', 'wire']],
  consent: [
    ['\\bverwendet cookies\\b', 'Cookiebot'], ['\\bverwenden cookies\\b', 'Cookiebot'], ['\\bdatenschutz(?:erklärung|hinweise|bestimmungen)?\\b', 'UI'],
    ['\\bnutzungsbedingungen\\b', 'UI'], ['\\bmit der nutzung\\b.{0,60}\\beinverstanden', 'Cookiebot'], ['\\beinwilligung\\b', 'IAB TCF'], ['\\bagb\\b', 'UI'],
    ['\\bjederzeit (?:wieder )?abbestellen\\b', 'UI'],
  ],
  disclaimer: [['\\bhaftung für (?:die )?inhalte\\b', 'UI'], ['\\bgibt die meinung\\b', 'UI']],
  creditWord: [['foto', 'wire'], ['fotos', 'wire'], ['bild', 'wire'], ['bilder', 'wire'], ['grafik', 'wire'], ['karte', 'wire'], ['abbildung', 'wire']],
  credit: [['\\b(?:foto|bild)\\s+(?:by|credit|courtesy|copyright|©|:)', 'wire'], ['^\\(?(?:foto|bild|quelle)\\s*:', 'wire'], ['\\(\\s*(?:foto|bild)\\s*:\\s*[^)]{1,80}\\)\\s*$', 'wire']],
  uiString: [
    ['teilen', 'UI'], ['drucken', 'UI'], ['kommentare?', 'UI'], ['anmelden', 'UI'], ['abmelden', 'UI'], ['suche', 'UI'], ['suchen', 'UI'], ['schließen', 'UI'],
    ['weiter', 'UI'], ['zurück', 'UI'], ['mehr', 'UI'], ['nach oben', 'UI'],
  ],
  tagLine: [['schlagw(?:ö|oe)rter', 'UI'], ['schlagworte', 'UI'], ['themen', 'UI']],
  datelineWords: [
    ...['januar', 'jänner', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'mär', 'okt', 'dez',
      'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'].map((w) => [w, 'calendar'] as const),
    ...['uhr', 'um', 'mez', 'mesz', 'erstellt', 'veröffentlicht', 'aktualisiert', 'zuletzt', 'stand', 'datum', 'vor', 'stunden'].map((w) => [w, 'UI'] as const),
  ],
};
