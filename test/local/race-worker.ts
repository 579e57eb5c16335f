/**
 * One function instance of the race test (./race.test.ts), as a separate process: it runs
 * deliveries through the clean function's processObject against the local S3 server, and holds
 * every S3 request at a gate in its client's middleware stack until the test lets it through,
 * so the test decides the order in which the requests of concurrent deliveries reach S3.
 *
 * Messages (process IPC):
 *   in:  { type: 'deliver', id, input }  start a delivery (processObject input without s3/config)
 *        { type: 'grant', id }            send every request delivery `id` is holding
 *   out: { type: 'state', id, pending }  delivery `id` holds these requests and does nothing else
 *        { type: 'sent', id, request, status }  one granted request was answered
 *        { type: 'finished', id, outcome, reason?, error? }
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { localS3Client } from '../../src/local/s3-server.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { httpStatusOf } from '../../src/pipeline/failures.js';
import { processObject, type ProcessObjectInput } from '../../src/pipeline/process-object.js';

export interface GatedRequest {
  readonly command: string;
  readonly bucket: string;
  readonly key: string;
}

type Message = { type: 'deliver'; id: string; endpoint: string; cleanBucket: string; input: Omit<ProcessObjectInput, 's3' | 'config'> } | { type: 'grant'; id: string };

interface Delivery {
  readonly held: Array<{ request: GatedRequest; release: () => void }>;
  finished: boolean;
  reportScheduled: boolean;
}

const deliveries = new Map<string, Delivery>();
const send = (message: unknown) => process.send!(message);

/** Reports a delivery's state once everything it started in this turn of the event loop is held. */
function scheduleReport(id: string): void {
  const delivery = deliveries.get(id)!;
  if (delivery.reportScheduled) return;
  delivery.reportScheduled = true;
  setImmediate(() =>
    setImmediate(() => {
      delivery.reportScheduled = false;
      if (delivery.held.length > 0) send({ type: 'state', id, pending: delivery.held.map((h) => h.request) });
    }),
  );
}

function gate(client: S3Client, id: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Bucket?: string; Key?: string };
      const request = { command: context.commandName ?? 'unknown', bucket: input.Bucket ?? '', key: input.Key ?? '' };
      const delivery = deliveries.get(id)!;
      await new Promise<void>((release) => {
        delivery.held.push({ request, release });
        scheduleReport(id);
      });
      try {
        const output = await next(args);
        send({ type: 'sent', id, request, status: 200 });
        return output;
      } catch (error) {
        send({ type: 'sent', id, request, status: httpStatusOf(error) ?? 0 });
        throw error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'raceGate' },
  );
}

process.on('message', (message: Message) => {
  if (message.type === 'grant') {
    const delivery = deliveries.get(message.id)!;
    for (const held of delivery.held.splice(0)) held.release();
    return;
  }
  const { id } = message;
  deliveries.set(id, { held: [], finished: false, reportScheduled: false });
  // One client per delivery, as each Lambda instance has its own; no SDK retries (the gate would count them as requests of their own).
  const s3 = localS3Client(message.endpoint, { maxAttempts: 1 });
  gate(s3, id);
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: message.cleanBucket });
  void processObject({ ...message.input, s3, config })
    .then(
      (result) => ({ type: 'finished', id, outcome: result.outcome, reason: result.outcome === 'skipped' ? result.reason : result.outcome === 'error-record' ? result.code : undefined }),
      (caught: unknown) => {
        const error = caught as Error;
        return { type: 'finished', id, outcome: 'failed', error: `${error.name}: ${error.message}` };
      },
    )
    .then((finished) => {
      deliveries.get(id)!.finished = true;
      s3.destroy();
      send(finished);
    });
});
