/** Italian cue vocabulary (see ./types.ts for the sources): the few entries the same patterns serve. */
import type { LanguageCueWords } from './types.js';

export const IT: LanguageCueWords = {
  adLabel: [['pubblicità', 'trafilatura']],
  teaserPrefix: [['leggi anche', 'trafilatura']],
  copyright: [['\\btutti i diritti riservati\\b', 'UI']],
};
