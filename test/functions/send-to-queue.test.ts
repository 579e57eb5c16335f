/**
 * The clean function's SendMessage (src/pipeline/send-to-queue.ts, a signed POST instead of the
 * SQS client): the request a local HTTP server receives is SQS's JSON protocol, signed with
 * Signature Version 4 for the sqs service in the client's region, and a refusal is an error
 * carrying the HTTP status.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSender } from '../../src/pipeline/send-to-queue.js';

const received: Array<{ headers: IncomingMessage['headers']; body: string; method: string | undefined }> = [];
let status = 200;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({ headers: request.headers, body, method: request.method });
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(status === 200 ? '{"MessageId":"1"}' : '{"__type":"com.amazonaws.sqs#AccessDenied"}');
  });
});
let queueUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  queueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/123456789012/scrape-clean-alice`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });

describe('queueSender', () => {
  it('POSTs SendMessage in the JSON protocol, signed for sqs in the region', async () => {
    await queueSender(s3, queueUrl)('{"kind":"scrape-clean/objects","objects":[]}');
    const [request] = received;
    expect(request!.method).toBe('POST');
    expect(request!.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sqs\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(request!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(request!.body)).toEqual({ QueueUrl: queueUrl, MessageBody: '{"kind":"scrape-clean/objects","objects":[]}' });
  });

  it('rejects with the HTTP status when SQS refuses', async () => {
    status = 403;
    const error = await queueSender(s3, queueUrl)('{}').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SendMessageError', $metadata: { httpStatusCode: 403 } });
    status = 200;
  });
});
