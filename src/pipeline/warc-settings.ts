/**
 * Settings of the clean function's WARC processing (./warc-object.ts), apart from it so that the
 * CDK stack can read them without loading the core.
 */

export interface WarcPipelineSettings {
  readonly partsPrefix: string;
  readonly stopMarginMs: number;
  readonly segmentWaitMarginMs: number;
  readonly maxRangeRecords: number;
  readonly gzipBlockBytes: number;
  readonly maxRangeOutputBytes: number;
}

/** Settings of WARC processing, with where each value comes from. */
export const WARC_PIPELINE_DEFAULTS = {
  /**
   * Folder of the parts in the clean bucket, beside (not under) the documents, so that a copy of
   * `documents/` has only finished files. The stack expires it after a few days.
   */
  partsPrefix: 'warc-parts/',
  /**
   * A range stops when less than this is left of the invocation: the slowest page may take the
   * core's 10 s time budget, then the part is uploaded and, after the last range, every part is
   * joined (a 1 GB WARC makes about 150 MB of JSON Lines, copied in a few seconds inside a region).
   */
  stopMarginMs: 40_000,
  /**
   * A range due to stop while the reader holds the first segments of a segmented record goes on, to join them
   * with the rest, until this is left (half the stop margin: a slow page's 10 s budget, the upload and the join still fit).
   */
  segmentWaitMarginMs: 20_000,
  /**
   * Most records in one range, whatever the time left: keeps a part to tens of MB and the work
   * redone by a retried range small. A 120 s function cleans about 5,000-10,000 records of
   * Common Crawl's mix (most are requests, metadata and non-HTML, which cost nothing).
   */
  maxRangeRecords: 20_000,
  /** JSON Lines gzipped per this many bytes: a gzip member each, concatenated into one valid gzip file. */
  gzipBlockBytes: 1024 * 1024,
  /**
   * A range also stops when its gzipped lines reach this size: they are held until the range
   * ends. 64 MiB is about 16,000 documents of the dev corpus, and a small share of the function's
   * 1769 MB.
   */
  maxRangeOutputBytes: 64 * 1024 * 1024,
} as const satisfies WarcPipelineSettings;

/** Environment variable with the URL of the function's own queue, where a WARC file's next range is sent. */
export const WARC_QUEUE_URL_ENV = 'QUEUE_URL';

/**
 * Days after which the parts of WARC files are deleted from the clean bucket by a lifecycle
 * rule. A file's ranges follow one another within minutes; a chain stopped for good (its
 * continuation dead-lettered after maxReceiveCount tries) leaves parts nobody will join, and a
 * redrive within a week finds them still there.
 */
export const WARC_PARTS_EXPIRATION_DAYS = 7;
