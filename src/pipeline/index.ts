/**
 * The processing path of raw objects, for every caller that is not the pure core: the Lambda
 * handler (functions/clean.ts), the local pipeline, and commands that reprocess objects outside
 * of events. Import from here; the Lambda bundle imports the modules themselves.
 */
export { PIPELINE_DEFAULTS, PIPELINE_ENV, PipelineConfigError, readPipelineConfig, validatePipelineConfig, S3_CLIENT_SETTINGS, type PipelineConfig } from './config.js';
export { decodeEventKey, encodeEventKey, MalformedKeyError } from './event-keys.js';
export { isOwnOutput, MalformedNotificationError, parseNotification, parseS3Record, reasonToIgnore, type Notification, type ObjectEvent } from './events.js';
export { failureCode, isPermanent, PermanentFailure, PIPELINE_ERROR_CODES, TruncatedBodyError, type PipelineErrorCode } from './failures.js';
export { createCleanHandler, PIPELINE_METRICS, type CleanEvent, type CleanHandler, type CleanHandlerDeps } from './handler.js';
export {
  OUTPUT_CONTENT_TYPE,
  outputKeysFor,
  processObject,
  readOutputStamp,
  type ErrorRecordResult,
  type ProcessObjectInput,
  type ProcessResult,
  type SkippedResult,
  type WrittenResult,
} from './process-object.js';
export { compareSequencers, readStamp, stampMatches, stampMetadata, STAMP_METADATA, type SourceRef, type Stamp } from './stamp.js';
export { countWords } from '../core/words.js';
