import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../infra/logger.ts';

const SECRETS = /\b(xox[a-z]-|xapp-)[A-Za-z0-9-]+/g;

function text(parts: unknown[]): { msg: string; err?: Error } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const msg = parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p)))
    .join(' ')
    .replace(SECRETS, '$1[redacted]');
  return err ? { msg, err } : { msg };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Bolt, its Web API client and Socket Mode log through our pino logger. Their debug output
 * (whole payloads) goes to trace, and anything shaped like a Slack token is blanked, so no level
 * prints a token.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const write = (method: 'trace' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const { msg, err } = text(parts);
    if (err) logger[method]({ err: { message: err.message, name: err.name } }, msg);
    else logger[method](msg);
  };
  return {
    debug: (...parts) => write('trace', parts),
    info: (...parts) => write('info', parts),
    warn: (...parts) => write('warn', parts),
    error: (...parts) => write('error', parts),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
