import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery, Notifier } from '../../src/app/reminders/ports.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { ReminderSweeper } from '../../src/jobs/reminder-sweeper.ts';
import { createChat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A notifier whose first delivery waits until the test lets it go, so stop() lands mid-batch. */
function gatedNotifier() {
  const delivered: Delivery[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const firstCall = new Promise<void>((resolve) => (reached = resolve));
  const notifier: Notifier = {
    platforms: ['console'],
    async deliver(delivery) {
      reached();
      await gate;
      delivered.push(delivery);
    },
  };
  return { notifier, delivered, release, firstCall };
}

describeEachBackend('sweeper shutdown', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('stops claiming and settles the batch in hand: no lease is left behind, nothing is lost', async () => {
    const chat = createChat(db, '2027-01-10T12:00:00Z');
    await chat.say('you', START);
    await chat.say('Bea', START.replace('978-0-306-40615-7', '979-10-90636-07-1'));
    await chat.say('Cy', START.replace('978-0-306-40615-7', '978-0-19-852663-6'));
    const due = await db.prisma.reminder.count({ where: { runAt: { lte: chat.clock.now() }, state: 'pending' } });
    expect(due).toBeGreaterThan(1);

    const { notifier, delivered, release, firstCall } = gatedNotifier();
    const sweeper = new ReminderSweeper({
      queue: chat.app.reminders,
      notifier,
      clock: chat.clock,
      logger: silent,
      campaigns: chat.app.store,
      concurrency: 1,
    });
    sweeper.start();
    await firstCall;
    const stopping = sweeper.stop();
    expect(await db.prisma.reminder.count({ where: { state: 'sending' } })).toBe(due);
    release();
    await stopping;

    expect(await db.prisma.reminder.count({ where: { state: 'sending' } })).toBe(0);
    const sent = await db.prisma.reminder.findMany({ where: { state: 'sent' } });
    expect(sent).toHaveLength(delivered.length);
    expect(delivered.length).toBe(due);

    // A later due row (the members' morning messages, 09:00 New York on the 11th) is left for the
    // next process: the stopped sweeper claims nothing more.
    chat.clock.set('2027-01-11T14:00:00Z');
    const stillPending = await db.prisma.reminder.findMany({
      where: { state: 'pending', runAt: { lte: chat.clock.now() } },
    });
    expect(stillPending.map((r) => r.kind)).toEqual(['morning', 'morning', 'morning']);
    expect(await db.prisma.reminder.count({ where: { state: 'sending' } })).toBe(0);
  });

  it('gives leases back untouched when asked to release them', async () => {
    const chat = createChat(db, '2027-01-10T12:00:00Z');
    await chat.say('Ann', START.replace('978-0-306-40615-7', '978-1-4028-9462-6'));
    await chat.say('Dee', START.replace('978-0-306-40615-7', '978-3-16-148410-0'));
    const now = chat.clock.now();
    const claimed = await chat.app.reminders.claimDue({
      owner: 'p1',
      now,
      leaseMs: 60_000,
      limit: 2,
      platforms: ['console'],
    });
    expect(claimed).toHaveLength(2);
    await chat.app.reminders.release(
      claimed.map((r) => r.id),
      'someone-else',
    );
    expect(await db.prisma.reminder.count({ where: { state: 'sending' } })).toBe(2);
    await chat.app.reminders.release(
      claimed.map((r) => r.id),
      'p1',
    );
    const rows = await db.prisma.reminder.findMany({ where: { id: { in: claimed.map((r) => BigInt(r.id)) } } });
    expect(rows.map((r) => [r.state, r.attempts, r.leaseOwner])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
  });

  it('keeps its leases alive through a batch that takes longer than the lease', async () => {
    // Real time here: the lease renewal is a timer, and the point is that wall time passes.
    const chat = createChat(db, new Date().toISOString());
    const isbns = ['978-0-571-08989-5', '978-0-14-044913-6', '978-0-7432-7356-5', '978-1-56619-909-4'];
    for (const [i, isbn] of isbns.entries()) await chat.say(`Writer${i}`, START.replace('978-0-306-40615-7', isbn));
    const slow: Delivery[] = [];
    const slowNotifier: Notifier = {
      platforms: ['console'],
      deliver: async (delivery) => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        slow.push(delivery);
      },
    };
    const fast: Delivery[] = [];
    const common = { queue: chat.app.reminders, clock: systemClock, logger: silent, campaigns: chat.app.store };
    const a = new ReminderSweeper({ ...common, notifier: slowNotifier, leaseMs: 3_000, concurrency: 1, owner: 'a' });
    const b = new ReminderSweeper({
      ...common,
      notifier: { platforms: ['console'], deliver: async (d) => void fast.push(d) },
      owner: 'b',
    });

    const first = a.tick();
    await new Promise((resolve) => setTimeout(resolve, 3_600));
    const second = await b.tick();
    const result = await first;

    expect(result.sent).toBe(isbns.length);
    expect(second.claimed).toBe(0);
    expect(fast).toHaveLength(0);
    expect(await db.prisma.reminder.count({ where: { redelivered: true } })).toBe(0);
  }, 30_000);
});
