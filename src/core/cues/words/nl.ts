/** Dutch cue vocabulary (see ./types.ts for the sources): the few entries the same patterns serve. */
import type { LanguageCueWords } from './types.js';

export const NL: LanguageCueWords = {
  adLabel: [['advertentie', 'trafilatura']],
  teaserPrefix: [['lees ook', 'trafilatura']],
};
