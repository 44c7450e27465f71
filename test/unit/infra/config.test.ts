import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, slackConfigured } from '../../../src/infra/config.ts';
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

  describe('Slack OAuth (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)', () => {
    const trio = {
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret-42',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
    };
    const refusal = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('expected a ConfigError');
    };

    it('turns Slack on without a bot token, over HTTP; with a bot token both are served', () => {
      const oauthOnly = loadConfig({ ...trio, SLACK_SIGNING_SECRET: 'shh' });
      expect(oauthOnly).toMatchObject(trio);
      expect(oauthOnly.SLACK_BOT_TOKEN).toBeUndefined();
      expect(slackConfigured(oauthOnly)).toBe(true);
      expect(slackConfigured(loadConfig({ ...trio, SLACK_SIGNING_SECRET: 'shh', SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe(
        true,
      );
      expect(slackConfigured(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' }))).toBe(true);
      expect(slackConfigured(loadConfig({}))).toBe(false);
    });

    it.each([
      ['SLACK_CLIENT_SECRET', { SLACK_CLIENT_ID: trio.SLACK_CLIENT_ID, SLACK_STATE_SECRET: trio.SLACK_STATE_SECRET }],
      [
        'SLACK_CLIENT_ID',
        { SLACK_CLIENT_SECRET: trio.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: trio.SLACK_STATE_SECRET },
      ],
      ['SLACK_STATE_SECRET', { SLACK_CLIENT_ID: trio.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: trio.SLACK_CLIENT_SECRET }],
    ])('all three or none: without %s it stops, naming it', (missing, env) => {
      const message = refusal({ ...env, SLACK_SIGNING_SECRET: 'shh' });
      expect(message).toMatch(new RegExp(`${missing}: is required with`));
      expect(message).toContain('needs all three');
      expect(message).not.toMatch(/client-secret-42|state-secret-0123456789/);
    });

    it('one of the three alone names the other two', () => {
      const message = refusal({ SLACK_CLIENT_ID: '1234.5678', SLACK_SIGNING_SECRET: 'shh' });
      expect(message).toContain('SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID');
      expect(message).toContain('SLACK_STATE_SECRET: is required with SLACK_CLIENT_ID');
    });

    it('needs the HTTP receiver: the signing secret is required and Socket Mode is refused', () => {
      expect(refusal(trio)).toMatch(/SLACK_SIGNING_SECRET: is required with the OAuth install flow/);
      const socket = refusal({ ...trio, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
      expect(socket).toMatch(/SLACK_APP_TOKEN \(got "\*\*\*"\): cannot be combined with the OAuth install flow/);
      expect(socket).not.toMatch(/xapp-1|xoxb-1|client-secret-42/);
    });

    it('refuses a short state secret without echoing it', () => {
      const message = refusal({ ...trio, SLACK_SIGNING_SECRET: 'shh', SLACK_STATE_SECRET: 'short-secret' });
      expect(message).toMatch(/SLACK_STATE_SECRET \(got "\*\*\*"\): use a random string of at least 16/);
      expect(message).not.toContain('short-secret');
    });
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
          SLACK_CLIENT_SECRET: 'client-987',
          SLACK_STATE_SECRET: 'state-876',
        },
        installer: { clientSecret: 'client-765', client_secret: 'client-654', stateSecret: 'state-543' },
        headers: { authorization: 'Bearer abc' },
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('hello');
    for (const secret of [
      'tok-123',
      'disc-456',
      'pw-789',
      'Bearer abc',
      'sig-321',
      'xapp-654',
      'client-987',
      'state-876',
      'client-765',
      'client-654',
      'state-543',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
