import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';

/**
 * What the process does with an error nothing caught. One request's failure must not take
 * Discord, Slack and the reminder sweeper down with it, so an unhandled rejection or an uncaught
 * exception is logged with a short reference and the bot carries on. A state the process cannot
 * recover from ends it with a non-zero code, so a supervisor (systemd, Docker, Kubernetes)
 * starts a fresh one: an error marked fatal, the embedded database's WebAssembly aborting, memory
 * running out, or so many stray errors in a short time that something is clearly broken.
 */

/** Thrown (or used as a rejection) where carrying on would do harm. */
export class FatalError extends Error {
  override readonly name = 'FatalError';
}

export interface ProcessPolicyLogger {
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

export interface ProcessPolicyOptions {
  logger: ProcessPolicyLogger;
  /** Stops the bot and exits with `code`; called once. */
  onFatal: (code: number) => void;
  /** Default: the real `process`. */
  target?: EventEmitter;
  /** More stray errors than `count` within `windowMs` count as a fatal state. */
  budget?: { count: number; windowMs: number };
  now?: () => number;
}

const DEFAULT_BUDGET = { count: 20, windowMs: 60_000 };
const FATAL_CODES = new Set(['ENOMEM', 'ERR_OUT_OF_MEMORY', 'ERR_WORKER_OUT_OF_MEMORY']);

function isFatal(error: unknown): boolean {
  if (error instanceof FatalError) return true;
  // WebAssembly.RuntimeError: PGlite's Postgres aborted, and every later query would fail.
  if (error instanceof Error && error.name === 'RuntimeError') return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FATAL_CODES.has(code);
}

/** Installs the policy; returns a function that removes it (tests). */
export function installProcessPolicy(options: ProcessPolicyOptions): () => void {
  const target = options.target ?? process;
  const budget = options.budget ?? DEFAULT_BUDGET;
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  let ended = false;

  const fatal = (error: unknown, ref: string, why: string) => {
    options.logger.fatal({ err: error, ref }, `stopping: ${why}; a supervisor should start the bot again`);
    if (ended) return;
    ended = true;
    options.onFatal(1);
  };

  const handle = (error: unknown, kind: string) => {
    const ref = randomUUID().slice(0, 8);
    if (isFatal(error)) return fatal(error, ref, `${kind} left the process in a state it cannot recover from`);
    options.logger.error({ err: error, ref }, `${kind}: logged and ignored; the bot carries on`);
    const at = now();
    recent.push(at);
    while (recent.length > 0 && recent[0]! <= at - budget.windowMs) recent.shift();
    if (recent.length > budget.count) {
      fatal(error, ref, `${recent.length} uncaught errors within ${Math.round(budget.windowMs / 1000)} s`);
    }
  };

  const onRejection = (reason: unknown) => handle(reason, 'unhandled promise rejection');
  const onException = (error: unknown) => handle(error, 'uncaught exception');
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
