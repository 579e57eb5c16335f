/**
 * Renderings of a document's body: CommonMark with GFM tables (./markdown.ts) and plain text
 * (./text.ts). Pure and small (no Markdown library in the Lambda bundle): they read only the
 * document's segments and images.
 */
export { markdownPieces, renderMarkdown, type Renderable, type RenderOptions } from './markdown.js';
export { renderText } from './text.js';

/** The renderings a caller can ask for besides the JSON document, with their file extensions. */
export const RENDER_FORMATS = { markdown: '.md', text: '.txt' } as const;
export type RenderFormat = keyof typeof RENDER_FORMATS;
