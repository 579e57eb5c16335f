/**
 * PIPELINE_VERSION moves whenever the documents move. A backfill reprocesses only the objects whose
 * output records another version (src/pipeline/stamp.ts), so a change that alters what the same bytes
 * give without a new version leaves every earlier document stale in the clean bucket, silently.
 *
 * The test cleans a fixed set of inputs (test/core/fixtures.ts: HTML, gzip, plain text, a legacy
 * charset; and the renderers' fixture pages) with a fixed clock, renders their Markdown, adds the error
 * code and message of the inputs the core refuses and the lines of a small WARC file (WARC_FIXTURE), with the manifest and lines the
 * function writes for it, and holds the digest of it all to the one recorded for the current version in document-fingerprints.json. When the
 * documents change on purpose: bump PIPELINE_VERSION (src/core/version.ts), then record the new version's
 * digest with `UPDATE_FINGERPRINT=1 npx vitest run test/core/version-fingerprint.test.ts`. Recording
 * never replaces the digest of a version already recorded: that is the point.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clean, isCleanError, PIPELINE_VERSION } from '../../src/core/index.js';
import { cleanWarc } from '../../src/core/warc/index.js';
import { renderMarkdown } from '../../src/core/render/index.js';
import { cleanFixture, fixtures } from '../render/fixtures.js';
import { INPUTS, REFUSED_INPUTS, type Input } from './fixtures.js';
import { FIXED_NOW } from './helpers.js';
import { handRecord, httpBlock, inChunks, responseFields, segmentedRecord } from './warc/build.js';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { processWarcToEnd } from '../../src/pipeline/warc-handler.js';
import { warcOutputKeys } from '../../src/pipeline/warc-object.js';
import { memoryBucket, sdkBody } from '../functions/helpers.js';

const FINGERPRINTS = fileURLToPath(new URL('./document-fingerprints.json', import.meta.url));

interface Fingerprints {
  readonly note: string;
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * A WARC file of records as writers make them, so that a change of what WARC records give (their documents'
 * source.warc, which records are pages) moves the digest too, saved with a UTF-8 byte order mark before it: a page,
 * a page whose header ends its lines with LF alone, a segmented page with the warcinfo of a next crawl file between
 * its segments, an interim 100 Continue before a response, a record typed message/http, a response without an HTTP
 * head (HTTP/0.9), a version line padded with a space, an image, a damaged record, a WET file's conversion record, a
 * target URI with spaces, one in UTF-8 past Latin-1, a Content-Type sent twice, an empty response record, wget's log (a resource record of the crawler's own: no page), a revisit of another address's capture in the file and one of a capture not in it, a page dated after its capture, and a record gzipped after them.
 */
