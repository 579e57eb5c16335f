/**
 * Echo keys: a block's text reduced so that copies of the title or byline are found whatever their
 * case, punctuation and spacing, and a screen that tells most blocks are none before the key is built.
 */

/** What the document's metadata says, so copies of it in the page are dropped (echo keys; never the empty key). */
export interface MetadataEchoes {
  readonly titles: ReadonlySet<string>;
  readonly bylines: ReadonlySet<string>;
}

/**
 * A run of punctuation or white space (JavaScript's \s and the ranges) that is not a single space alone: a space and
 * more of them, or any other of them and the rest of its run. Replaced by one space, as every such run is: the single
 * spaces between words are no match, and a key of words and spaces needs no new string pieces (echoKey 0.62× the time
 * over trafilatura-eval's block texts). The second class is the first without the space (\s written out: tab to CR,
 * U+1680, U+FEFF; the rest of it is in the ranges).
 */
const NON_WORD_RUN = / [\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f]+|[\t-\r!-/:-@[-`{-~\u00a0-\u00bf\u1680\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\ufeff\uff01-\uff0f][\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f]*/g;

/** Text compared for copies of the title or byline: lower-cased, punctuation and spacing reduced to single spaces. */
export function echoKey(text: string): string {
  return text.toLowerCase().replace(NON_WORD_RUN, ' ').trim();
}

/** Whether echoKey turns the character into a space: NON_WORD_RUN's class (JavaScript's \s and the ranges), by code. */
function isEchoSeparator(c: number): boolean {
  return (
    c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c <= 0x7e ? (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || c >= 0x7b
      : (c >= 0xa0 && c <= 0xbf) || c === 0x1680 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || c === 0xfeff
  );
}

/** echoKeyInitial's answers besides a character code. */
export const ECHO_KEY_EMPTY = -1;
export const ECHO_KEY_INITIAL_UNKNOWN = -2;

/**
 * The first character code of `echoKey(text)` read without building the key: ECHO_KEY_EMPTY when
 * the key is empty, ECHO_KEY_INITIAL_UNKNOWN when the text's first word character is not ASCII
 * (lower-casing beyond ASCII is echoKey's to do). Separators lower-case to themselves and ASCII
 * letters lower-case alone, so the key starts with the first word character, lower-cased.
 */
export function echoKeyInitial(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEchoSeparator(c)) continue;
    if (c >= 0x80) return ECHO_KEY_INITIAL_UNKNOWN;
    return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return ECHO_KEY_EMPTY;
}

/**
 * Whether `echoKey(text)` may be one of `keys`, told by its first character alone (echoKeyInitial)
 * before the key is built: most texts begin otherwise.
 */
export function echoKeyScreen(keys: Iterable<string>): (text: string) => boolean {
  const initials = new Set<number>();
  for (const key of keys) initials.add(key === '' ? ECHO_KEY_EMPTY : key.charCodeAt(0));
  return (text) => {
    const initial = echoKeyInitial(text);
    return initial === ECHO_KEY_INITIAL_UNKNOWN || initials.has(initial);
  };
}
