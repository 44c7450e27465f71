import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { seedCommunity, seededKeyOf, seedReminders } from '../support/reminder-seed.ts';
import { createSweeperChat, type SweeperChat } from '../support/sweeper-harness.ts';

const NOW = '2027-01-10T12:00:00Z';

describeEachBackend('reminders and rate limits: a limit is never a failed attempt', (backend) => {
  const fresh = freshDatabase(backend);
  let db: Database;
  let h: SweeperChat;
  let keys: string[];

  beforeEach(async () => {
    db = fresh.db;
    h = await createSweeperChat(db, { now: NOW, sweeper: { maxAttempts: 2 } });
    const communityId = await seedCommunity(db.sql, { prefix: 'rl' });
    keys = await seedReminders(db.sql, { communityId, prefix: 'rl', count: 120, when: 'due', now: h.chat.clock.now() });
  });

  const states = async () => {
    const rows = await h.rows({ key: { startsWith: 'rl-' } });
    const byState: Record<string, number> = {};
    for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
    return { byState, attempts: new Set(rows.filter((r) => r.state === 'pending').map((r) => r.attempts)) };
  };

  it('a platform-wide limit pauses the platform: the batch goes back unclaimed, nothing is claimed until it resets', async () => {
    h.notifier.failNext(3, 'rate-limited', { retryAfterMs: 3_000, platformWide: true });
    await h.sweeper.drain();
    // Only what was already in flight went out; the rest of the batch went back untouched.
    const first = h.notifier.deliveries.length;
    expect(h.notifier.refusals).toHaveLength(3);
    expect(first).toBeLessThanOrEqual(8);
    expect(await states()).toEqual({ byState: { pending: 120 - first, sent: first }, attempts: new Set([0]) });
    // The refused ones wait for the reset; the rest of the batch was handed back without a send.
    const paused = await h.rows({ key: { startsWith: 'rl-' }, state: 'pending' });
    const why = (r: { lastError: string | null }) => r.lastError?.split(':')[0] ?? 'never claimed';
    expect(paused.filter((r) => why(r) === 'rate-limited')).toHaveLength(3);
    expect(paused.filter((r) => why(r) === 'not sent yet')).toHaveLength(50 - first - 3);
    expect(paused.filter((r) => why(r) === 'never claimed')).toHaveLength(70);

    // Still inside the limit: nothing is claimed, nothing is sent, no attempt is spent.
    h.chat.clock.set('2027-01-10T12:00:02.900Z');
    const during = await h.sweeper.drain();
    expect(during.claimed).toBe(0);
    expect(h.notifier.deliveries).toHaveLength(first);

    // Once it resets, every reminder goes out exactly once, although maxAttempts is 2.
    h.chat.clock.set('2027-01-10T12:00:03.100Z');
    await h.sweeper.drain();
    expect(await states()).toEqual({ byState: { sent: 120 }, attempts: new Set() });
    expect(h.notifier.deliveries.map(seededKeyOf).sort()).toEqual(keys);
    expect(h.notifier.refusals).toHaveLength(3);
  });

  it('a limit on one route holds only that reminder; the others go out in the same sweep', async () => {
    h.notifier.failNext(1, 'rate-limited', { retryAfterMs: 5_000 });
    await h.sweeper.drain();
    expect(h.notifier.deliveries).toHaveLength(119);
    const [held] = await h.rows({ key: { startsWith: 'rl-' }, state: 'pending' });
    expect(held).toMatchObject({ attempts: 0, runAt: new Date(Date.parse(NOW) + 5_000) });
    await h.advance(5_000);
    expect(h.notifier.deliveries.map(seededKeyOf).sort()).toEqual(keys);
  });

  it('a platform that keeps limiting never fails a reminder for its attempts', async () => {
    h.notifier.failNext(6, 'rate-limited', { retryAfterMs: 1_000, platformWide: true });
    for (let i = 0; i < 8; i++) {
      await h.sweeper.drain();
      h.chat.clock.advance(1_000);
    }
    await h.sweeper.drain();
    expect(h.notifier.refusals).toHaveLength(6);
    expect(await states()).toEqual({ byState: { sent: 120 }, attempts: new Set() });
  });

  it('fails a reminder only when the limit outlasts its window, saying so', async () => {
    await db.prisma.reminder.updateMany({
      where: { key: { startsWith: 'rl-' } },
      data: { expiresAt: new Date(Date.parse(NOW) + 60_000) },
    });
    h.notifier.failNext(1, 'rate-limited', { retryAfterMs: 120_000, platformWide: true });
    await h.sweeper.drain();
    const failed = await h.rows({ state: 'failed' });
    expect(failed.map((r) => r.lastError)).toEqual([
      'rate-limited: scripted rate-limited failure (gave up: the rate limit lasts past the window)',
    ]);
    // The others were handed back, due when the limit resets; then their window has passed: missed.
    await h.advance(120_000);
    const { byState } = await states();
    expect(byState.failed).toBe(1);
    expect((byState.sent ?? 0) + (byState.missed ?? 0) + 1).toBe(120);
  });
});
