/**
 * Version of the cleaning logic. Bump it whenever a change alters the documents produced for
 * the same bytes: a backfill reprocesses objects whose output records an older version.
 */
export const PIPELINE_VERSION = '2.21.0';
