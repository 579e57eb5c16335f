import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SETTINGS,
  resolveSettings,
  settingsFromContext,
  SettingsError,
  visibilityTimeoutSeconds,
} from '../../lib/settings.js';
import { resolveStage, sanitizeStage, StageError, stackNameFor } from '../../lib/stage.js';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('settings from context', () => {
  test('command-line strings and cdk.json values give the same settings', () => {
    const fromCli = settingsFromContext(
      context({ batchSize: '50', batchingWindowSeconds: '5', kms: 'true', suffix: '.html, .txt', logLevel: 'debug' }),
    );
    const fromJson = settingsFromContext(
      context({ batchSize: 50, batchingWindowSeconds: 5, kms: true, suffix: ['.html', '.txt'], logLevel: 'DEBUG' }),
    );
    expect(fromCli).toEqual(fromJson);
    expect(resolveSettings(fromCli)).toMatchObject({
      batchSize: 50,
      batchingWindowSeconds: 5,
      kms: true,
      suffixes: ['.html', '.txt'],
      logLevel: 'DEBUG',
    });
  });

  test('no context gives the documented defaults', () => {
    expect(settingsFromContext(context({}))).toEqual({});
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      outputPrefix: 'documents/',
      errorPrefix: 'errors/',
      maxObjectBytes: 20 * 1024 * 1024,
      batchConcurrency: 8,
      kms: false,
      alarmEmail: undefined,
    });
  });

  test.each([
    [{ batchSize: 'ten' }, 'batchSize'],
    [{ kms: 'yes' }, 'kms'],
    [{ maxReceiveCount: 1.5 }, 'maxReceiveCount'],
  ])('an unreadable value names its key: %o', (values, key) => {
    expect(() => settingsFromContext(context(values))).toThrow(SettingsError);
    expect(() => settingsFromContext(context(values))).toThrow(`"${key}"`);
  });
});

describe('settings validation', () => {
  test.each([
    [{ maxReceiveCount: 2 }, 'maxReceiveCount'],
    [{ maxReceiveCount: 6 }, 'maxReceiveCount'],
    [{ batchSize: 0 }, 'batchSize'],
    [{ batchSize: 11 }, 'batchingWindowSeconds'],
    [{ batchingWindowSeconds: 301 }, 'batchingWindowSeconds'],
    [{ maxConcurrency: 1 }, 'maxConcurrency'],
    [{ memoryMb: 64 }, 'memoryMb'],
    [{ timeoutSeconds: 901 }, 'timeoutSeconds'],
    [{ logRetentionDays: 31 }, 'logRetentionDays'],
    [{ logLevel: 'LOUD' as never }, 'logLevel'],
    [{ prefix: '/raw/' }, 'prefix'],
    [{ prefix: 'raw/*' }, 'prefix'],
    [{ suffixes: ['.gz', '.html.gz'] }, 'suffix'],
    [{ suffixes: ['.html', '.html'] }, 'suffix'],
    [{ outputPrefix: 'out/', errorPrefix: 'out/errors/' }, 'errorPrefix'],
    [{ outputPrefix: '' }, 'outputPrefix'],
    [{ alarmEmail: 'not an address' }, 'alarmEmail'],
  ])('%o is refused, naming %s', (overrides, key) => {
    let error: unknown;
    try {
      resolveSettings(overrides);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).key).toBe(key);
  });

  test.each([
    [{ batchSize: 'ten' }, 'Invalid setting "batchSize": must be an integer from 1 to 10000 (got "ten")'],
    [{ memoryMb: '64' }, 'Invalid setting "memoryMb": must be an integer from 128 to 10240 (got 64)'],
    [{ kms: 'yes' }, 'Invalid setting "kms": must be true or false (got "yes")'],
    [{ logLevel: 'loud' }, 'Invalid setting "logLevel": "LOUD" is not one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT'],
    [{ logRetentionDays: '31' }, 'Invalid setting "logRetentionDays": 31 is not a CloudWatch Logs retention; use one of 1, 3, 5,'],
    [{ prefix: '/raw/' }, 'Invalid setting "prefix": "/raw/" starts with "/"; S3 keys have no leading slash'],
    [{ suffix: ['.html', 3] }, 'Invalid setting "suffix": must be a string (got 3)'],
    [{ suffix: '.gz,.html.gz' }, 'Invalid setting "suffix": ".html.gz" ends with ".gz": S3 refuses overlapping notification filters'],
    [{ suffix: '.html,' }, 'Invalid setting "suffix": contains an empty suffix'],
    [{ batchSize: '11' }, 'Invalid setting "batchingWindowSeconds": a batch size over 10 (here 11) needs a batching window of at least 1 s'],
    [{ reservedConcurrency: '4' }, 'Invalid setting "reservedConcurrency": 4 is less than the invocations the stage drives at once (maxConcurrency 5 = 5)'],
    [{ outputPrefix: 'out/', errorPrefix: 'out/errors/' }, 'Invalid setting "errorPrefix": "out/errors/" and outputPrefix "out/" overlap'],
    [{ alarmEmail: 'not an address' }, 'Invalid setting "alarmEmail": "not an address" is not an e-mail address'],
  ])('the message of %o says what is wanted and what was given', (values, message) => {
    expect(() => resolveSettings(settingsFromContext(context(values)))).toThrow(message);
  });

  test('output formats: json by default and always first; a list or a cdk.json array; unknown names refused', () => {
    expect(resolveSettings().outputFormats).toEqual(['json']);
    expect(resolveSettings(settingsFromContext(context({ outputFormats: 'md, txt' }))).outputFormats).toEqual(['json', 'markdown', 'text']);
    expect(resolveSettings(settingsFromContext(context({ outputFormats: ['text', 'json'] }))).outputFormats).toEqual(['json', 'text']);
    expect(() => resolveSettings(settingsFromContext(context({ outputFormats: 'json,html' })))).toThrow(/Invalid setting "outputFormats": unknown format "html"/);
  });

  test('a batch over 10 is accepted with a batching window', () => {
    expect(resolveSettings({ batchSize: 100, batchingWindowSeconds: 1 }).batchSize).toBe(100);
  });

  test('the visibility timeout is at least six function timeouts, plus the batching window', () => {
    for (const timeoutSeconds of [1, 30, 120, 900]) {
      for (const batchingWindowSeconds of [0, 20, 300]) {
        const settings = resolveSettings({ timeoutSeconds, batchingWindowSeconds, batchSize: 10 });
        expect(visibilityTimeoutSeconds(settings)).toBeGreaterThanOrEqual(6 * timeoutSeconds + batchingWindowSeconds);
        // SQS's maximum visibility timeout is 12 hours.
        expect(visibilityTimeoutSeconds(settings)).toBeLessThanOrEqual(12 * 60 * 60);
      }
    }
  });
});

