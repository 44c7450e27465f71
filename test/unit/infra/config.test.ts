import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/infra/config.ts';
import { createLogger } from '../../../src/infra/logger.ts';

describe('configuration', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'info', DEFAULT_TIMEZONE: 'UTC' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats empty values as unset, as .env.example leaves them', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      DISCORD_TOKEN: '  ',
      LOG_FORMAT: '',
      LOG_LEVEL: '',
      DEFAULT_TIMEZONE: '',
    });
    expect(config).toMatchObject({ LOG_LEVEL: 'info', DEFAULT_TIMEZONE: 'UTC' });
    expect(config.LOG_FORMAT).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', 'mysql://root@localhost/x', /pglite:|postgresql:\/\//],
    ['DEFAULT_TIMEZONE', 'Mars/Base', /IANA/],
    ['LOG_LEVEL', 'loud', /info/],
    ['NODE_ENV', 'staging', /production/],
  ])('stops on a bad %s, naming it and what is valid', (name, value, valid) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toMatch(valid);
  });

  it('never echoes a password from a bad database URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x' })).toThrow(/^(?![\s\S]*hunter2)/);
  });
});

describe('logger', () => {
  it('redacts secrets wherever they appear in a log line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, sink as unknown as NodeJS.WritableStream);
    logger.info(
      {
        token: 'tok-123',
        config: { DISCORD_TOKEN: 'disc-456', password: 'pw-789' },
        headers: { authorization: 'Bearer abc' },
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('hello');
    for (const secret of ['tok-123', 'disc-456', 'pw-789', 'Bearer abc']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
