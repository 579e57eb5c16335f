/**
 * Limits and vocabularies of the WARC reader (./reader.ts), each with where it comes from.
 */
export const WARC_LIMITS = {
  /**
   * Longest record block held in memory to be cleaned; a longer response or resource is streamed
   * past (a TOO_LARGE error when it is a page, skipped when it is not). 20 MiB is the pipeline's
   * MAX_OBJECT_BYTES default for a single scrape; Common Crawl cuts payloads at 1 MiB, and the
   * largest page of the development corpus is under 2 MB.
   */
  maxRecordBytes: 20 * 1024 * 1024,
  /**
   * Longest WARC record header. Headers of real crawls are under 2 KiB (Common Crawl's about 700
   * bytes); a "header" without its blank line within 64 KiB is damage, not a record.
   */
  maxHeaderBytes: 64 * 1024,
  /**
   * Most segmented pages held at once, waiting for their continuation records; one more gives the
   * oldest as it is (truncated 'segmented'). A writer splits the record that ends a file, so crawl
   * files one after another hold one at a time; a few writers into one file, a few. The bound keeps
   * memory (each at most maxRecordBytes) and the work left for the file's end small, should a file
   * mark every record a first segment with no continuation.
   */
  maxHeldSegmented: 4,
  /**
   * Payload bytes of the last pages read held for the revisit records after them (the oldest dropped first): a file
   * written with deduplication (warcprox, Browsertrix, wget --warc-dedup's files concatenated) stores a page's bytes
   * once and a revisit record for each later capture of them. 64 MiB holds the last 1,000 or more pages of a crawl
   * (Common Crawl's pages average about 50 KB; the corpus's about 60 KB), three times the largest record cleaned.
   */
  maxHeldCaptureBytes: 64 * 1024 * 1024,
  /** Longest first line looked at for `WARC/1.x` (the line is 10 bytes). */
  maxLineBytes: 32,
  /** Bytes of a response record's block looked at for an HTTP status line (reader.ts HTTP_STATUS_LINE_START): the
   *  line is about 15 ('HTTP/1.1 200 OK'); 64 leaves room for white space a writer put before it and a long protocol name. */
  statusLineBytes: 64,
  /** Bytes looked through at a time for the next `WARC/` line when resynchronising. */
  resyncWindowBytes: 256 * 1024,
  /** Bytes of a payload without a media type looked at to tell HTML. */
  sniffBytes: 1024,
  /** An untyped payload is a page when its start has one of these (the core's own sniff is wider). */
  untypedHtmlSniff: /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i,
} as const;

/** Media types of payloads cleaned as HTML (the core's own list: see HTML_CONTENT_TYPES in ../decode.ts). */
export const HTML_PAYLOAD_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];
/**
 * WARC Content-Types of a response record's block that is an HTTP message (its head, then the payload): the WARC
 * standard's `application/http`, and `message/http`, which RFC 2616 (19.1) defines beside it (msgtype=response).
 */
export const HTTP_MESSAGE_TYPES: readonly string[] = ['application/http', 'message/http'];
/**
 * Schemes of the target URIs of pages: a web address (http, https), an FTP one, a local file (warcit's and other
 * tools' archives of files). A response, resource or conversion record of text or HTML whose WARC-Target-URI is a URI
 * of another scheme is the crawler's own record about its crawl, not a page it captured: wget ends every file with
 * `metadata://gnu.org/software/wget/warc/wget_arguments.txt` and `…/wget.log` (resources of text/plain: its command
 * line, its log), Browsertrix writes `urn:text:<url>` (the text of a page whose response is in the file too). Such
 * records are skipped as `metadata`. A target that names no scheme (none, a bare path, a Windows path's drive letter)
 * is a page's.
 */
export const PAGE_URI_SCHEMES: readonly string[] = ['http', 'https', 'ftp', 'file'];
/** A URI's scheme (RFC 3986, 3.1), of two characters or more: "C:\\pages\\a.html" names no scheme "c". */
export const URI_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;
/** Media types of payloads cleaned as plain text. */
export const TEXT_PAYLOAD_TYPES: readonly string[] = ['text/plain'];
