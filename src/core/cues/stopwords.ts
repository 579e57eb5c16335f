/**
 * The most frequent function words of each language, for telling the language of a text that
 * does not declare one (plain-text scrapes, pages without `lang`). Lists are the top entries of
 * the Snowball project's stopword lists (snowballstem.org), trimmed to words that are frequent
 * and rarely shared between the languages listed; CJK, Cyrillic, Greek and Arabic are told by
 * their scripts instead (see SCRIPT_LANGUAGES).
 */
export const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'it', 'was', 'for', 'with', 'as', 'his', 'they', 'be', 'at', 'this', 'have', 'from', 'by', 'had', 'not', 'are', 'but', 'were', 'which', 'their', 'been', 'has', 'would', 'what', 'will', 'there', 'said'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'von', 'mit', 'sich', 'des', 'auf', 'für', 'dem', 'auch', 'es', 'wird', 'sie', 'wie', 'bei', 'oder', 'aus', 'nach', 'werden', 'noch', 'über', 'einen', 'sind', 'hat', 'wurde'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'du', 'dans', 'que', 'qui', 'pour', 'pas', 'sur', 'au', 'avec', 'ce', 'il', 'sont', 'par', 'plus', 'ne', 'mais', 'aux', 'ont', 'été', 'cette', 'nous', 'elle', 'ses', 'leur', 'comme', 'fait'],
  es: ['el', 'los', 'las', 'que', 'y', 'en', 'del', 'se', 'por', 'con', 'una', 'para', 'es', 'su', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'le', 'ya', 'fue', 'este', 'ha', 'sí', 'porque', 'esta', 'entre', 'cuando', 'muy', 'sin', 'sobre'],
  it: ['il', 'di', 'che', 'è', 'non', 'la', 'per', 'una', 'con', 'sono', 'gli', 'della', 'nel', 'alla', 'anche', 'del', 'le', 'si', 'ha', 'come', 'ma', 'dei', 'delle', 'questo', 'più', 'essere', 'nella', 'hanno', 'stato', 'tra', 'dal', 'sul', 'suo'],
  pt: ['que', 'não', 'uma', 'os', 'do', 'da', 'em', 'para', 'com', 'as', 'dos', 'se', 'na', 'por', 'mais', 'das', 'ao', 'como', 'mas', 'foi', 'ele', 'das', 'tem', 'à', 'seu', 'sua', 'ou', 'ser', 'quando', 'muito', 'há', 'nos', 'já', 'está'],
  nl: ['de', 'en', 'van', 'het', 'een', 'is', 'dat', 'op', 'te', 'zijn', 'niet', 'met', 'voor', 'er', 'maar', 'om', 'hij', 'ook', 'als', 'dan', 'aan', 'bij', 'nog', 'wordt', 'naar', 'wel', 'door', 'werd', 'uit', 'kan', 'dit', 'zo', 'heeft'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'z', 'do', 'jest', 'że', 'to', 'o', 'jak', 'ale', 'po', 'co', 'tak', 'za', 'od', 'jego', 'przez', 'już', 'tylko', 'są', 'jako', 'może', 'dla', 'tym', 'przy', 'był', 'ich', 'także', 'czy', 'oraz'],
  sv: ['och', 'att', 'det', 'som', 'en', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett', 'var', 'men', 'så', 'vi', 'sig', 'från', 'kan', 'eller', 'efter', 'när', 'hade', 'också', 'vid', 'än', 'skulle', 'sina'],
};

/** Scripts that name their language outright when they dominate the letters of a text. */
export const SCRIPT_LANGUAGES: ReadonlyArray<{ readonly language: string; readonly pattern: RegExp }> = [
  { language: 'ja', pattern: /[\u3040-\u30ff]/g }, // hiragana and katakana: Japanese even among kanji
  { language: 'ko', pattern: /[\uac00-\ud7af]/g },
  { language: 'zh', pattern: /[\u4e00-\u9fff]/g },
  { language: 'ru', pattern: /[\u0400-\u04ff]/g }, // Cyrillic: Russian is the common case; others share the script
  { language: 'el', pattern: /[\u0370-\u03ff]/g },
  { language: 'ar', pattern: /[\u0600-\u06ff]/g },
  { language: 'he', pattern: /[\u0590-\u05ff]/g },
  { language: 'th', pattern: /[\u0e00-\u0e7f]/g },
];

export const LANGUAGE_DETECTION = {
  /** Characters of body text examined (enough for a stable count; keeps long pages cheap). */
  sampleChars: 20_000,
  /** Fewest stopword hits before a Latin-script language is named. */
  minStopwordHits: 8,
  /** The winner's hits must be at least this multiple of the runner-up's. */
  minMargin: 1.5,
  /** Share of letters a script must hold to name its language. */
  minScriptShare: 0.3,
} as const;
