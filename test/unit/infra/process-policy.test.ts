import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../src/infra/describe-failure.ts';
import { FatalError, installProcessPolicy } from '../../../src/infra/process-policy.ts';
import { nodeWithTsx, REPO_ROOT, run } from '../../support/processes.ts';

function harness(budget = { count: 3, windowMs: 60_000 }) {
  const target = new EventEmitter();
  const lines: { level: string; ref: string; msg: string }[] = [];
  const fatalCodes: number[] = [];
  let now = 0;
  const uninstall = installProcessPolicy({
    target,
    budget,
    now: () => now,
    logger: {
      error: (obj, msg) => lines.push({ level: 'error', ref: (obj as { ref: string }).ref, msg }),
      fatal: (obj, msg) => lines.push({ level: 'fatal', ref: (obj as { ref: string }).ref, msg }),
    },
    onFatal: (code) => fatalCodes.push(code),
  });
  return { target, lines, fatalCodes, uninstall, tick: (ms: number) => (now += ms) };
}

describe('the process policy for errors nothing caught', () => {
  it('logs a stray rejection and a stray exception with a reference each, and carries on', () => {
    const h = harness();
    h.target.emit('unhandledRejection', new Error('one request failed'));
    h.target.emit('uncaughtException', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(h.fatalCodes).toEqual([]);
    expect(h.lines.map((l) => l.level)).toEqual(['error', 'error']);
    expect(h.lines[0]!.msg).toMatch(/unhandled promise rejection.*carries on/);
    expect(h.lines[1]!.msg).toMatch(/uncaught exception.*carries on/);
    for (const l of h.lines) expect(l.ref).toMatch(/^[0-9a-f]{8}$/);
    expect(h.lines[0]!.ref).not.toBe(h.lines[1]!.ref);
  });

  it.each([
    ['an error marked fatal', new FatalError('lock lost')],
    ['the embedded database aborting', Object.assign(new Error('unreachable'), { name: 'RuntimeError' })],
    ['memory running out', Object.assign(new Error('cannot allocate'), { code: 'ENOMEM' })],
  ])('stops with code 1 on %s, once', (_name, error) => {
    const h = harness();
    h.target.emit('uncaughtException', error);
    h.target.emit('unhandledRejection', error);
    expect(h.fatalCodes).toEqual([1]);
    expect(h.lines[0]).toMatchObject({ level: 'fatal' });
    expect(h.lines[0]!.msg).toMatch(/supervisor/);
  });

  it('treats more stray errors than its budget within the window as a broken process', () => {
    const h = harness({ count: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      h.target.emit('unhandledRejection', new Error(`stray ${i}`));
      h.tick(30_000);
    }
    // Spread out, the fourth is still within budget: the first has left the window.
    h.target.emit('unhandledRejection', new Error('stray 3'));
    expect(h.fatalCodes).toEqual([]);
    for (let i = 0; i < 3; i++) h.target.emit('unhandledRejection', new Error(`burst ${i}`));
    expect(h.fatalCodes).toEqual([1]);
    expect(h.lines.at(-1)).toMatchObject({ level: 'fatal' });
  });

  it('removes itself', () => {
    const h = harness();
    h.uninstall();
    expect(h.target.listenerCount('unhandledRejection')).toBe(0);
    expect(h.target.listenerCount('uncaughtException')).toBe(0);
  });

  it('in a real process: survives a stray rejection and exception, then exits 1 on a fatal error', async () => {
    const [node, args] = nodeWithTsx(join(REPO_ROOT, 'test', 'support', 'process-policy-child.ts'));
    const result = await run(node, args, { timeoutMs: 30_000 });
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level?: string; ref?: string; msg: string });
    expect(lines.map((l) => l.level ?? l.msg)).toEqual([
      'error',
      'error',
      'still serving',
      'fatal',
      'stopping the bot',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });
});

describe('errors in words', () => {
  it.each([
    [{ name: 'ErrnoError', errno: 51 }, 'no space left on the device'],
    [{ name: 'ErrnoError', errno: 2 }, 'permission denied'],
    [{ name: 'ErrnoError', errno: 54 }, 'not a directory'],
    [{ name: 'ErrnoError', errno: 999 }, 'system error number 999 (ErrnoError)'],
    [
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
      /^no space left on the device \(ENOSPC/,
    ],
    [new Error('plain message'), 'plain message'],
    [undefined, /unknown error/],
    ['a string', 'a string'],
  ])('%j', (error, words) => {
    if (typeof words === 'string') expect(describeFailure(error)).toBe(words);
    else expect(describeFailure(error)).toMatch(words);
  });
});
