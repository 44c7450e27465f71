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

  it('turns platforms on with their credentials and fills the API bases', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'disc-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'shh',
      PORT: '0',
    });
    expect(config).toMatchObject({
      DISCORD_API_URL: 'https://discord.com/api',
      SLACK_API_URL: 'https://slack.com/api/',
      PORT: 0,
    });
    expect(loadConfig({}).PORT).toBe(3000);
    // Socket Mode needs no signing secret.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_SIGNING_SECRET).toBeUndefined();
  });

  it.each([
    [{ DISCORD_TOKEN: 'disc-token' }, 'DISCORD_APPLICATION_ID', /Application ID/],
    [{ DISCORD_TOKEN: 'disc-token', DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID', /numeric id/],
    [{ DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID', /15 to 21 digits/],
    [{ DISCORD_API_URL: 'discord.local' }, 'DISCORD_API_URL', /http/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET', /Signing Secret|Socket Mode/],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN', /xoxb/],
    [{ PORT: 'eighty' }, 'PORT', /0 to 65535/],
    [{ DISCORD_SHARD_COUNT: '0' }, 'DISCORD_SHARD_COUNT', /whole number of shards/],
  ])('refuses incomplete or malformed platform settings (%o), naming %s', (env, name, valid) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toMatch(valid);
    // Tokens are never echoed back, even in an error.
    expect((error as Error).message).not.toMatch(/disc-token|xoxb-1|xapp-1/);
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
        config: {
          DISCORD_TOKEN: 'disc-456',
          password: 'pw-789',
          SLACK_SIGNING_SECRET: 'sig-321',
          SLACK_APP_TOKEN: 'xapp-654',
        },
        headers: { authorization: 'Bearer abc' },
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('hello');
    for (const secret of ['tok-123', 'disc-456', 'pw-789', 'Bearer abc', 'sig-321', 'xapp-654']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
