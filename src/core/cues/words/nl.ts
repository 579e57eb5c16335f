/** Dutch cue vocabulary (see ./types.ts for the sources): the few entries the same patterns serve. */
import type { CueWords } from './types.js';

export const NL: CueWords = {
  adLabel: [['advertentie', 'trafilatura']],
  teaserPrefix: [['lees ook', 'trafilatura']],
  promoHeading: [],
  prompt: [],
  copyright: [],
  consent: [],
  disclaimer: [],
  creditWord: [],
  credit: [],
  uiString: [],
  tagLine: [],
  datelineWords: [],
};
