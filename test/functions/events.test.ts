import { describe, expect, it } from 'vitest';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { isOwnOutput, MalformedNotificationError, parseNotification, reasonToIgnore } from '../../src/pipeline/events.js';
import { CLEAN, RAW, s3Record } from './helpers.js';

const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN });

describe('parseNotification', () => {
  it('reads every record of an S3 notification, keys decoded, ETag unquoted', () => {
    const body = JSON.stringify({ Records: [s3Record({ key: 'a b.html', eTag: 'abc', versionId: 'v2', size: 12 }), s3Record({ key: 'c.txt' })] });
    const parsed = parseNotification(body);
    expect(parsed).toEqual({
      kind: 'records',
      records: [
        { eventName: 'ObjectCreated:Put', bucket: RAW, key: 'a b.html', size: 12, etag: 'abc', versionId: 'v2', sequencer: '0055AED6DCD90281E5' },
        expect.objectContaining({ key: 'c.txt', versionId: null }),
      ],
    });
  });

  it('recognises the s3:TestEvent S3 sends when notifications are configured', () => {
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-05-01T10:00:00.000Z', Bucket: RAW, RequestId: 'R', HostId: 'H' });
    expect(parseNotification(body)).toEqual({ kind: 'test-event', bucket: RAW });
  });

  it('unwraps an SNS envelope', () => {
    const inner = JSON.stringify({ Records: [s3Record({ key: 'x.html' })] });
    const parsed = parseNotification(JSON.stringify({ Type: 'Notification', Message: inner, TopicArn: 'arn:aws:sns:us-east-1:1:t' }));
    expect(parsed.kind === 'records' && parsed.records[0]!.key).toBe('x.html');
  });

  it.each([
    ['not JSON', 'hello'],
    ['a JSON array', '[1]'],
    ['an object without Records', '{"foo":1}'],
    ['a record without a key', JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: RAW }, object: {} } }] })],
  ])('rejects %s', (_name, body) => {
    expect(() => parseNotification(body)).toThrow(MalformedNotificationError);
  });
});

describe('reasonToIgnore (recursion guard and event filter)', () => {
  const event = (bucket: string, key: string, extra: { eventName?: string; size?: number } = {}) => ({
    eventName: extra.eventName ?? 'ObjectCreated:Put',
    bucket,
    key,
    size: extra.size ?? 10,
    etag: null,
    versionId: null,
    sequencer: null,
  });

  it('processes object-created events of the raw bucket', () => {
    expect(reasonToIgnore(event(RAW, 'documents/looks-like-output.json'), config)).toBeNull();
  });

  it('ignores the clean bucket under the output and error prefixes', () => {
    expect(reasonToIgnore(event(CLEAN, 'documents/a.json'), config)).toMatch(/own output/);
    expect(reasonToIgnore(event(CLEAN, 'errors/a.error.json'), config)).toMatch(/own output/);
    expect(reasonToIgnore(event(CLEAN, 'raw/a.html'), config)).toBeNull();
  });

  it('ignores the clean bucket\'s WARC parts (a range\'s lines and marker), which are its own outputs too', () => {
    // Cleaned as pages they made junk documents under documents/warc-parts/ beside the crawl's own.
    expect(reasonToIgnore(event(CLEAN, 'warc-parts/0f3a9c1d2b4e5f60/e1/2.9.0/00001.json'), config)).toMatch(/own output/);
    expect(reasonToIgnore(event(CLEAN, 'warc-parts/0f3a9c1d2b4e5f60/e1/2.9.0/00001-5d1c.jsonl.gz'), config)).toMatch(/own output/);
    expect(reasonToIgnore(event(RAW, 'warc-parts/page.html'), config)).toBeNull();
  });

  it('treats every key of the clean bucket as its own when a prefix is empty', () => {
    expect(isOwnOutput(CLEAN, 'a.json', { ...config, errorPrefix: '' })).toBe(true);
    expect(isOwnOutput(RAW, 'a.json', { ...config, errorPrefix: '' })).toBe(false);
  });

  it('ignores removals and folder markers', () => {
    expect(reasonToIgnore(event(RAW, 'a.html', { eventName: 'ObjectRemoved:Delete' }), config)).toMatch(/not an object-created event/);
    expect(reasonToIgnore(event(RAW, 'folder/', { size: 0 }), config)).toMatch(/folder marker/);
    expect(reasonToIgnore(event(RAW, 'odd-name/', { size: 200 }), config)).toBeNull();
  });
});
