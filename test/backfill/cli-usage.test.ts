/**
 * `scrape-clean reprocess` options and their checks, run in-process through main(); and the
 * local credentials it falls back to, which must be those the local pipeline prints.
 */
import { describe, expect, it } from 'vitest';
import { pipelineConfigFor, regionOfArn, s3ClientFor } from '../../src/cli/commands/reprocess.js';
import { LOCAL_S3 } from '../../src/pipeline/contract.js';
import { run } from '../cli/io.js';

describe('reprocess usage', () => {
  it('is listed in the help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/reprocess \[options\]/);
    const help = await run(['reprocess', '--help']);
    expect(help.out).toMatch(/--state-machine <arn>/);
    expect(help.out).toMatch(/Resumable/);
  });

  it.each([
    [['reprocess'], /--bucket <raw bucket> is required/],
    [['reprocess', '--bucket', 'raw'], /--clean-bucket is required/],
    [['reprocess', '--bucket', 'raw', '--clean-bucket', 'raw'], /raw and clean buckets are both raw/],
    [['reprocess', '--bucket', 'raw', '--manifest', 'm.json', '--clean-bucket', 'c'], /--manifest needs --state-machine/],
    [['reprocess', '--bucket', 'raw', '--concurrency', '0'], /expected a whole number from 1/],
    [['reprocess', '--bucket', 'raw', '--clean-bucket', 'c', '--output-prefix', 'x/', '--error-prefix', 'x/'], /must differ/],
  ])('%o is a usage error (exit 2)', async (args, message) => {
    const saved = process.env.CLEAN_BUCKET;
    delete process.env.CLEAN_BUCKET;
    try {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err).toMatch(message);
    } finally {
      if (saved !== undefined) process.env.CLEAN_BUCKET = saved;
    }
  });

  it('takes the clean bucket and prefixes from the environment the function uses, and the local one with --endpoint', () => {
    expect(pipelineConfigFor({ prefix: '', progress: true }, { CLEAN_BUCKET: 'env-clean', OUTPUT_PREFIX: 'docs/' })).toMatchObject({ cleanBucket: 'env-clean', outputPrefix: 'docs/', errorPrefix: 'errors/' });
    expect(pipelineConfigFor({ prefix: '', progress: true, endpoint: 'http://127.0.0.1:1' }, {})).toMatchObject({ cleanBucket: LOCAL_S3.cleanBucket });
    expect(pipelineConfigFor({ prefix: '', progress: true, cleanBucket: 'flag', outputPrefix: 'o/' }, { CLEAN_BUCKET: 'env' })).toMatchObject({ cleanBucket: 'flag', outputPrefix: 'o/' });
  });

  it('with --endpoint, uses path-style requests and the local key pair when the environment has none', async () => {
    const client = s3ClientFor({ endpoint: 'http://127.0.0.1:4568' }, {});
    expect(client.config.forcePathStyle).toBe(true);
    expect(await client.config.region()).toBe(LOCAL_S3.region);
    expect(await client.config.credentials()).toMatchObject(LOCAL_S3.credentials);
    client.destroy();
  });

  it('knows the region of a state machine ARN', () => {
    expect(regionOfArn('arn:aws:states:eu-west-1:123456789012:stateMachine:x')).toBe('eu-west-1');
  });
});
