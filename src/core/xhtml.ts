/**
 * XHTML read as XML: a CDATA section in the page's content is text (`<p><![CDATA[Fish & chips
 * <b>]]></p>` shows "Fish & chips <b>"), where the HTML parser reads it as a bogus comment that ends
 * at the first `>`: the text is lost and `]]>` shows. Before the page goes to the HTML parser, each
 * such section becomes its escaped text; in a script or style (whose text is raw, and where the
 * XHTML habit is `//<![CDATA[ … //]]>`) and in comments it is left as it is. One pass, linear.
 */
import { replaceInPieces } from './normalize.js';

/** The next construct that matters: a CDATA section, a comment, a raw-text element's start. */
const NEXT = /<!\[CDATA\[|<!--|<(script|style)(?=[\t\n\f\r />])/gi;
const RAW_TEXT_END: Readonly<Record<string, RegExp>> = { script: /<\/script[\t\n\f\r />]/gi, style: /<\/style[\t\n\f\r />]/gi };
const CDATA_OPEN = '<![CDATA['.length;

function escapeText(text: string): string {
  return replaceInPieces(replaceInPieces(text, /&/g, '&amp;'), /</g, '&lt;');
}

/** The page with every CDATA section of its content made escaped text. */
export function cdataAsText(html: string): string {
  if (!html.includes('<![CDATA[')) return html;
  const parts: string[] = [];
  let copied = 0;
  NEXT.lastIndex = 0;
  for (let match = NEXT.exec(html); match; match = NEXT.exec(html)) {
    const at = match.index;
    let end: number;
    if (match[0] === '<!--') {
      const close = html.indexOf('-->', at + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (match[1] !== undefined) {
      const close = RAW_TEXT_END[match[1].toLowerCase()]!;
      close.lastIndex = at + match[0].length;
      end = close.exec(html) ? close.lastIndex : html.length;
    } else {
      const close = html.indexOf(']]>', at + CDATA_OPEN);
      end = close === -1 ? html.length : close + 3;
      parts.push(html.slice(copied, at), escapeText(html.slice(at + CDATA_OPEN, close === -1 ? html.length : close)));
      copied = end;
    }
    NEXT.lastIndex = end;
  }
  parts.push(html.slice(copied));
  return parts.join('');
}
