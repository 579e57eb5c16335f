/**
 * The conditional write protocol (src/pipeline/output-write.ts) on mocked S3: the decision
 * table, the conditions sent, and what happens when a conditional PUT loses to another writer.
 * The same protocol against the real local S3 server, with two processes and every
 * interleaving of their steps, is test/local/race.test.ts.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { decideWrite, MAX_WRITE_ROUNDS, writeOutputConditionally, WriteConflictError, type SourceRead } from '../../src/pipeline/output-write.js';
import { readStamp, stampMetadata, type SourceRef, type Stamp } from '../../src/pipeline/stamp.js';
import { CLEAN, notFound, RAW, serviceError } from './helpers.js';

const SOURCE: SourceRef = { bucket: RAW, key: 'page.html', versionId: null, etag: 'etag-b', sequencer: '0000000000000000B0' };

function stamp(overrides: Partial<SourceRef> = {}, errorCode?: string): Stamp {
  return readStamp(stampMetadata({ ...SOURCE, ...overrides }, errorCode));
}

function read(overrides: Partial<SourceRef> = {}, readCurrent = true): SourceRead {
  return { source: { ...SOURCE, ...overrides }, readCurrent };
}

const FIRST = { force: false, afterConflict: false };
const AFTER_CONFLICT = { force: false, afterConflict: true };

describe('decideWrite', () => {
  it('writes when there is no output yet', () => {
    expect(decideWrite(read(), null, null, [], FIRST)).toBe('write');
  });

  it('leaves an output made from the same bytes by this pipeline version alone, unless forced (and a forced write that lost a race does not repeat itself)', () => {
    expect(decideWrite(read(), null, stamp(), [], FIRST)).toBe('up-to-date');
    expect(decideWrite(read(), null, stamp(), [], { force: true, afterConflict: false })).toBe('write');
    expect(decideWrite(read(), null, stamp(), [], { force: true, afterConflict: true })).toBe('up-to-date');
    expect(decideWrite(read(), null, readStamp({ ...stampMetadata(SOURCE), 'pipeline-version': '0.0.1' }), [], FIRST)).toBe('write');
  });

  it('an error record is up to date only with the same code', () => {
    expect(decideWrite(read(), 'EMPTY_INPUT', stamp({}, 'EMPTY_INPUT'), [], FIRST)).toBe('up-to-date');
    expect(decideWrite(read(), 'TIME_BUDGET_EXCEEDED', stamp({}, 'EMPTY_INPUT'), [], FIRST)).toBe('write');
  });

  it('orders the outputs of one key by S3 event sequencer, its own output and the other one alike', () => {
    const later = stamp({ etag: 'etag-c', sequencer: '0000000000000000C0' });
    const earlier = stamp({ etag: 'etag-a', sequencer: '0000000000000000A0' });
    expect(decideWrite(read(), null, later, [], FIRST)).toBe('superseded');
    expect(decideWrite(read(), null, null, [later], FIRST)).toBe('superseded');
    expect(decideWrite(read({}, false), null, earlier, [earlier], AFTER_CONFLICT)).toBe('write');
    // Sequencers of different lengths compare after left-padding with zeros.
    expect(decideWrite(read({ sequencer: '0B1' }), null, stamp({ etag: 'x', sequencer: '00000A' }), [], AFTER_CONFLICT)).toBe('write');
  });

  it('a read of the current object after the outputs were looked at is at least as new as they are', () => {
    const fromListing = stamp({ etag: 'etag-a', sequencer: null });
    expect(decideWrite(read({ sequencer: null }), null, fromListing, [fromListing], FIRST)).toBe('write');
    expect(decideWrite(read(), null, fromListing, [], FIRST)).toBe('write');
  });

  it('asks the raw object when nothing else tells which is newer', () => {
    const fromListing = stamp({ etag: 'etag-a', sequencer: null });
    // A read of the event's own version (versioned bucket): the listing may have read a later one.
    expect(decideWrite(read({ versionId: 'v-b' }, false), null, fromListing, [], FIRST)).toBe('check-current');
    // The output was looked at again after a lost conditional write: it may be newer than the read.
    expect(decideWrite(read({ sequencer: null }), null, fromListing, [], AFTER_CONFLICT)).toBe('check-current');
    // Two deliveries of one event on an unversioned key read different bytes at different moments.
    expect(decideWrite(read({}, true), null, stamp({ etag: 'etag-c' }), [], AFTER_CONFLICT)).toBe('check-current');
  });

  it('replaces an output made from another source key (page.html and page.txt share page.json), as before', () => {
    expect(decideWrite(read(), null, stamp({ key: 'page.txt', etag: 'other', sequencer: 'FF' }), [], FIRST)).toBe('write');
  });
});

function setup() {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  return { s3, mock };
}

const OUTPUT = { bucket: CLEAN, key: 'documents/page.json', body: '{}', contentType: 'application/json', metadata: stampMetadata(SOURCE), errorCode: null };

describe('writeOutputConditionally', () => {
  it('creates an output only if there is none (If-None-Match: *), and replaces one only as it was seen (If-Match)', async () => {
    const { s3, mock } = setup();
    mock.on(PutObjectCommand).resolves({});
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).resolves.toMatchObject({ outcome: 'written', conflicts: 0 });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json', IfNoneMatch: '*' });
    mock.resetHistory();
    const head = { etag: '"seen"', stamp: stamp({ etag: 'etag-a', sequencer: '0000000000000000A0' }) };
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head })).resolves.toMatchObject({ outcome: 'written', replaced: head });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { IfMatch: '"seen"' });
    expect(mock.commandCalls(PutObjectCommand)[0]!.args[0].input.IfNoneMatch).toBeUndefined();
  });

  it('HEADs the output itself when not given one', async () => {
    const { s3, mock } = setup();
    mock.on(HeadObjectCommand).resolves({ ETag: '"now"', Metadata: stampMetadata({ ...SOURCE, etag: 'etag-a', sequencer: '0000000000000000A0' }) });
    mock.on(PutObjectCommand).resolves({});
    await writeOutputConditionally({ s3, read: read(), output: OUTPUT });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { IfMatch: '"now"' });
  });

  it.each([
    ['412 PreconditionFailed', () => serviceError('PreconditionFailed', 412)],
    ['409 ConditionalRequestConflict', () => serviceError('ConditionalRequestConflict', 409)],
  ])('after %s, looks again: a later event wrote meanwhile, so this one stands down', async (_name, conflict) => {
    const { s3, mock } = setup();
    mock.on(PutObjectCommand).rejects(conflict());
    mock.on(HeadObjectCommand, { Bucket: CLEAN }).resolves({ ETag: '"theirs"', Metadata: stampMetadata({ ...SOURCE, etag: 'etag-c', sequencer: '0000000000000000C0' }) });
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).resolves.toEqual({ outcome: 'superseded', conflicts: 1 });
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });

  it('after a conflict with an earlier event, writes again, conditional on what it now saw', async () => {
    const { s3, mock } = setup();
    mock.on(PutObjectCommand).rejectsOnce(serviceError('PreconditionFailed', 412)).resolves({});
    mock.on(HeadObjectCommand, { Bucket: CLEAN }).resolves({ ETag: '"earlier"', Metadata: stampMetadata({ ...SOURCE, etag: 'etag-a', sequencer: '0000000000000000A0' }) });
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).resolves.toMatchObject({ outcome: 'written', conflicts: 1 });
    expect(mock.commandCalls(PutObjectCommand).map((c) => [c.args[0].input.IfNoneMatch, c.args[0].input.IfMatch])).toEqual([
      ['*', undefined],
      [undefined, '"earlier"'],
    ]);
  });

  it('after a conflict with an output it cannot order, writes only while what it read is still the current object', async () => {
    for (const [current, expected] of [
      ['"etag-b"', 'written'],
      ['"etag-c"', 'superseded'],
    ] as const) {
      const { s3, mock } = setup();
      mock.on(PutObjectCommand).rejectsOnce(serviceError('PreconditionFailed', 412)).resolves({});
      // Written meanwhile by a listing (no sequencer).
      mock.on(HeadObjectCommand, { Bucket: CLEAN }).resolves({ ETag: '"listing"', Metadata: stampMetadata({ ...SOURCE, etag: 'etag-x', sequencer: null }) });
      mock.on(HeadObjectCommand, { Bucket: RAW, Key: 'page.html' }).resolves({ ETag: current });
      await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).resolves.toMatchObject({ outcome: expected });
      expect(mock).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: RAW, Key: 'page.html' });
    }
  });

  it('an absence is current while the object is still absent', async () => {
    const { s3, mock } = setup();
    mock.on(HeadObjectCommand, { Bucket: RAW }).rejects(notFound());
    mock.on(PutObjectCommand).resolves({});
    const gone: SourceRead = { source: { ...SOURCE, versionId: 'v-a' }, readCurrent: false, absent: true };
    const head = { etag: '"old"', stamp: stamp({ etag: 'etag-z', sequencer: null }) };
    await expect(writeOutputConditionally({ s3, read: gone, output: { ...OUTPUT, errorCode: 'OBJECT_NOT_FOUND' }, head })).resolves.toMatchObject({ outcome: 'written' });
  });

  it('gives up after MAX_WRITE_ROUNDS lost rounds with a transient error (the queue brings the message back)', async () => {
    const { s3, mock } = setup();
    mock.on(PutObjectCommand).rejects(serviceError('PreconditionFailed', 412));
    mock.on(HeadObjectCommand, { Bucket: CLEAN }).rejects(notFound());
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).rejects.toBeInstanceOf(WriteConflictError);
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, MAX_WRITE_ROUNDS);
  });

  it('passes other failures of the PUT on (throttling is retried by the queue, not looped on here)', async () => {
    const { s3, mock } = setup();
    mock.on(PutObjectCommand).rejects(serviceError('SlowDown', 503));
    await expect(writeOutputConditionally({ s3, read: read(), output: OUTPUT, head: null })).rejects.toMatchObject({ name: 'SlowDown' });
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });
});
