import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { failedMessageIds, LocalEventSourceMapping, type InvocationReport } from '../../src/local/event-source-mapping.js';
import { LocalQueue } from '../../src/local/queue.js';

const settings = { name: 'q', visibilityTimeoutMs: 1000, maxReceiveCount: 3 };

describe('LocalQueue (SQS standard queue with a redrive policy)', () => {
  it('hides a received message for the visibility timeout, then delivers it again with a new handle and count', () => {
    const queue = new LocalQueue(settings);
    const id = queue.send('hello', 0);
    const [first] = queue.receive(10, 0);
    expect(first).toMatchObject({ messageId: id, body: 'hello', receiveCount: 1, firstReceiveTimestamp: 0 });
    expect(queue.receive(10, 999)).toEqual([]);
    const [second] = queue.receive(10, 1000);
    expect(second).toMatchObject({ messageId: id, receiveCount: 2, firstReceiveTimestamp: 0 });
    expect(second!.receiptHandle).not.toBe(first!.receiptHandle);
  });

  it('deletes only with the current receipt handle', () => {
    const queue = new LocalQueue(settings);
    queue.send('x', 0);
    const [first] = queue.receive(1, 0);
    const [second] = queue.receive(1, 1000);
    expect(queue.delete(first!.receiptHandle)).toBe(false);
    expect(queue.delete(second!.receiptHandle)).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('moves a message received maxReceiveCount times to the dead letters instead of delivering it again', () => {
    const queue = new LocalQueue(settings);
    const id = queue.send('poison', 0);
    for (let i = 0; i < 3; i++) expect(queue.receive(1, i * 1000)).toHaveLength(1);
    expect(queue.receive(1, 3000)).toEqual([]);
    expect(queue.deadLetters).toEqual([{ messageId: id, body: 'poison', receiveCount: 3, deadLetteredAt: 3000 }]);
    expect(queue.size).toBe(0);
  });

  it('returns at most the batch size and tells when the next message becomes visible', () => {
    const queue = new LocalQueue(settings);
    for (let i = 0; i < 5; i++) queue.send(`m${i}`, 0);
    expect(queue.receive(3, 0).map((m) => m.body)).toEqual(['m0', 'm1', 'm2']);
    expect(queue.visibleCount(0)).toBe(2);
    expect(queue.nextVisibleAt(0)).toBe(1000);
  });
});

describe('failedMessageIds (Lambda ReportBatchItemFailures rules)', () => {
  const ids = ['a', 'b', 'c'];
  it.each([
    [undefined, []],
    [null, []],
    [{ batchItemFailures: [] }, []],
    [{ batchItemFailures: [{ itemIdentifier: 'b' }] }, ['b']],
  ])('%j fails %j', (response, failed) => {
    expect(failedMessageIds(response, ids)).toEqual(new Set(failed));
  });

  it.each([
    ['an unknown id', { batchItemFailures: [{ itemIdentifier: 'zzz' }] }],
    ['an empty id', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a missing id', { batchItemFailures: [{}] }],
    ['a non-list', { batchItemFailures: 'b' }],
    ['a string response', 'ok'],
  ])('fails the whole batch for %s', (_name, response) => {
    expect(failedMessageIds(response, ids)).toBe('all');
  });
});

describe('LocalEventSourceMapping', () => {
  const mappingSettings = { batchSize: 10, batchWindowMs: 0, functionName: 'fn', timeoutMs: 1000 };

  it('deletes handled messages, redelivers reported failures, and dead-letters a message that keeps failing', async () => {
    const queue = new LocalQueue({ name: 'q', visibilityTimeoutMs: 5, maxReceiveCount: 3 });
    const deliveries = new Map<string, number>();
    const reports: InvocationReport[] = [];
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const batchItemFailures = [];
      for (const record of event.Records) {
        deliveries.set(record.body, (deliveries.get(record.body) ?? 0) + 1);
        expect(record.attributes.ApproximateReceiveCount).toBe(String(deliveries.get(record.body)));
        expect(record.eventSource).toBe('aws:sqs');
        const failsNow = record.body === 'poison' || (record.body === 'flaky' && deliveries.get('flaky') === 1);
        if (failsNow) batchItemFailures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures };
    };
    const mapping = new LocalEventSourceMapping(queue, handler, mappingSettings, (r) => reports.push(r));
    mapping.start();
    queue.send('ok');
    queue.send('flaky');
    queue.send('poison');
    await mapping.whenIdle();
    await mapping.stop();
    expect(Object.fromEntries(deliveries)).toEqual({ ok: 1, flaky: 2, poison: 3 });
    expect(queue.deadLetters.map((d) => d.body)).toEqual(['poison']);
    expect(reports[0]!.messageIds).toHaveLength(3);
  });

  it('keeps every message of a batch when the handler throws', async () => {
    const queue = new LocalQueue({ name: 'q', visibilityTimeoutMs: 5, maxReceiveCount: 2 });
    let calls = 0;
    const mapping = new LocalEventSourceMapping(queue, async () => {
      calls++;
      if (calls === 1) throw new Error('cold start failed');
    }, mappingSettings);
    mapping.start();
    queue.send('a');
    queue.send('b');
    await mapping.whenIdle();
    await mapping.stop();
    expect(calls).toBe(2);
    expect(queue.deadLetters).toEqual([]);
  });

  it('fills a batch during the batching window', async () => {
    const queue = new LocalQueue(settings);
    const sizes: number[] = [];
    const mapping = new LocalEventSourceMapping(queue, async (event) => void sizes.push(event.Records.length), { ...mappingSettings, batchSize: 4, batchWindowMs: 10_000 });
    for (let i = 0; i < 6; i++) queue.send(`m${i}`);
    mapping.start();
    // Four are visible at once: the batch is full without waiting for the window; two are left.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (sizes.length === 1) resolve();
        else setImmediate(check);
      };
      check();
    });
    await mapping.stop();
    expect(sizes).toEqual([4]);
    expect(queue.size).toBe(2);
  });
});
