/** Italian cue vocabulary (see ./types.ts for the sources): the few entries the same patterns serve. */
import type { CueWords } from './types.js';

export const IT: CueWords = {
  adLabel: [['pubblicità', 'trafilatura']],
  teaserPrefix: [['leggi anche', 'trafilatura']],
  promoHeading: [],
  prompt: [],
  copyright: [['\\btutti i diritti riservati\\b', 'UI']],
  consent: [],
  disclaimer: [],
  creditWord: [],
  credit: [],
  uiString: [],
  tagLine: [],
  datelineWords: [],
};
