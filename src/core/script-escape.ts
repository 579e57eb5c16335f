/**
 * Where a script's text stands in the standard's tokenizer states for script data (WHATWG HTML,
 * "script data state" to "script data double escape end state"), read chunk by chunk. Within a
 * script, `<!--` opens an escaped section and `-->` closes it; in an escaped section `<script`
 * followed by white space, `/` or `>` opens a double-escaped one, which `</script` (so followed)
 * closes and `-->` leaves for plain script data. A `</script>` met while double-escaped does not
 * end the script for the standard; htmlparser2 ends it at the first one. parse.ts asks this only
 * of a script that opens `<!--` and then holds `<script` somewhere, most of which leave the escaped
 * section (`<!-- … -->` in a string, `document.write('<script …><\/script>')` in a `<!-- //-->`
 * wrapper) before their end.
 *
 * Only the states that decide that are kept apart: the end tags of script data and of an escaped
 * section, which end the script for both parsers or are watched by parse.ts (RISKS.rawTextEndTag),
 * are read as text.
 */
const enum State {
  Data,
  DataLessThan,
  DataBang,
  DataBangDash,
  Escaped,
  EscapedDash,
  EscapedDashDash,
  EscapedLessThan,
  DoubleEscapeStart,
  DoubleEscaped,
  DoubleEscapedDash,
  DoubleEscapedDashDash,
  DoubleEscapedLessThan,
  DoubleEscapeEnd,
}

const SCRIPT = 'script';

/** ASCII white space, `/` or `>`: what ends the tag name in the double escape start and end states (CR is LF for the standard). */
function endsName(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20 || c === 0x2f || c === 0x3e;
}

function isAsciiAlpha(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

export class ScriptEscapes {
  private state = State.Data;
  /** Letters of the tag name read in the double escape start or end state that spell the start of `script`, or -1. */
  private matched = 0;

  /** Whether the text read so far ends inside a double-escaped section: a `</script>` there does not end the script. */
  get doubleEscaped(): boolean {
    return this.state >= State.DoubleEscaped;
  }

  /** Reads `text` from `from` on. */
  read(text: string, from = 0): void {
    let state = this.state;
    for (let i = from; i < text.length; ) {
      const c = text.charCodeAt(i);
      // Each case either consumes the character (i++) or moves to the state that reconsumes it.
      switch (state) {
        case State.Data: {
          // Nothing but `<` leaves script data: jump to it.
          const lt = text.indexOf('<', i);
          if (lt === -1) {
            i = text.length;
          } else {
            state = State.DataLessThan;
            i = lt + 1;
          }
          break;
        }
        case State.DataLessThan:
          if (c === 0x21) {
            state = State.DataBang;
            i++;
          } else state = State.Data;
          break;
        case State.DataBang:
          if (c === 0x2d) {
            state = State.DataBangDash;
            i++;
          } else state = State.Data;
          break;
        case State.DataBangDash:
          if (c === 0x2d) {
            state = State.EscapedDashDash;
            i++;
          } else state = State.Data;
          break;
        case State.Escaped:
        case State.EscapedDash:
        case State.EscapedDashDash:
          i++;
          if (c === 0x2d) state = state === State.Escaped ? State.EscapedDash : State.EscapedDashDash;
          else if (c === 0x3c) state = State.EscapedLessThan;
          else if (c === 0x3e && state === State.EscapedDashDash) state = State.Data;
          else state = State.Escaped;
          break;
        case State.EscapedLessThan:
          if (isAsciiAlpha(c)) {
            state = State.DoubleEscapeStart;
            this.matched = 0;
          } else if (c === 0x2f) {
            // An escaped end tag: one of script ends the script for both (or is RISKS.rawTextEndTag); any other is text.
            state = State.Escaped;
            i++;
          } else state = State.Escaped;
          break;
        case State.DoubleEscapeStart:
        case State.DoubleEscapeEnd:
          if (isAsciiAlpha(c)) {
            this.matched = this.matched >= 0 && this.matched < SCRIPT.length && (c | 0x20) === SCRIPT.charCodeAt(this.matched) ? this.matched + 1 : -1;
            i++;
          } else if (endsName(c)) {
            const script = this.matched === SCRIPT.length;
            if (state === State.DoubleEscapeStart) state = script ? State.DoubleEscaped : State.Escaped;
            else state = script ? State.Escaped : State.DoubleEscaped;
            i++;
          } else state = state === State.DoubleEscapeStart ? State.Escaped : State.DoubleEscaped;
          break;
        case State.DoubleEscaped:
        case State.DoubleEscapedDash:
        case State.DoubleEscapedDashDash:
          i++;
          if (c === 0x2d) state = state === State.DoubleEscaped ? State.DoubleEscapedDash : State.DoubleEscapedDashDash;
          else if (c === 0x3c) state = State.DoubleEscapedLessThan;
          else if (c === 0x3e && state === State.DoubleEscapedDashDash) state = State.Data;
          else state = State.DoubleEscaped;
          break;
        case State.DoubleEscapedLessThan:
          if (c === 0x2f) {
            state = State.DoubleEscapeEnd;
            this.matched = 0;
            i++;
          } else state = State.DoubleEscaped;
          break;
      }
    }
    this.state = state;
  }
}
