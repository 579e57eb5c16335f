/**
 * SendMessage to the function's own queue (the next range of a WARC file) without the SQS
 * client: one POST of SQS's JSON protocol (AWS JSON 1.0, target AmazonSQS.SendMessage), signed
 * with Signature Version 4 by the SDK's own signer, with the S3 client's credentials, region and
 * hash. @aws-sdk/client-sqs would add 37 KB to a bundle that must stay under 1 MB, for this one
 * call.
 *
 * A failure (a non-2xx answer, a network error) rejects with the HTTP status in `$metadata`,
 * like an SDK error: the range is then a transient failure, and SQS delivers it again.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';

/** What of an S3 client's resolved configuration the signer needs. */
interface SigningConfig {
  readonly credentials: ConstructorParameters<typeof SignatureV4>[0]['credentials'];
  readonly region: () => Promise<string>;
  readonly sha256: ConstructorParameters<typeof SignatureV4>[0]['sha256'];
}

export interface QueueRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The signed request of SendMessage of `body` to `queueUrl`. */
export async function signedSendMessage(config: SigningConfig, queueUrl: string, body: string): Promise<QueueRequest> {
  const url = new URL(queueUrl);
  const region = await config.region();
  const signer = new SignatureV4({ credentials: config.credentials, region, service: 'sqs', sha256: config.sha256 });
  const payload = JSON.stringify({ QueueUrl: queueUrl, MessageBody: body });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: '/',
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
    body: payload,
  });
  return { url: `${url.protocol}//${url.host}/`, headers: signed.headers, body: payload };
}

/** A sender of message bodies to `queueUrl`, signed as the S3 client signs. */
export function queueSender(s3: S3Client, queueUrl: string): (body: string) => Promise<void> {
  const config = s3.config as unknown as SigningConfig;
  return async (body: string) => {
    const request = await signedSendMessage(config, queueUrl, body);
    const { host: _host, ...headers } = request.headers;
    const response = await fetch(request.url, { method: 'POST', headers, body: request.body });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw Object.assign(new Error(`SQS SendMessage to ${queueUrl} failed: HTTP ${response.status} ${text.slice(0, 300)}`), {
        name: 'SendMessageError',
        $metadata: { httpStatusCode: response.status },
      });
    }
    await response.arrayBuffer();
  };
}
