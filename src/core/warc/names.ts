/**
 * Which names (file names, object keys) are WARC files, in a module of its own: the CLI and the
 * clean function tell WARC inputs from pages without loading the WARC reader (warcio),
 * which they load only when a WARC comes.
 */

/** Names read as WARC files: `.warc` and `.warc.gz`. ARC files are not read. */
export const WARC_NAME = /\.warc(?:\.gz)?$/i;

export function isWarcName(name: string): boolean {
  return WARC_NAME.test(name);
}
