/** Words of a text as Unicode word segmentation counts them (ICU: dictionary-based for CJK and Thai). */
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

export function countWords(text: string): number {
  let words = 0;
  for (const segment of WORDS.segment(text)) if (segment.isWordLike) words++;
  return words;
}
