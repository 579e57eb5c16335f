/**
 * The clean function's credentials (functions/credentials.ts) and the stubs that stand in for the
 * SDK modules (and warcio's pako) its bundle leaves out (functions/stubs/). The bundle itself runs end to end in
 * test/local/lambda-bundle.test.ts.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import * as realChain from '@aws-sdk/credential-provider-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { environmentCredentials, MissingCredentialsError } from '../../functions/credentials.js';
import * as chainStub from '../../functions/stubs/credential-provider-node.js';
import * as eventStreamsStub from '../../functions/stubs/event-streams.js';
import * as hashesStub from '../../functions/stubs/hashes-js.js';
import pakoStub from '../../functions/stubs/pako.js';
import { LeftOutOfBundleError } from '../../functions/stubs/left-out.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('environmentCredentials', () => {
  it("reads the execution role's credentials from the environment at each call", async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');
    const credentials = environmentCredentials();
    expect(await credentials()).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAOTHER');
    expect(await credentials()).toMatchObject({ accessKeyId: 'ASIAOTHER' });
  });

  it('fails without them, naming the variables', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const failure = environmentCredentials()();
    await expect(failure).rejects.toBeInstanceOf(MissingCredentialsError);
    await expect(failure).rejects.toThrow(/reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \(and AWS_SESSION_TOKEN\)/);
  });

  it('is what an S3 client signs with', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const s3 = new S3Client({ region: 'us-east-1', credentials: environmentCredentials() });
    expect(await s3.config.credentials()).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret' });
  });
});

describe('the stub of the default credential chain', () => {
  it('fails a client built without credentials at its first request, saying what to do', async () => {
    // Where the client's runtime config puts @aws-sdk/credential-provider-node's defaultProvider, which the bundle's alias replaces.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const s3 = new S3Client({ region: 'us-east-1', credentialDefaultProvider: chainStub.defaultProvider, maxAttempts: 1 });
    const request = s3.send(new GetObjectCommand({ Bucket: 'raw', Key: 'page.html' }));
    await expect(request).rejects.toBeInstanceOf(LeftOutOfBundleError);
    await expect(request).rejects.toThrow(/default credential chain is left out of the clean function's bundle.*environmentCredentials\(\)/);
  });

  it('judges expirations as the real module does', () => {
    const now = Date.now();
    for (const expiration of [undefined, new Date(now - 1000), new Date(now + 60_000), new Date(now + 299_000), new Date(now + 301_000), new Date(now + 3_600_000)]) {
      const credentials = { accessKeyId: 'a', secretAccessKey: 's', ...(expiration ? { expiration } : {}) };
      expect(chainStub.credentialsTreatedAsExpired(credentials), String(expiration)).toBe(realChain.credentialsTreatedAsExpired(credentials));
      expect(chainStub.credentialsWillNeedRefresh(credentials), String(expiration)).toBe(realChain.credentialsWillNeedRefresh(credentials));
    }
  });
});

describe('the stub of event streams', () => {
  it('lets the S3 client be built, with a marshaller that fails if an event stream is ever sent or read', () => {
    const s3 = new S3Client({ region: 'us-east-1', eventStreamSerdeProvider: eventStreamsStub.eventStreamSerdeProvider });
    const marshaller = (s3.config as unknown as { eventStreamMarshaller: { serialize: () => unknown; deserialize: () => unknown } }).eventStreamMarshaller;
    expect(() => marshaller.serialize()).toThrow(LeftOutOfBundleError);
    expect(() => marshaller.deserialize()).toThrow(/Event streams \(S3 SelectObjectContent\) is left out/);
    const provider = vi.fn(eventStreamsStub.eventStreamSerdeProvider);
    const config = eventStreamsStub.resolveEventStreamSerdeConfig({ eventStreamSerdeProvider: provider });
    expect(config.eventStreamMarshaller).toBe(provider.mock.results[0]?.value);
    const construct = () => new eventStreamsStub.EventStreamSerde({} as never);
    expect(construct).toThrow(LeftOutOfBundleError);
  });
});

describe('the stub of pako', () => {
  it("can be subclassed as warcio's module does when it loads, and fails when anything is inflated or deflated with it", () => {
    // warcio: `class S extends pako.Inflate { ... }` at its top level.
    class WarcioInflater extends (pakoStub.Inflate as unknown as new () => object) {}
    expect(() => new WarcioInflater()).toThrow(LeftOutOfBundleError);
    expect(() => new (pakoStub.Deflate as unknown as new () => object)()).toThrow(/pako \(warcio inflating or deflating by itself\) is left out/);
  });
});

describe("the stub of the SDK's JavaScript hashes", () => {
  it("is never reached: the S3 client's SHA-256, SHA-1 and MD5 are the node:crypto classes, not their JavaScript fallback", async () => {
    const config = new S3Client({ region: 'us-east-1' }).config as unknown as Record<'sha256' | 'sha1' | 'md5', new () => { update(data: Uint8Array): void; digest(): Promise<Uint8Array> }>;
    const names = { sha256: 'Sha256Node', sha1: 'Sha1Node', md5: 'Md5Node' } as const;
    for (const [algorithm, name] of Object.entries(names) as ['sha256' | 'sha1' | 'md5', string][]) {
      // The Node class is its fallback (Sha256Js, ...) when createHash(algorithm) failed as its module loaded.
      expect(config[algorithm].name).toBe(name);
      const hash = new config[algorithm]();
      hash.update(new TextEncoder().encode('harbour'));
      expect(Buffer.from(await hash.digest()).toString('hex')).toBe(createHash(algorithm).update('harbour').digest('hex'));
    }
  });

  it('fails with a clear error if constructed', () => {
    const construct = (stub: unknown) => () => new (stub as new () => object)();
    expect(construct(hashesStub.Sha256Js)).toThrow(LeftOutOfBundleError);
    expect(construct(hashesStub.Sha1Js)).toThrow(/Sha1Js \(the AWS SDK hashing in JavaScript\) is left out/);
    expect(construct(hashesStub.Md5Js)).toThrow(LeftOutOfBundleError);
  });
});
