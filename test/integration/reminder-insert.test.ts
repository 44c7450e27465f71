import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewReminder } from '../../src/app/reminders/ports.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { insertOrMoveReminders, insertReminders } from '../../src/infra/db/reminder-insert.ts';
import { describeEachBackend } from '../support/databases.ts';
import { seedCommunity } from '../support/reminder-seed.ts';

/**
 * A member's morning rows are stored, brought back or moved by the same statement that stores a
 * campaign's new reminders: each state a stored morning can be in, in one call.
 */
const T0 = new Date('2027-01-10T12:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

describeEachBackend('insertOrMoveReminders', (backend) => {
  let db: Database;
  let communityId: string;
  let memberId: string;

  beforeAll(async () => {
    db = await backend.open();
    communityId = await seedCommunity(db.sql, { prefix: 'moves' });
    memberId = (await db.prisma.member.create({ data: { platform: 'console', externalId: 'ann', displayName: 'Ann' } }))
      .id;
  });
  afterAll(async () => db.close());

  const row = (key: string, dueAt: Date): NewReminder => ({
    key,
    milestoneId: null,
    kind: 'morning',
    target: 'dm',
    dueAt,
    expiresAt: null,
    critical: false,
    platform: 'console',
    communityId,
    campaignId: null,
    memberId,
  });
  const stored = async () =>
    Object.fromEntries(
      (
        await db.sql.query<{ key: string; state: string; due_ms: number; last_error: string | null }>(
          `SELECT key, state::text AS state, floor(extract(epoch FROM due_at) * 1000)::float8 AS due_ms, last_error
             FROM reminders WHERE key LIKE $1 ORDER BY key`,
          [`${prefix}%`],
        )
      ).map((r) => [
        r.key.slice(prefix.length),
        { state: r.state, due: new Date(Number(r.due_ms)), error: r.last_error },
      ]),
    );
  let prefix = '';

  async function seedEachState(movePending: boolean) {
    prefix = `m${movePending ? 1 : 0}-`;
    const keys = ['pending-moved', 'pending-same', 'cancelled', 'sent', 'unmovable'];
    await insertReminders(
      db.prisma,
      keys.map((k) => row(prefix + k, hours(1))),
      T0,
    );
    await db.sql.query(
      `UPDATE reminders SET state = 'cancelled', last_error = 'no longer in the plan' WHERE key = $1`,
      [`${prefix}cancelled`],
    );
    await db.sql.query(`UPDATE reminders SET state = 'sent' WHERE key = $1`, [`${prefix}sent`]);
    const wanted = [
      row(prefix + 'pending-moved', hours(5)),
      row(prefix + 'pending-same', hours(1)),
      row(prefix + 'cancelled', hours(6)),
      row(prefix + 'sent', hours(7)),
      row(prefix + 'unmovable', hours(8)),
      row(prefix + 'new', hours(9)),
    ];
    await insertOrMoveReminders(db.prisma, wanted, T0, {
      movable: wanted.filter((r) => !r.key.endsWith('unmovable')).map((r) => r.key),
      movePending: movePending,
    });
    return stored();
  }

  it('stores new keys, brings back a cancelled one, moves a pending one, leaves sent and unmovable rows', async () => {
    expect(await seedEachState(true)).toEqual({
      cancelled: { state: 'pending', due: hours(6), error: null },
      new: { state: 'pending', due: hours(9), error: null },
      'pending-moved': { state: 'pending', due: hours(5), error: null },
      'pending-same': { state: 'pending', due: hours(1), error: null },
      sent: { state: 'sent', due: hours(1), error: null },
      unmovable: { state: 'pending', due: hours(1), error: null },
    });
  });

  it('leaves pending ones where they are when pending rows may not move, but still brings back a cancelled one', async () => {
    expect(await seedEachState(false)).toEqual({
      cancelled: { state: 'pending', due: hours(6), error: null },
      new: { state: 'pending', due: hours(9), error: null },
      'pending-moved': { state: 'pending', due: hours(1), error: null },
      'pending-same': { state: 'pending', due: hours(1), error: null },
      sent: { state: 'sent', due: hours(1), error: null },
      unmovable: { state: 'pending', due: hours(1), error: null },
    });
  });
});
