/**
 * A process with the real process policy installed (test/unit/infra/process-policy.test.ts runs it):
 * a stray rejection and a stray exception are survived, then a fatal error ends it with code 1.
 */
import { FatalError, installProcessPolicy } from '../../src/infra/process-policy.ts';

const line = (obj: object, msg: string) => process.stdout.write(`${JSON.stringify({ ...obj, msg })}\n`);
const logger = {
  error: (obj: { ref?: string }, msg: string) => line({ level: 'error', ref: obj.ref }, msg),
  fatal: (obj: { ref?: string }, msg: string) => line({ level: 'fatal', ref: obj.ref }, msg),
};
installProcessPolicy({
  logger,
  onFatal: (code) => {
    line({}, 'stopping the bot');
    process.exit(code);
  },
});

// An unhandled rejection on purpose: the process policy under test must log it and keep serving.
// eslint-disable-next-line @typescript-eslint/no-floating-promises
Promise.reject(new Error('one request failed'));
setTimeout(() => {
  throw new Error('a timer callback threw');
}, 10);
setTimeout(() => {
  line({}, 'still serving');
  setTimeout(() => {
    throw new FatalError('the database folder lock was lost');
  }, 10);
}, 100);
// Keeps the event loop busy, as the bot's connections do; only the policy ends this process.
setInterval(() => {}, 1_000);
