/** French cue vocabulary (see ./types.ts for the sources). */
import type { LanguageCueWords } from './types.js';

export const FR: LanguageCueWords = {
  adLabel: [['publicité', 'trafilatura'], ['publicite', 'trafilatura'], ['annonce', 'UI'], ['contenu sponsorisé', 'UI'], ['la suite après (?:cette )?(?:publicité|la publicité)', 'UI']],
  teaserPrefix: [['lire (?:aussi|également|la suite)', 'trafilatura'], ['à lire (?:aussi|également)', 'trafilatura'], ['a lire aussi', 'trafilatura'], ['voir aussi', 'UI'], ['sur le même sujet', 'UI']],
  promoHeading: [
    ['à lire aussi', 'trafilatura'], ['à voir aussi', 'UI'], ['les plus lus', 'UI'], ['sur le même sujet', 'UI'], ['articles similaires', 'UI'], ['à la une', 'UI'],
    ['dernières actualités', 'UI'],
  ],
  prompt: [
    ['abonnez-vous', 'UI'], ['inscrivez-vous', 'UI'], ["s'abonner", 'UI'], ['suivez-nous', 'UI'], ['recevez (?:notre|la) newsletter', 'UI'],
    ['inscrivez-vous à (?:notre|la) newsletter', 'UI'],
  ],
  copyright: [['\\btous droits réservés\\b', 'UI'], ['\\breproduction (?:interdite|totale ou partielle)', 'wire']],
  consent: [
    ['\\butilise des cookies\\b', 'Didomi'], ['\\butilisons des cookies\\b', 'Didomi'], ['\\bpolitique de confidentialité\\b', 'Didomi'], ['\\bconditions générales\\b', 'UI'],
    ['\\bdonnées personnelles\\b', 'Didomi'], ['\\bmentions légales\\b', 'UI'], ['\\bdésinscrire à tout moment\\b', 'UI'],
  ],
  disclaimer: [["\\bles propos\\b.{0,40}\\bn'engagent\\b", 'UI']],
  creditWord: [['photographie', 'wire'], ['crédit', 'wire']],
  credit: [['^\\(?crédit photo\\s*:', 'wire']],
  uiString: [
    ['partager', 'UI'], ['imprimer', 'UI'], ['commentaires?', 'UI'], ['connexion', 'UI'], ['rechercher', 'UI'], ['fermer', 'UI'], ['suivant', 'UI'], ['précédent', 'UI'],
    ['lire la suite', 'UI'],
  ],
  tagLine: [['mots[- ]clés', 'UI'], ['étiquettes', 'UI']],
  datelineWords: [
    ...['janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'janv', 'févr', 'avr', 'juil', 'déc',
      'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'].map((w) => [w, 'calendar'] as const),
    ...['le', 'à', 'publié', 'mis', 'jour', 'heures'].map((w) => [w, 'UI'] as const),
  ],
};
