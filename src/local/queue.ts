/**
 * An in-process queue with the semantics of an SQS standard queue and its redrive policy, as far
 * as the function can tell:
 *
 * - a received message becomes invisible for the visibility timeout and gets a new receipt
 *   handle; it is gone only when deleted with its current handle, otherwise it is received again
 *   once the timeout expires;
 * - ApproximateReceiveCount counts the receives; a message already received maxReceiveCount
 *   times is moved to the dead-letter list instead of being received again (SQS's redrive);
 * - bodies, message ids, MD5 of the body and the attributes Lambda passes on are SQS's.
 *
 * Not modelled: delivery delays, message groups (FIFO), retention periods, at-least-once
 * duplicates (the handler's idempotency is tested on its own).
 */
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LOCAL_S3 } from '../pipeline/contract.js';

export interface QueueSettings {
  readonly name: string;
  /** @default 30 s in SQS; the local pipeline uses a second so retries show up quickly. */
  readonly visibilityTimeoutMs: number;
  /** Receives before a message is dead-lettered (the redrive policy's maxReceiveCount). */
  readonly maxReceiveCount: number;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly receiveCount: number;
  readonly sentTimestamp: number;
  readonly firstReceiveTimestamp: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly deadLetteredAt: number;
}

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp: number | null;
  visibleAt: number;
  receiptHandle: string | null;
}

export class LocalQueue extends EventEmitter<{ change: []; deadLetter: [DeadLetter] }> {
  readonly settings: QueueSettings;
  readonly #messages = new Map<string, StoredMessage>();
  readonly #deadLetters: DeadLetter[] = [];

  constructor(settings: QueueSettings) {
    super();
    if (settings.maxReceiveCount < 1) throw new RangeError('maxReceiveCount must be at least 1');
    this.settings = settings;
  }

  get arn(): string {
    return `arn:aws:sqs:${LOCAL_S3.region}:${LOCAL_S3.accountId}:${this.settings.name}`;
  }

  /** Messages moved to the dead-letter queue, oldest first. */
  get deadLetters(): readonly DeadLetter[] {
    return this.#deadLetters;
  }

  send(body: string, now: number = Date.now()): string {
    const messageId = randomUUID();
    this.#messages.set(messageId, {
      messageId,
      body,
      md5OfBody: createHash('md5').update(body).digest('hex'),
      sentTimestamp: now,
      receiveCount: 0,
      firstReceiveTimestamp: null,
      visibleAt: now,
      receiptHandle: null,
    });
    this.emit('change');
    return messageId;
  }

  /** Up to `max` visible messages, made invisible for the visibility timeout. */
  receive(max: number, now: number = Date.now()): ReceivedMessage[] {
    const received: ReceivedMessage[] = [];
    let changed = false;
    for (const message of this.#messages.values()) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.settings.maxReceiveCount) {
        this.#messages.delete(message.messageId);
        const letter = { messageId: message.messageId, body: message.body, receiveCount: message.receiveCount, deadLetteredAt: now };
        this.#deadLetters.push(letter);
        this.emit('deadLetter', letter);
        changed = true;
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + this.settings.visibilityTimeoutMs;
      message.receiptHandle = randomUUID();
      received.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: message.md5OfBody,
        receiveCount: message.receiveCount,
        sentTimestamp: message.sentTimestamp,
        firstReceiveTimestamp: message.firstReceiveTimestamp,
      });
      changed = true;
    }
    if (changed) this.emit('change');
    return received;
  }

  /** Deletes a message by its current receipt handle; a stale handle (received again since) deletes nothing. */
  delete(receiptHandle: string): boolean {
    for (const message of this.#messages.values()) {
      if (message.receiptHandle === receiptHandle) {
        this.#messages.delete(message.messageId);
        this.emit('change');
        return true;
      }
    }
    return false;
  }

  /** Messages a receive would return now (not counting those it would dead-letter). */
  visibleCount(now: number = Date.now()): number {
    let count = 0;
    for (const message of this.#messages.values()) if (message.visibleAt <= now) count++;
    return count;
  }

  /** When the next invisible message becomes visible, or null when none is invisible. */
  nextVisibleAt(now: number = Date.now()): number | null {
    let next: number | null = null;
    for (const message of this.#messages.values()) {
      if (message.visibleAt > now && (next === null || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }

  /** Messages still in the queue, visible or in flight (not the dead letters). */
  get size(): number {
    return this.#messages.size;
  }
}
