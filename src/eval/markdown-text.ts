/**
 * The text of a Markdown document with its markup stripped, as a CommonMark parser reads it
 * (mdast-util-from-markdown with GFM tables and strikethrough): text, code and inline code
 * values; blocks on lines of their own, table cells apart; image alts left out (images are not
 * text of the body). What `npm run eval` scores against `bodyText`: no word may be lost or
 * added by the rendering. Development only (the parser is a dev dependency).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Root } from 'mdast';

export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfmTable(), gfmStrikethrough()], mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()] });
}

/** Containers whose children are blocks, each on its own line. */
const CONTAINERS: ReadonlySet<string> = new Set(['root', 'list', 'listItem', 'blockquote', 'table']);

/** The text of an mdast node: its text, code and inline code values, breaks (and <br>) as spaces; image alts left out. */
export function mdText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value;
  if (node.type === 'break') return ' ';
  // A <br> (a line break in a GFM table cell) is a break; other HTML and images have no text.
  if (node.type === 'html') return /^<br\s*\/?>$/i.test(node.value) ? ' ' : '';
  if (node.type === 'image') return '';
  if ('children' in node) {
    const joiner = node.type === 'tableRow' ? ' ' : CONTAINERS.has(node.type) ? '\n' : '';
    return (node.children as Nodes[]).map(mdText).join(joiner);
  }
  return '';
}

/** A Markdown text with its markup stripped. */
export function markdownText(markdown: string): string {
  return mdText(parseMarkdown(markdown));
}
