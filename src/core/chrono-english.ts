/**
 * chrono's casual English parser, with its two patterns of relative dates ("3 days ago", "2 weeks
 * later") run only on a text that has their closing word. Same results as `chrono.en.casual`.
 *
 * Why: those two patterns (a time-unit alternation repeated up to a bound) are the largest
 * regular expressions of the process: V8 took about 40 ms each to compile them to machine code,
 * the first time they ran, whatever the text (measured on Node 20 with --no-regexp-tier-up, which
 * the CLI and the function set). A cold process paid 80 ms for them with its first dateline, more
 * than for the rest of its first document, although a relative date is never a date of ours
 * (metadata.ts keeps dates whose year is written). They cannot be left out (chrono's refiners
 * combine their results with dates), but neither can match a text without its closing part.
 */
import { Chrono, en, type Parser, type ParsingContext } from 'chrono-node';

/**
 * The closing parts of chrono 2's English "ago" and "later" patterns, as written in their source
 * (ENTimeUnitAgoFormatParser, ENTimeUnitLaterFormatParser), after `\s{0,5}`. A pattern that ends
 * with one of them (and has no alternative at its top level) matches only a text where that part
 * alone matches. Another chrono version with other patterns only loses the shortcut.
 */
const CLOSING_PARTS = ['(?:ago|before|earlier)(?=\\W|$)', '(?:later|after|from now|henceforth|forward|out)(?=(?:\\W|$))'];
const BEFORE_CLOSING = '\\s{0,5}';
/** Matches nothing. */
const NEVER = /(?!)/;

/** Whether a pattern's source has a `|` outside every group (then no part of it is needed): escapes and classes dropped, then groups, innermost first. */
function hasTopLevelAlternative(source: string): boolean {
  let rest = source.replace(/\\.|\[(?:\\.|[^\]])*\]/g, '');
  for (let before = ''; before !== rest; ) [before, rest] = [rest, rest.replace(/\([^()]*\)/g, '')];
  return rest.includes('|');
}

/**
 * The closing part a pattern needs in a text (as a pattern of its own, with the pattern's flags but
 * g and y: a test from the start), or null when it needs none; by pattern object, each worked out
 * once. chrono asks every parser for its pattern for each text it reads (each parser keeps its own
 * object), and the check reads the pattern's whole source: run for every call, it was about 1.5% of
 * a corpus pass.
 */
const closingParts = new WeakMap<RegExp, RegExp | null>();
function closingPart(pattern: RegExp): RegExp | null {
  let part = closingParts.get(pattern);
  if (part === undefined) {
    const closing = CLOSING_PARTS.find((tail) => pattern.source.endsWith(BEFORE_CLOSING + tail));
    part = closing === undefined || hasTopLevelAlternative(pattern.source) ? null : new RegExp(closing, pattern.flags.replace(/[gy]/g, ''));
    closingParts.set(pattern, part);
  }
  return part;
}

function checkingClosingPart(parser: Parser): Parser {
  return {
    pattern(context: ParsingContext): RegExp {
      const pattern = parser.pattern(context);
      const closing = closingPart(pattern);
      return closing === null || closing.test(context.text) ? pattern : NEVER;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}

export const englishCasual = new Chrono({ parsers: en.casual.parsers.map(checkingClosingPart), refiners: en.casual.refiners });
