/**
 * WARC files: the reader (records → pages, skips and errors) and the cleaning of a whole file.
 * Pure like the rest of the core: the bytes come in as an async iterable.
 */
export { WarcReader, type WarcEntry } from './reader.js';
export type { WarcPosition } from './members.js';
export { addWarcCounts, cleanWarc, countWarcOutcome, emptyWarcCounts, warcSummaryLine, type WarcCounts, type WarcOutcome } from './clean-warc.js';
