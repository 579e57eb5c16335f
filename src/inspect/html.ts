/**
 * HTML output in which escaping is the default: the `html` tag escapes every interpolated value
 * unless it is already `SafeHtml` (the result of another `html` call), so page text can only
 * ever reach the report as text. Attribute values in the templates are always double-quoted,
 * which `escapeHtml` makes safe (it escapes both quote characters).
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup built by `html` (or known constant markup); interpolated as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Schemes a report may link to; anything else (javascript:, data:, file:, vbscript:…) is shown as text only. */
const LINKABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The URL to put in an href, or null when the value must be shown as text only. */
export function linkableUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return LINKABLE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** A relative link to a file written next to the report: every path segment percent-encoded, so no name can become a scheme. */
export function relativeHref(path: string): string {
  return './' + path.split('/').map(encodeURIComponent).join('/');
}

/** 1234567 → "1,234,567", the same on every machine (no locale data involved). */
export function formatInt(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
