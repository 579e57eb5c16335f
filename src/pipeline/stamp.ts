/**
 * The stamp: S3 object metadata on every document and error record, saying which source object
 * (bucket, key, version, ETag, event sequencer) and which pipeline version produced it. It is
 * what makes redelivery harmless: before cleaning, the function reads the stamp of the existing
 * output with a HEAD and leaves an up-to-date output alone.
 *
 * S3 sends user metadata as HTTP headers (`x-amz-meta-*`): values must be ASCII and all of them
 * together at most 2 KB. The source key is therefore percent-encoded (encodeURIComponent), and
 * left out when a very long key would not fit (the document's `source.key` always has it).
 */
import { PIPELINE_VERSION } from '../core/version.js';

export const STAMP_METADATA = {
  sourceBucket: 'source-bucket',
  /** encodeURIComponent of the source key. */
  sourceKey: 'source-key',
  sourceVersionId: 'source-version-id',
  sourceEtag: 'source-etag',
  sourceSequencer: 'source-sequencer',
  pipelineVersion: 'pipeline-version',
  /** Error records only: the error code. */
  errorCode: 'error-code',
} as const;

/** S3's limit on the total size of user metadata (keys and values, in bytes). */
export const MAX_USER_METADATA_BYTES = 2048;

export interface SourceRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
  /** Without quotes. */
  readonly etag: string | null;
  readonly sequencer: string | null;
}

export interface Stamp {
  readonly sourceBucket: string | null;
  /** null when the key did not fit in the metadata. */
  readonly sourceKey: string | null;
  readonly sourceVersionId: string | null;
  readonly sourceEtag: string | null;
  readonly sourceSequencer: string | null;
  readonly pipelineVersion: string | null;
  readonly errorCode: string | null;
}

function metadataBytes(metadata: Record<string, string>): number {
  let total = 0;
  for (const [name, value] of Object.entries(metadata)) total += Buffer.byteLength(name) + Buffer.byteLength(value);
  return total;
}

/** Metadata for an output of `source`; `errorCode` for error records. */
export function stampMetadata(source: SourceRef, errorCode?: string): Record<string, string> {
  const metadata: Record<string, string> = {
    [STAMP_METADATA.sourceBucket]: source.bucket,
    [STAMP_METADATA.pipelineVersion]: PIPELINE_VERSION,
  };
  if (source.versionId) metadata[STAMP_METADATA.sourceVersionId] = source.versionId;
  if (source.etag) metadata[STAMP_METADATA.sourceEtag] = source.etag;
  if (source.sequencer) metadata[STAMP_METADATA.sourceSequencer] = source.sequencer;
  if (errorCode) metadata[STAMP_METADATA.errorCode] = errorCode;
  const encodedKey = encodeURIComponent(source.key);
  if (metadataBytes(metadata) + STAMP_METADATA.sourceKey.length + encodedKey.length <= MAX_USER_METADATA_BYTES) {
    metadata[STAMP_METADATA.sourceKey] = encodedKey;
  }
  return metadata;
}

export function readStamp(metadata: Readonly<Record<string, string>> | undefined): Stamp {
  const get = (name: string): string | null => metadata?.[name] || null;
  let sourceKey = get(STAMP_METADATA.sourceKey);
  if (sourceKey !== null) {
    try {
      sourceKey = decodeURIComponent(sourceKey);
    } catch {
      sourceKey = null;
    }
  }
  return {
    sourceBucket: get(STAMP_METADATA.sourceBucket),
    sourceKey,
    sourceVersionId: get(STAMP_METADATA.sourceVersionId),
    sourceEtag: get(STAMP_METADATA.sourceEtag),
    sourceSequencer: get(STAMP_METADATA.sourceSequencer),
    pipelineVersion: get(STAMP_METADATA.pipelineVersion),
    errorCode: get(STAMP_METADATA.errorCode),
  };
}

/** The output was made by this pipeline version from exactly these bytes of this object. */
export function stampMatches(stamp: Stamp, source: { bucket: string; key: string; etag: string | null }): boolean {
  return (
    source.etag !== null &&
    stamp.sourceEtag === source.etag &&
    stamp.pipelineVersion === PIPELINE_VERSION &&
    (stamp.sourceBucket === null || stamp.sourceBucket === source.bucket) &&
    (stamp.sourceKey === null || stamp.sourceKey === source.key)
  );
}

/**
 * Compares two S3 event sequencers of the same key: negative when `a` is earlier. Per the S3
 * documentation, sequencers may differ in length; the shorter is left-padded with zeros and the
 * two compared as strings.
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padStart(width, '0');
  const right = b.toUpperCase().padStart(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `"abc"` → `abc`: GetObject quotes ETags, notifications do not. */
export function unquoteEtag(etag: string | null | undefined): string | null {
  if (!etag) return null;
  return etag.replace(/^"|"$/g, '') || null;
}
