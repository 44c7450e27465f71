import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

export type { Logger };

/** Keys that may hold secrets anywhere in a log object; pino replaces their values. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  '*.SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  '*.SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  '*.SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  '*.SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  '*.SLACK_STATE_SECRET',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'stateSecret',
  '*.stateSecret',
  'signingSecret',
  '*.signingSecret',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'connectionString',
  '*.connectionString',
];

/**
 * Logs go to stderr so the console chat on stdout stays clean for people and scripts.
 * Pretty printing runs in-process (no worker thread), so nothing is lost on exit.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  const usePretty = config.LOG_FORMAT
    ? config.LOG_FORMAT === 'pretty'
    : Boolean((destination as { isTTY?: boolean }).isTTY);
  const options = {
    level: config.LOG_LEVEL,
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (usePretty) {
    return pino(options, pretty({ destination, colorize: true, sync: true, ignore: 'pid,hostname' }));
  }
  return pino(options, destination);
}
