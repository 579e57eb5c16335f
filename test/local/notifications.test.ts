import { describe, expect, it } from 'vitest';
import { SequencerClock, toS3Notification } from '../../src/local/notifications.js';
import { parseNotification } from '../../src/pipeline/events.js';

describe('s3rver events → S3 notifications', () => {
  const record = {
    eventName: 'ObjectCreated:Put',
    eventTime: '2024-05-01T10:00:00.000Z',
    s3: { bucket: { name: 'scrape-raw' }, object: { key: 'news/a b+c/ü 100%.html', size: 12, eTag: 'abc', sequencer: '18F2' } },
  };

  it('form-URL-encodes the raw key, as S3 does, and carries size, ETag and the given sequencer', () => {
    const notification = toS3Notification(record, { size: 12, eTag: 'abc' }, '00018F2A0000000001', 'cfg');
    expect(notification.Records).toHaveLength(1);
    expect(notification.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        configurationId: 'cfg',
        bucket: { name: 'scrape-raw', arn: 'arn:aws:s3:::scrape-raw' },
        object: { key: 'news/a+b%2Bc/%C3%BC+100%25.html', size: 12, eTag: 'abc', sequencer: '00018F2A0000000001' },
      },
    });
    const parsed = parseNotification(JSON.stringify(notification));
    expect(parsed.kind === 'records' && parsed.records[0]!.key).toBe('news/a b+c/ü 100%.html');
  });

  it('gives strictly increasing sequencers of equal length, also within one millisecond', () => {
    const clock = new SequencerClock();
    const values = [clock.next(1000), clock.next(1000), clock.next(1000), clock.next(999), clock.next(1001)];
    expect(new Set(values.map((v) => v.length))).toEqual(new Set([18]));
    expect([...values].sort()).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
  });
});
