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

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `pretty` forces human-readable logs, `json` forces JSON; unset picks pretty on a terminal. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  DATABASE_URL: databaseUrl,
  DEFAULT_TIMEZONE: timeZone,
  /** Console community name shown in the banner. */
  CONSOLE_COMMUNITY: z.string().trim().min(1).max(100).default('Local community'),
  DISCORD_TOKEN: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  /** Port for GET /healthz and GET /metrics (Prometheus); unset serves neither. */
  HEALTH_PORT: optionalPort,
  /** Address the health server listens on. */
  HEALTH_HOST: listenHost,
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads ./.env into the environment when present; variables already set win over the file. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
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
