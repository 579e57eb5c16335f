/**
 * Renderings of a document's body: CommonMark with GFM tables and strikethrough (./markdown.ts)
 * and plain text (./text.ts). Pure and small (no Markdown library in the Lambda bundle): they read
 * only the document's segments and images.
 */
import { renderMarkdown, type Renderable, type RenderOptions } from './markdown.js';
import { renderText } from './text.js';

export { markdownPieces, renderMarkdown, type Renderable, type RenderOptions } from './markdown.js';
export { renderText } from './text.js';

/** What can be written for a document: the JSON document itself and its renderings (the CLI's --format, the stack's outputFormats). */
export const OUTPUT_FORMATS = ['json', 'markdown', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type RenderFormat = Exclude<OutputFormat, 'json'>;

/** Names accepted for each format (`md`, `txt` as their files are named). */
export const OUTPUT_FORMAT_NAMES: Readonly<Record<string, OutputFormat>> = { json: 'json', markdown: 'markdown', md: 'markdown', text: 'text', txt: 'text' };

/** Content types of the renderings as files (S3 objects). */
export const RENDER_CONTENT_TYPES: Readonly<Record<RenderFormat, string>> = { markdown: 'text/markdown; charset=utf-8', text: 'text/plain; charset=utf-8' };

/**
 * A list of format names ("json,md" or ["json", "markdown"]) as formats, in the order given,
 * each once; throws an Error naming what is not a format.
 */
export function parseOutputFormats(value: string | readonly string[]): OutputFormat[] {
  const names = typeof value === 'string' ? value.split(',') : value;
  const out: OutputFormat[] = [];
  for (const name of names.map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    const format = OUTPUT_FORMAT_NAMES[name];
    if (format === undefined) throw new Error(`unknown format "${name}": expected json, markdown (md) or text (txt)`);
    if (!out.includes(format)) out.push(format);
  }
  return out;
}

/** A document rendered in one of the rendering formats. */
export function renderAs(document: Renderable, format: RenderFormat, options: RenderOptions = {}): string {
  return format === 'markdown' ? renderMarkdown(document, options) : renderText(document, options);
}
