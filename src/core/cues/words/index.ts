/**
 * Every language's cue vocabulary, and the language-neutral cues: the wire agencies' credit
 * forms. ../text.ts joins them into the cue patterns.
 */
import type { CueWords, Entry, LanguageCueWords } from './types.js';
import { EN } from './en.js';
import { DE } from './de.js';
import { FR } from './fr.js';
import { ES } from './es.js';
import { IT } from './it.js';
import { NL } from './nl.js';

export const LANGUAGES: Readonly<Record<string, LanguageCueWords>> = { en: EN, de: DE, fr: FR, es: ES, it: IT, nl: NL };

/** Credit lines that end with a wire agency or picture library ("… /AP", "Getty Images."), in any language. */
export const AGENCY_CREDIT: Entry = [
  '\\b(?:getty images|shutterstock|istock(?:photo)?|alamy|imago|picture alliance|picture-alliance|keystone|epa-efe|epa|afp|ap photo|reuters|dpa|efe|sipa|bloomberg|via reuters|/pool|/ap|/afp)\\b\\s*[)\\]]?\\s*\\.?\\s*$',
  'wire',
];

/** The fragments of one kind of cue from every language, in a fixed order. */
export function fragments(kind: keyof CueWords): string[] {
  return Object.values(LANGUAGES).flatMap((words) => (words[kind] ?? []).map(([fragment]) => fragment));
}
