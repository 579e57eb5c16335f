/**
 * The language of a text that does not declare one: by script for CJK, Cyrillic, Greek,
 * Arabic, Hebrew and Thai, by counts of the most frequent function words for Latin-script
 * languages. Returns null rather than a guess when the evidence is thin.
 */
import { LANGUAGE_DETECTION, SCRIPT_LANGUAGES, STOPWORDS } from './cues/stopwords.js';

const WORDS = /[\p{L}']+/gu;
const LETTERS = /\p{L}/gu;

const LOOKUP = new Map<string, string[]>();
for (const [language, words] of Object.entries(STOPWORDS)) {
  for (const word of words) {
    const languages = LOOKUP.get(word) ?? [];
    if (!languages.includes(language)) languages.push(language);
    LOOKUP.set(word, languages);
  }
}

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_DETECTION.sampleChars);
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters === 0) return null;
  for (const { language, pattern } of SCRIPT_LANGUAGES) {
    const count = sample.match(pattern)?.length ?? 0;
    if (count / letters >= LANGUAGE_DETECTION.minScriptShare) return language;
  }
  const hits = new Map<string, number>();
  for (const word of sample.toLowerCase().match(WORDS) ?? []) {
    const languages = LOOKUP.get(word);
    if (languages) for (const language of languages) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  const ranked = [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const [best, second] = ranked;
  if (!best || best[1] < LANGUAGE_DETECTION.minStopwordHits) return null;
  if (second && best[1] < second[1] * LANGUAGE_DETECTION.minMargin) return null;
  return best[0];
}

/**
 * The language of texts read one after the other (joined by line breaks), from as many of them as
 * the sample takes: the same answer as detectLanguage on all of them joined, without joining a
 * million blocks to read the first 20,000 characters.
 */
export function detectLanguageOf(texts: Iterable<string>): string | null {
  const parts: string[] = [];
  let length = 0;
  for (const text of texts) {
    if (length > LANGUAGE_DETECTION.sampleChars) break;
    parts.push(text);
    length += text.length + 1;
  }
  return detectLanguage(parts.join('\n'));
}
