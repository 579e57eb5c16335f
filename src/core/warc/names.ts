/**
 * Which names are WARC files, in a module of its own: the CLI tells WARC inputs from pages
 * without loading the WARC reader (warcio, pako) for runs that have none.
 */

/** Names (file names, object keys) read as WARC files: `.warc` and `.warc.gz`. ARC files are not read. */
export const WARC_NAME = /\.warc(?:\.gz)?$/i;

export function isWarcName(name: string): boolean {
  return WARC_NAME.test(name);
}
