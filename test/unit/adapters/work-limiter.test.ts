import { describe, expect, it } from 'vitest';
import { WorkLimiter } from '../../../src/adapters/work-limiter.ts';

/** A promise and the function that settles it, so a test decides when work finishes. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const done = new Promise<T>((resolve) => (open = resolve));
  return { done, open };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the shared work limiter', () => {
  it('hands out at most `limit` slots at once and refuses more without waiting', () => {
    const limiter = new WorkLimiter(2);
    const first = limiter.tryAcquire();
    const second = limiter.tryAcquire();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(limiter.tryAcquire()).toBeNull();
    first!();
    // Releasing twice gives back one slot, not two.
    first!();
    expect(limiter.tryAcquire()).not.toBeNull();
    expect(limiter.tryAcquire()).toBeNull();
  });

  it('passes a released slot to the longest waiter, in order', async () => {
    const limiter = new WorkLimiter(1);
    const holder = limiter.tryAcquire()!;
    const order: string[] = [];
    const a = limiter.acquire().then((release) => (order.push('a'), release));
    const b = limiter.acquire().then((release) => (order.push('b'), release));
    await turn();
    expect(order).toEqual([]);
    holder();
    (await a)();
    (await b)();
    expect(order).toEqual(['a', 'b']);
    // Every slot came back: one is free again, and only one.
    expect(limiter.tryAcquire()).not.toBeNull();
    expect(limiter.tryAcquire()).toBeNull();
  });

  it('runs work a few at a time and frees the slot when the work fails', async () => {
    const limiter = new WorkLimiter(2);
    const gates = [gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    const jobs = gates.map((g, i) =>
      limiter.run(async () => {
        running++;
        most = Math.max(most, running);
        await g.done;
        running--;
        if (i === 0) throw new Error('boom');
        return i;
      }),
    );
    await turn();
    await turn();
    expect(running).toBe(2);
    gates[0]!.open();
    await expect(jobs[0]).rejects.toThrow('boom');
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(jobs.slice(1))).toEqual([1, 2]);
    expect(most).toBe(2);
    expect(limiter.tryAcquire()).not.toBeNull();
  });

  it('starts work on a later event-loop turn, never within the one that queued it', async () => {
    const limiter = new WorkLimiter(4);
    let started = false;
    const job = limiter.run(async () => void (started = true));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(started).toBe(false);
    await job;
    expect(started).toBe(true);
  });
});