function warcFixture(): Uint8Array {
  const page = (topic: string) =>
    `<!doctype html><html><head><title>${topic}</title></head><body><article><h1>${topic}</h1><p>The ${topic} committee met on Tuesday evening to discuss the plans for the coming season, which the chair presented.</p></article></body></html>`;
  const url = (n: string) => `https://warc.example/${n}`;
  const long = httpBlock(page('segmented'));
  const segments = segmentedRecord(url('segmented'), 'fixture-segmented', long, [Math.floor(long.length / 2)]);
  return Buffer.concat([
    Buffer.from('\ufeff', 'utf8'),
    handRecord(responseFields(url('plain'), 'fixture-plain'), httpBlock(page('plain'))),
    handRecord(responseFields(url('lf'), 'fixture-lf'), httpBlock(page('lf'), 'text/html', '\n'), '\n'),
    segments[0]!,
    handRecord({ 'WARC-Type': 'warcinfo', 'WARC-Record-ID': '<urn:uuid:fixture-info>', 'WARC-Date': '2024-03-14T09:12:03Z' }, 'software: fixture\r\n'),
    segments[1]!,
    handRecord(responseFields(url('continue'), 'fixture-continue'), Buffer.concat([Buffer.from('HTTP/1.1 100 Continue\r\n\r\n'), httpBlock(page('continue'))])),
    handRecord(responseFields(url('typed'), 'fixture-typed', { 'Content-Type': 'message/http; msgtype=response' }), httpBlock(page('typed'))),
    handRecord(responseFields(url('headless'), 'fixture-headless'), `<!doctype html>\n<html><head><title>headless</title></head>\n\n<body><p>The page of a server that sends no head.</p></body></html>`),
    // A version line padded with a space.
    Buffer.concat([Buffer.from('WARC/1.1 '), handRecord(responseFields(url('padded'), 'fixture-padded'), httpBlock(page('padded'))).subarray('WARC/1.1'.length)]),
    handRecord(responseFields(url('image.png'), 'fixture-image'), httpBlock('PNG', 'image/png')),
    handRecord(responseFields(url('damaged'), 'fixture-damaged'), httpBlock(page('damaged')), '\r\n', 10),
    // A WET file's record: the plain text of a page.
    handRecord({ 'WARC-Type': 'conversion', 'WARC-Record-ID': '<urn:uuid:fixture-wet>', 'WARC-Target-URI': url('wet'), 'WARC-Date': '2024-03-14T09:12:03Z', 'Content-Type': 'text/plain' }, `wet\n\nThe wet committee met on Tuesday evening to discuss the plans for the coming season, which the chair presented.\n`),
    // A gzip-encoded page cut short by the crawler without a WARC-Truncated: read up to the cut, marked 'cut'.
    handRecord(
      responseFields(url('cut'), 'fixture-cut'),
      Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync(Buffer.from(page('cut'))).subarray(0, 120)]),
    ),
    // A target URI with spaces, as some crawlers write it: the document's url is percent-encoded.
    handRecord(responseFields(url('a spaced page'), 'fixture-spaced'), httpBlock(page('spaced'))),
    handRecord(responseFields(url('last'), 'fixture-last'), httpBlock(page('last'))),
    // A target URI written as an IRI in UTF-8, past Latin-1: read as written, its url percent-encoded.
    handRecord(responseFields('https://warc.example/wiki/日本語', 'fixture-iri'), httpBlock(page('iri'))),
    // A Content-Type sent twice (the last media type is the page's), and a response record of no bytes (EMPTY_INPUT).
    handRecord(responseFields(url('typed-twice'), 'fixture-typed-twice'), httpBlock(page('typed twice'), 'text/html\r\nContent-Type: text/html; charset=utf-8')),
    handRecord(responseFields(url('no-answer'), 'fixture-no-answer'), ''),
    // wget's log, a resource of text/plain at the file's end: the crawler's own record, skipped as metadata.
    handRecord({ 'WARC-Type': 'resource', 'WARC-Record-ID': '<urn:uuid:fixture-wget-log>', 'WARC-Target-URI': '<metadata://gnu.org/software/wget/warc/wget.log>', 'WARC-Date': '2024-03-14T09:12:03Z', 'Content-Type': 'text/plain' }, 'Opening WARC file ‘crawl.warc.gz’.\n\nConnecting to warc.example... connected.\n'),
    // A revisit of another address whose capture is in the file (a document of that payload), and one whose capture is not (UNRESOLVED_REVISIT).
    handRecord({ 'WARC-Type': 'revisit', 'WARC-Record-ID': '<urn:uuid:fixture-revisit>', 'WARC-Target-URI': url('plain-again'), 'WARC-Date': '2024-03-15T09:12:03Z', 'WARC-Refers-To': '<urn:uuid:fixture-plain>' }, 'HTTP/1.1 200 OK\r\n\r\n'),
    handRecord({ 'WARC-Type': 'revisit', 'WARC-Record-ID': '<urn:uuid:fixture-revisit-elsewhere>', 'WARC-Target-URI': url('elsewhere'), 'WARC-Date': '2024-03-15T09:12:03Z', 'WARC-Refers-To-Target-URI': url('earlier'), 'WARC-Refers-To-Date': '2024-03-01T09:12:03Z' }, 'HTTP/1.1 200 OK\r\n\r\n'),
    // A page dated after its capture (WARC-Date 2024-03-14): no publishedAt.
    handRecord(responseFields(url('future'), 'fixture-future'), httpBlock(page('future').replace('<h1>future</h1>', '<h1>future</h1><p>Published March 3, 2031</p>'))),
    // A record gzipped after the uncompressed ones (a writer that mixed the two layouts).
    gzipSync(handRecord(responseFields(url('gzipped'), 'fixture-gzipped'), httpBlock(page('gzipped')))),
  ]);
}