describe('stages', () => {
  test.each([
    ['alice', 'alice'],
    ['Jean-Luc.Picard', 'jean-luc-picard'],
    ['ANNA_MARIA', 'anna-maria'],
    ['José', 'jose'],
    ['1984fan', 'u1984fan'],
    ['DOMAIN\\bob', 'domain-bob'],
    ['a-very-long-user-name-from-the-directory', 'a-very-long-user-name-fr'],
    ['___', undefined],
  ])('user name %s becomes stage %s', (user, stage) => {
    expect(sanitizeStage(user)).toBe(stage);
  });

  test('the default stage is the user of the environment, sanitized', () => {
    expect(resolveStage({ env: { USER: 'Alice.Smith' } })).toBe('alice-smith');
    expect(resolveStage({ env: { USERNAME: 'BOB' } })).toBe('bob');
    expect(resolveStage({ env: {}, osUser: () => 'carol' })).toBe('carol');
  });

  test('an explicit stage wins over the user name', () => {
    expect(resolveStage({ context: 'review-42', env: { USER: 'alice' } })).toBe('review-42');
  });

  test('an explicit stage is used as given or refused, never rewritten', () => {
    expect(() => resolveStage({ context: 'Alice' })).toThrow(StageError);
    expect(() => resolveStage({ context: 'Alice' })).toThrow('-c stage=alice');
    expect(() => resolveStage({ context: 'dev_1' })).toThrow(StageError);
    expect(() => resolveStage({ context: 'x'.repeat(25) })).toThrow(StageError);
  });

  test('prod is never a default: it has to be asked for', () => {
    expect(() => resolveStage({ env: { USER: 'prod' } })).toThrow('-c stage=prod');
    expect(resolveStage({ context: 'prod', env: { USER: 'alice' } })).toBe('prod');
  });

  test('no stage and no user name is an error that says what to pass', () => {
    const noUser = () => {
      throw new Error('no passwd entry');
    };
    expect(() => resolveStage({ env: {}, osUser: noUser })).toThrow('-c stage=');
  });

  test('the stage is in the stack name', () => {
    expect(stackNameFor('alice')).toBe('ScrapeClean-alice');
  });
});
