import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../../src/adapters/request-pacer.ts';

describe('the request pacer', () => {
  it('lets a burst up to the limit go at once, then starts each request a window after the one `limit` before it was answered', async () => {
    const pacer = new RequestPacer(3, 40);
    const log: { started: number; answered: number }[] = [];
    const request = async (i: number) => {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, i % 2 === 0 ? 5 : 15));
      log[i] = { started, answered: performance.now() };
    };
    await Promise.all(Array.from({ length: 9 }, (_, i) => pacer.run(() => request(i))));
    // The first three did not wait for one another.
    expect(log[2]!.started).toBeLessThan(log[0]!.answered);
    for (let i = 3; i < 9; i++) {
      expect(log[i]!.started - log[i - 3]!.answered, `request ${i}`).toBeGreaterThanOrEqual(40);
    }
    // In order of asking.
    for (let i = 1; i < 9; i++) expect(log[i]!.started).toBeGreaterThanOrEqual(log[i - 1]!.started);
  });

  it('passes results and errors through, and a failed request still frees its place', async () => {
    const pacer = new RequestPacer(1, 10);
    await expect(pacer.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(pacer.run(async () => 'sent')).resolves.toBe('sent');
  });
});