async function documentsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const documents = [
    ...INPUTS.map((input) => clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW })),
    ...fixtures().map(cleanFixture),
  ];
  for (const document of documents) hash.update(JSON.stringify(document)).update('\0').update(renderMarkdown(document)).update('\0');
  for (const input of REFUSED_INPUTS) hash.update(refusal(input)).update('\0');
  for await (const outcome of cleanWarc(inChunks(warcFixture()), { file: 'fixture.warc', clean: { now: FIXED_NOW } })) hash.update(JSON.stringify(outcome)).update('\0');
  const { manifest, lines } = await pipelineWarcOutputs(Buffer.from(warcFixture()));
  return hash.update(manifest).update('\0').update(lines).update('\0').digest('hex');
}

/**
 * What the function writes for the WARC fixture, in ranges of a few records (a mocked S3 in memory): the manifest
 * (`crawl.manifest.json`: counts, ranges) and the JSON Lines. A manifest whose format or counts change, or lines the
 * function writes otherwise than cleanWarc gives them, move the digest as a document does. The part keys' attempt,
 * a random UUID, is left out.
 */
async function pipelineWarcOutputs(file: Buffer): Promise<{ manifest: string; lines: string }> {
  const s3 = new S3Client({ region: 'eu-west-1' });
  const stored = memoryBucket(mockClient(s3), (input) => {
    const from = input.Range ? Number(/^bytes=(\d+)-$/.exec(input.Range)![1]) : 0;
    return { Body: sdkBody(file.subarray(from)), ContentLength: file.length - from, ETag: '"fixture"' };
  });
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
  await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'a/fixture.warc', settings: { maxRangeRecords: 4 }, cleanOptions: { now: FIXED_NOW } });
  const keys = warcOutputKeys('a/fixture.warc', config);
  const manifest = stored.get(keys.manifest)!.body.toString('utf8').replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl\.gz/g, '-<attempt>.jsonl.gz');
  return { manifest, lines: gunzipSync(stored.get(keys.lines)!.body).toString('utf8') };
}

/** "CODE: message" of an input the core refuses. */
function refusal(input: Input): string {
  try {
    clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { now: FIXED_NOW });
  } catch (error) {
    if (isCleanError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error(`${input.label}: cleaned, but listed among the inputs the core refuses`);
}

describe('the pipeline version', () => {
  it('names the documents it gives: the same version, the same documents of the fixed inputs', async () => {
    const recorded = JSON.parse(readFileSync(FINGERPRINTS, 'utf8')) as Fingerprints;
    const digest = await documentsDigest();
    const known = recorded.versions[PIPELINE_VERSION];
    if (process.env.UPDATE_FINGERPRINT && known === undefined) {
      const versions = { ...recorded.versions, [PIPELINE_VERSION]: digest };
      writeFileSync(FINGERPRINTS, `${JSON.stringify({ ...recorded, versions }, null, 2)}\n`);
      return;
    }
    expect(
      known,
      known === undefined
        ? `no digest recorded for pipeline version ${PIPELINE_VERSION}: record it with UPDATE_FINGERPRINT=1`
        : `the documents changed but the pipeline version is still ${PIPELINE_VERSION}: bump PIPELINE_VERSION (src/core/version.ts) so a backfill redoes the earlier documents, then record the new digest with UPDATE_FINGERPRINT=1`,
    ).toBe(digest);
  });

  it('a version recorded once keeps its digest', () => {
    const recorded = JSON.parse(readFileSync(FINGERPRINTS, 'utf8')) as Fingerprints;
    expect(Object.values(recorded.versions).every((digest) => /^[0-9a-f]{64}$/.test(digest))).toBe(true);
    expect(new Set(Object.values(recorded.versions)).size).toBe(Object.keys(recorded.versions).length);
  });
});
