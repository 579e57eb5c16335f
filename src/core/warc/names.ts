/**
 * Which names (file names, object keys) are WARC files, in a module of its own: the CLI and the
 * clean function tell WARC inputs from pages without loading the WARC reader (warcio),
 * which they load only when a WARC comes.
 */

/**
 * Names read as WARC files: `.warc` and `.warc.gz`, and `.warc.wet` and `.warc.wet.gz`, Common Crawl's WET files
 * (WARC files of conversion records: the plain text of each page), also under the shorter `.wet` and `.wet.gz` that
 * copies of them are given (such a file was refused as a page: "a WARC file"). ARC files are not read.
 */
export const WARC_NAME = /(?:\.warc(\.wet)?|(\.wet))(?:\.gz)?$/i;

export function isWarcName(name: string): boolean {
  return WARC_NAME.test(name);
}

/**
 * The stem of a WARC file's outputs: `crawl.warc.gz` → `crawl`; a WET file keeps its `.wet`, `crawl.warc.wet.gz` →
 * `crawl.wet` (Common Crawl names a segment's WARC and WET files alike, and the two would write the same outputs);
 * `crawl.wet.gz` → `crawl.wet`.
 */
export function warcStem(name: string): string {
  return name.replace(WARC_NAME, (_whole, wet: string | undefined, shortWet: string | undefined) => wet ?? shortWet ?? '');
}
