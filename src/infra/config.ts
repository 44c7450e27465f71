import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone } from '../core/timezone.ts';
import { redactDatabaseUrl } from './db/redact.ts';

/**
 * The whole environment, parsed once at start-up. Anything the program reads from the
 * environment is declared here, documented in .env.example, and nowhere else.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const databaseUrl = optionalText.refine(
  (v) => v === undefined || /^pglite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v),
  {
    message:
      'use pglite:./data/pglite (embedded, the default), pglite:memory, pglite:<folder>, or a postgresql://user@host:port/db URL',
  },
);

/** A TCP port given as text in the environment; empty means unset. */
const optionalPort = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), {
    message: 'use a whole number from 1 to 65535, or leave it empty to serve no /healthz or /metrics',
  })
  .transform((v) => (v === '' ? undefined : Number(v)))
  .optional();

const listenHost = z
  .string()
  .trim()
  .default('127.0.0.1')
  .refine((v) => /^[A-Za-z0-9:][A-Za-z0-9.:%-]*$/.test(v), {
    message: 'use an address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces, in containers)',
  });

const timeZone = z
  .string()
  .trim()
  .default('UTC')
  .refine(isValidTimeZone, { message: 'use an IANA time zone name such as Europe/London or America/New_York' });

const optionalSnowflake = optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
  message: 'use the numeric id Discord shows with Developer Mode on (15 to 21 digits)',
});

const httpUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: `use an http(s) URL; the default is ${fallback}` });

const configObject = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `pretty` forces human-readable logs, `json` forces JSON; unset picks pretty on a terminal. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  DATABASE_URL: databaseUrl,
  DEFAULT_TIMEZONE: timeZone,
  /** Console community name shown in the banner. */
  CONSOLE_COMMUNITY: z.string().trim().min(1).max(100).default('Local community'),
  /** Discord: the bot token turns the Discord adapter on; the application id is required with it. */
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalSnowflake,
  /** Registers the commands to this one server (instant, for development) instead of globally. */
  DISCORD_GUILD_ID: optionalSnowflake,
  /** REST base (the client's `rest.api`), for a proxy or a test server. */
  DISCORD_API_URL: httpUrl('https://discord.com/api'),
  /** npm run start:sharded: how many shards; unset asks Discord for its recommendation. */
  DISCORD_SHARD_COUNT: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,4}$/.test(v) && Number(v) >= 1), {
      message: 'use a whole number of shards from 1, or leave it empty for Discord’s recommendation',
    })
    .transform((v) => (v === '' ? undefined : Number(v)))
    .optional(),
  /** Slack: the bot token turns the Slack adapter on. */
  SLACK_BOT_TOKEN: optionalText,
  /** Verifies Slack's signed HTTP requests; required unless Socket Mode is used. */
  SLACK_SIGNING_SECRET: optionalText,
  /** An app-level `xapp-` token switches Slack to Socket Mode (no public URL needed). */
  SLACK_APP_TOKEN: optionalText,
  /**
   * OAuth install flow (one app, many workspaces): all three together or none. Served over HTTP
   * at /slack/install and /slack/oauth_redirect, so the signing secret is required and Socket
   * Mode is not combined with it.
   */
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  /** Signs the OAuth `state` (CSRF protection); any long random string. */
  SLACK_STATE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'use a random string of at least 16 characters, e.g. the output of `openssl rand -hex 32`',
  }),
  /** Web API base (the client's `slackApiUrl`), for a proxy or a test server. */
  SLACK_API_URL: httpUrl('https://slack.com/api/'),
  /** Port of Slack's HTTP receiver (POST /slack/events) when Socket Mode is off, and of the calendar feeds. */
  PORT: z
    .string()
    .trim()
    .default('3000')
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, {
      message: 'use a whole number from 0 to 65535 (0 picks a free port)',
    })
    .transform(Number),
  /**
   * Address the calendar feeds' own server listens on (on PORT) when Slack's HTTP receiver is not
   * running; with Slack over HTTP the feeds share its server.
   */
  HTTP_HOST: listenHost,
  /** Base of the calendar links people get, e.g. https://bot.example.org; default http://127.0.0.1:PORT. */
  PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), {
    message: 'use the http(s) address people reach the bot at, e.g. https://preorder.example.org',
  }),
  /** Port for GET /healthz and GET /metrics (Prometheus); unset serves neither. */
  HEALTH_PORT: optionalPort,
  /** Address the health server listens on. */
  HEALTH_HOST: listenHost,
});

/** Variables that only make sense together are checked together, naming the missing one. */
export const configSchema = configObject.superRefine((config, ctx) => {
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_APPLICATION_ID'],
      message: 'is required with DISCORD_TOKEN: copy the Application ID from the Developer Portal',
    });
  }
  const oauthTrio = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const oauthGiven = oauthTrio.filter((name) => config[name] !== undefined);
  if (oauthGiven.length > 0) {
    const hints: Record<(typeof oauthTrio)[number], string> = {
      SLACK_CLIENT_ID: 'copy the Client ID from Basic Information → App Credentials',
      SLACK_CLIENT_SECRET: 'copy the Client Secret from Basic Information → App Credentials',
      SLACK_STATE_SECRET: 'set any random string of at least 16 characters, e.g. `openssl rand -hex 32`',
    };
    for (const name of oauthTrio.filter((n) => config[n] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is required with ${oauthGiven.join(' and ')} (the OAuth install flow needs all three): ${hints[name]}`,
      });
    }
    if (config.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message:
          'cannot be combined with the OAuth install flow (SLACK_CLIENT_ID…): installing in several workspaces needs the HTTP receiver; unset SLACK_APP_TOKEN',
      });
    } else if (!config.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'is required with the OAuth install flow (SLACK_CLIENT_ID…): copy the Signing Secret from Basic Information',
      });
    }
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET && oauthGiven.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_SIGNING_SECRET'],
      message:
        'is required with SLACK_BOT_TOKEN over HTTP: copy the Signing Secret from Basic Information, or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  if (config.SLACK_APP_TOKEN && !config.SLACK_BOT_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required with SLACK_APP_TOKEN (xoxb-…)' });
  }
});

export type Config = z.infer<typeof configSchema>;

/** Slack runs with a bot token (one workspace) or with the OAuth trio (installed in many). */
export function slackConfigured(config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_CLIENT_ID'>): boolean {
  return Boolean(config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads ./.env into the environment when present; variables already set win over the file. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** For entry points: reads .env and the environment, or explains the bad value and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its valid values.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Parses the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `NAME=` in a .env file (as .env.example writes them) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = configSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    const got = typeof env[name] === 'string' ? ` (got "${mask(name, env[name])}")` : '';
    return `${name}${got}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

function mask(name: string, value: string): string {
  if (/TOKEN|SECRET|PASSWORD/i.test(name)) return '***';
  if (name === 'DATABASE_URL') return redactDatabaseUrl(value);
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
