import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../infra/logger.ts';

const SECRETS = /\b(xox[a-z]-|xapp-)[A-Za-z0-9-]+/g;

function text(parts: unknown[], secrets: readonly string[]): { msg: string; err?: Error } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const msg = blank(
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p))).join(' '),
    secrets,
  );
  return err ? { msg, err: Object.assign(new Error(blank(err.message, secrets)), { name: err.name }) } : { msg };
}

function blank(message: string, secrets: readonly string[]): string {
  let out = message.replace(SECRETS, '$1[redacted]');
  for (const secret of secrets) out = out.replaceAll(secret, '[redacted]');
  return out;
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
 * prints a token. `secrets` (the OAuth client secret, state secret, signing secret) are blanked
 * wherever they appear too.
 */
export function boltLogger(logger: Logger, secrets: readonly (string | undefined)[] = []): BoltLogger {
  let level = LogLevel.INFO;
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const write = (method: 'trace' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const { msg, err } = text(parts, known);
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
