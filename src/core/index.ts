/**
 * Public API of the core: `clean(input, options)` and its types. Nothing here knows about AWS;
 * the Lambda handler, the CLI and the local pipeline all call this. WARC files: ./warc/index.ts.
 */
export { clean } from './clean.js';
export { CleanError, isCleanError, CLEAN_ERROR_CODES, type CleanErrorCode } from './errors.js';
export { DEFAULT_CLEAN_OPTIONS, type CleanOptions } from './options.js';
export { PIPELINE_VERSION } from './version.js';
export { errorRecord, outputKeyFor } from './records.js';
export type { CleanDocument, Segment, SegmentType } from './schema.js';
export { SEGMENT_TYPES } from './segment-types.js';
