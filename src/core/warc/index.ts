/**
 * WARC files: the reader (records → pages, skips and errors) and the cleaning of a whole file.
 * Pure like the rest of the core: the bytes come in as an async iterable.
 */
export { WarcReader, WARC_SKIP_REASONS, type WarcEntry, type WarcReadOptions, type WarcRecordRef, type WarcSkipReason } from './reader.js';
export type { WarcPosition } from './members.js';
export { addWarcCounts, cleanWarc, countWarcOutcome, emptyWarcCounts, warcSourceOf, type CleanWarcOptions, type WarcCounts, type WarcOutcome } from './clean-warc.js';
export { WARC_LIMITS } from './limits.js';
export { isWarcName, WARC_NAME } from './names.js';
