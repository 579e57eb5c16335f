/**
 * The letters beyond ASCII that languages written in Latin single-byte encodings use (lowercase), for telling a
 * reading in the wrong Latin encoding from the right one (../decode.ts lettersOutOfAlphabet): Latvian read as
 * windows-1252 has "â ç î ò ð þ" in one text ("Prâmis atsâka kursçt pçc nedçïu"), letters of French, Icelandic
 * and Italian together, which no language writes. The sources are the languages' alphabets (their orthographies as
 * the Unicode CLDR exemplar characters list them); letters a language borrows (a name, a loanword) are few
 * in a text and within the tolerance of DECODING.maxOutOfAlphabetShare.
 */
export const LATIN_ALPHABETS: Readonly<Record<string, string>> = {
  // Written in windows-1252 / ISO-8859-1 / ISO-8859-15.
  french: 'àâæçéèêëîïôœùûüÿ',
  german: 'äöüß',
  spanish: 'áéíñóúü',
  portuguese: 'áâãàçéêíóôõú',
  italian: 'àèéìíîòóù',
  dutch: 'áéèëíïóöúü',
  danishNorwegian: 'æøåéóô',
  swedish: 'åäöé',
  finnish: 'äöåšž',
  icelandic: 'áðéíóúýþæö',
  faroese: 'áðíóúýæø',
  catalan: 'àçèéíïòóúü',
  irish: 'áéíóú',
  albanian: 'çë',
  // Written in windows-1250 / ISO-8859-2.
  czech: 'áčďéěíňóřšťúůýž',
  slovak: 'áäčďéíĺľňóôŕšťúýž',
  polish: 'ąćęłńóśźż',
  hungarian: 'áéíóöőúüű',
  croatianBosnianSlovene: 'čćđšž',
  romanian: 'ăâîşţșț',
  // windows-1254.
  turkish: 'çğıöşüâîû',
  // windows-1257 / ISO-8859-13.
  lithuanian: 'ąčęėįšųūž',
  latvian: 'āčēģīķļņšūž',
  estonian: 'äõöüšž',
};
