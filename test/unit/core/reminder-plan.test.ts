import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planReminders } from '../../../src/core/reminder-plan.ts';
import type { PlannedReminder, ReminderPlanInput } from '../../../src/core/reminder-plan.ts';
import { milestoneOrder } from '../../../src/core/milestones.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import type { TimelineInput } from '../../../src/core/timeline.ts';
import type { MilestoneId } from '../../../src/core/types.ts';

const HOUR = 3_600_000;
const NY = 'America/New_York';

// 10:00 EST on Monday 1 March 2027.
const startedAt = new Date('2027-03-01T15:00:00Z');

function remind(
  timeline: Partial<TimelineInput> = {},
  rest: Partial<Omit<ReminderPlanInput, 'timeline'>> = {},
): PlannedReminder[] {
  const start = rest.startedAt ?? startedAt;
  return planReminders({
    timeline: planTimeline({
      releaseDate: '2027-03-20',
      timeZone: NY,
      marketplace: 'US',
      printer: 'kdp',
      now: start,
      startedAt: start,
      ...timeline,
    }),
    statuses: {},
    memberTimeZone: NY,
    startedAt: start,
    ...rest,
  });
}

const of = (list: PlannedReminder[], id: MilestoneId) => list.filter((r) => r.milestoneId === id);
const summary = (list: PlannedReminder[]) => list.map((r) => `${r.kind}@${r.dueAt.toISOString()}`);
const wall = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('planReminders: shape and order', () => {
  const list = remind();

  it('gives every reminder a stable, unique key built from its parts', () => {
    for (const r of list) {
      expect(r.key).toBe(`${r.milestoneId}:${r.kind}:${r.target}:${r.dueAt.toISOString()}`);
    }
    expect(new Set(list.map((r) => r.key)).size).toBe(list.length);
  });

  it('sorts by due time, then by plan order', () => {
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      const byTime = a.dueAt.getTime() - b.dueAt.getTime();
      expect(byTime).toBeLessThanOrEqual(0);
      if (byTime === 0) expect(milestoneOrder(a.milestoneId)).toBeLessThanOrEqual(milestoneOrder(b.milestoneId));
    }
    expect(list.slice(0, 4).map((r) => r.milestoneId)).toEqual([
      'aa-account',
      'aa-add-item',
      'aa-images',
      'aa-sales-copy',
    ]);
  });

  it('is deterministic and does not move when replanned later with the same start', () => {
    expect(remind()).toEqual(list);
    const later = planReminders({
      timeline: planTimeline({
        releaseDate: '2027-03-20',
        timeZone: NY,
        marketplace: 'US',
        printer: 'kdp',
        now: new Date('2027-03-10T00:00:00Z'),
        startedAt,
      }),
      statuses: {},
      memberTimeZone: NY,
      startedAt,
    });
    expect(later.map((r) => r.key)).toEqual(list.map((r) => r.key));
  });

  it('copies the milestone criticality', () => {
    expect(of(list, 'support-ticket').every((r) => r.critical)).toBe(true);
    expect(of(list, 'aa-account').every((r) => !r.critical)).toBe(true);
  });

  it('sends everything by DM except the release-day channel post', () => {
    expect(list.filter((r) => r.target === 'channel').map((r) => r.kind)).toEqual(['channel-release']);
  });
});

describe('planReminders: asap milestones', () => {
  it('sends a start DM, then seven daily nudges at 09:00 local, across the DST change', () => {
    const start = new Date('2027-03-10T15:00:00Z'); // 10:00 EST
    const list = of(remind({}, { startedAt: start }), 'aa-account');
    const nudges = list.slice(1);
    // Each DM is stale once the next is due, so an outage never releases a pile of them.
    expect(list[0]).toMatchObject({ kind: 'start', dueAt: start, expiresAt: nudges[0]!.dueAt, target: 'dm' });
    expect(nudges.every((r) => r.kind === 'nudge')).toBe(true);
    expect(nudges.slice(0, -1).map((r) => r.expiresAt)).toEqual(nudges.slice(1).map((r) => r.dueAt));
    expect(nudges.at(-1)!.expiresAt).toEqual(new Date('2027-03-18T13:00:00.000Z'));
    expect(nudges.map((r) => r.dueAt.toISOString())).toEqual([
      '2027-03-11T14:00:00.000Z',
      '2027-03-12T14:00:00.000Z',
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z', // clocks went forward: 09:00 EDT
      '2027-03-15T13:00:00.000Z',
      '2027-03-16T13:00:00.000Z',
      '2027-03-17T13:00:00.000Z',
    ]);
    expect(nudges.every((r) => wall(r.dueAt, NY).endsWith('09:00'))).toBe(true);
  });

  it('starts nudging the same day when started before 09:00', () => {
    const start = new Date('2027-03-01T13:59:00Z'); // 08:59 EST
    const nudges = of(remind({}, { startedAt: start }), 'aa-images').filter((r) => r.kind === 'nudge');
    expect(nudges[0]!.dueAt.toISOString()).toBe('2027-03-01T14:00:00.000Z');
    expect(nudges).toHaveLength(7);
  });

  it('waits until the next day when started at exactly 09:00', () => {
    const start = new Date('2027-03-01T14:00:00Z'); // 09:00 EST
    const nudges = of(remind({}, { startedAt: start }), 'aa-images').filter((r) => r.kind === 'nudge');
    expect(nudges[0]!.dueAt.toISOString()).toBe('2027-03-02T14:00:00.000Z');
  });

  it("uses the member's zone, not the campaign's", () => {
    const nudges = of(remind({}, { memberTimeZone: 'Europe/London' }), 'aa-account').filter((r) => r.kind === 'nudge');
    expect(nudges[0]!.dueAt.toISOString()).toBe('2027-03-02T09:00:00.000Z');
    expect(nudges.every((r) => wall(r.dueAt, 'Europe/London').endsWith('09:00'))).toBe(true);
  });

  it('stops nudging a milestone that is done or skipped', () => {
    const list = remind({}, { statuses: { 'aa-account': 'done', 'aa-images': 'skipped' } });
    expect(of(list, 'aa-account')).toEqual([]);
    expect(of(list, 'aa-images')).toEqual([]);
    expect(of(list, 'aa-add-item')).toHaveLength(8);
  });
});

describe('planReminders: listing-live', () => {
  it('says "now" when it can first be checked and nudges at the 72 h escalation', () => {
    const list = of(remind(), 'listing-live');
    expect(summary(list)).toEqual(['now@2027-03-01T18:00:00.000Z', 'nudge@2027-03-04T15:00:00.000Z']);
    expect(list.every((r) => r.expiresAt === null)).toBe(true);
  });

  it('follows aa-add-item done time', () => {
    const added = new Date('2027-03-02T10:00:00Z');
    const list = of(
      remind({ done: { 'aa-add-item': added } }, { statuses: { 'aa-add-item': 'done' } }),
      'listing-live',
    );
    expect(summary(list)).toEqual(['now@2027-03-02T13:00:00.000Z', 'nudge@2027-03-05T10:00:00.000Z']);
  });
});

describe('planReminders: confirm-pos', () => {
  it('sends one 09:00 DM a day from listing-live done until the day before R, across DST', () => {
    const live = new Date('2027-03-12T20:00:00Z');
    const list = of(remind({ done: { 'listing-live': live } }), 'confirm-pos');
    expect(list.every((r) => r.kind === 'daily' && r.target === 'dm')).toBe(true);
    expect(list.map((r) => wall(r.dueAt, NY))).toEqual([
      '2027-03-13 09:00',
      '2027-03-14 09:00',
      '2027-03-15 09:00',
      '2027-03-16 09:00',
      '2027-03-17 09:00',
      '2027-03-18 09:00',
      '2027-03-19 09:00',
    ]);
    // Each goes stale when the next is due; the last when the window closes at R0 − 1 h.
    expect(list[0]!.expiresAt!.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(list.at(-1)!.expiresAt!.toISOString()).toBe('2027-03-20T03:00:00.000Z');
  });

  it('includes 09:00 itself when listing-live was done at exactly 09:00', () => {
    const live = new Date('2027-06-01T08:00:00Z'); // 09:00 BST
    const list = of(
      remind(
        { releaseDate: '2027-06-10', timeZone: 'Europe/London', marketplace: 'UK', done: { 'listing-live': live } },
        { memberTimeZone: 'Europe/London', startedAt: new Date('2027-05-30T12:00:00Z') },
      ),
      'confirm-pos',
    );
    expect(list[0]!.dueAt).toEqual(live);
    expect(list).toHaveLength(9); // 1 to 9 June
    expect(list.at(-1)!.dueAt.toISOString()).toBe('2027-06-09T08:00:00.000Z');
  });

  it('uses member 09:00 but stops before R in the campaign zone', () => {
    // Member in Tokyo, campaign in New York, R = 10 June: R0 is 04:00 UTC, so the window
    // closes 03:00 UTC; Tokyo 09:00 on 10 June (00:00 UTC) is still 9 June in New York.
    const live = new Date('2027-06-05T00:00:00Z');
    const list = of(
      remind(
        { releaseDate: '2027-06-10', done: { 'listing-live': live } },
        { memberTimeZone: 'Asia/Tokyo', startedAt: new Date('2027-06-01T00:00:00Z') },
      ),
      'confirm-pos',
    );
    expect(list.map((r) => wall(r.dueAt, 'Asia/Tokyo'))).toEqual([
      '2027-06-05 09:00',
      '2027-06-06 09:00',
      '2027-06-07 09:00',
      '2027-06-08 09:00',
      '2027-06-09 09:00',
      '2027-06-10 09:00',
    ]);
    expect(list.every((r) => DateTime.fromJSDate(r.dueAt, { zone: NY }).toISODate()! < '2027-06-10')).toBe(true);
  });

  it('plans nothing when the window is already shut', () => {
    const live = new Date('2027-03-20T03:30:00Z');
    expect(of(remind({ done: { 'listing-live': live } }), 'confirm-pos')).toEqual([]);
  });
});

describe('planReminders: windowed milestones', () => {
  const list = remind();

  it('gives KDP publish a heads-up, a now and an overdue', () => {
    // R = 20 March in New York: R0 is 04:00 UTC.
    expect(summary(of(list, 'kdp-publish'))).toEqual([
      'heads-up@2027-03-17T04:00:00.000Z',
      'now@2027-03-18T04:00:00.000Z',
      'overdue@2027-03-18T16:00:00.000Z',
    ]);
  });

  it('adds the 6 h heads-up for zero-out-pos and support-ticket', () => {
    expect(summary(of(list, 'zero-out-pos'))).toEqual([
      'heads-up@2027-03-19T01:00:00.000Z',
      'heads-up-6h@2027-03-19T19:00:00.000Z',
      'now@2027-03-20T01:00:00.000Z',
      'overdue@2027-03-20T03:00:00.000Z',
    ]);
    expect(summary(of(list, 'support-ticket'))).toEqual([
      'heads-up@2027-03-19T01:00:00.000Z',
      'heads-up-6h@2027-03-19T19:00:00.000Z',
      'now@2027-03-20T01:00:00.000Z',
      'overdue@2027-03-20T04:00:00.000Z',
    ]);
  });

  it('adds the 6 h heads-up for check-unconfirmed-pos on the UK plan', () => {
    const uk = remind({ marketplace: 'UK', timeZone: 'Europe/London' }, { memberTimeZone: 'Europe/London' });
    expect(of(uk, 'zero-out-pos')).toEqual([]);
    expect(of(uk, 'check-unconfirmed-pos').map((r) => r.kind)).toEqual(['heads-up', 'heads-up-6h', 'now', 'overdue']);
  });

  it('sets expiry: heads-ups at the opening, "now" at the close, overdue a day after', () => {
    const [headsUp, now, overdue] = of(list, 'kdp-publish');
    expect(headsUp!.expiresAt!.toISOString()).toBe('2027-03-18T04:00:00.000Z');
    expect(now!.expiresAt!.toISOString()).toBe('2027-03-18T16:00:00.000Z');
    expect(overdue!.expiresAt!.toISOString()).toBe('2027-03-19T16:00:00.000Z');
  });

  it('reminds about orders-transfer in the window two to seven days after release', () => {
    expect(summary(of(list, 'orders-transfer'))).toEqual([
      'heads-up@2027-03-21T04:00:00.000Z',
      'now@2027-03-22T04:00:00.000Z',
      'overdue@2027-03-27T04:00:00.000Z',
    ]);
  });

  it('uses real hours before a window that opens just after a DST change', () => {
    // R = 15 March: KDP publish opens 04:00 UTC on 13 March; the heads-up is 24 real hours earlier.
    const kdp = of(remind({ releaseDate: '2027-03-15' }), 'kdp-publish');
    expect(kdp[0]!.dueAt.getTime()).toBe(kdp[1]!.dueAt.getTime() - 24 * HOUR);
    expect(kdp[1]!.dueAt.toISOString()).toBe('2027-03-13T04:00:00.000Z');
  });
});

describe('planReminders: release day and after', () => {
  const list = remind();

  it('sends a DM and a channel post at R0, both stale after release day', () => {
    const day = of(list, 'release-day');
    expect(day.map((r) => [r.kind, r.target, r.dueAt.toISOString(), r.expiresAt?.toISOString()])).toEqual([
      ['now', 'dm', '2027-03-20T04:00:00.000Z', '2027-03-21T04:00:00.000Z'],
      ['channel-release', 'channel', '2027-03-20T04:00:00.000Z', '2027-03-21T04:00:00.000Z'],
    ]);
  });

  it('sends one reminder for closing the account, 30 days after release', () => {
    expect(of(list, 'close-aa-account')).toEqual([
      expect.objectContaining({ kind: 'now', dueAt: new Date('2027-04-19T04:00:00Z'), expiresAt: null }),
    ]);
  });

  it('drops release-day reminders once release day is marked done', () => {
    expect(of(remind({}, { statuses: { 'release-day': 'done' } }), 'release-day')).toEqual([]);
  });
});

describe('planReminders: whole plans', () => {
  it('keeps past reminders: the scheduler does the filtering', () => {
    const late = new Date('2027-03-19T12:00:00Z');
    const list = remind({}, { startedAt: late });
    expect(list.some((r) => r.dueAt < late)).toBe(true);
    expect(of(list, 'kdp-publish')).toHaveLength(3);
  });

  it('plans an Ingram campaign: setup start, seven nudges, and release day', () => {
    const list = remind({ printer: 'ingramspark' });
    expect(new Set(list.map((r) => r.milestoneId))).toEqual(new Set(['ingram-preorder-setup', 'release-day']));
    expect(of(list, 'ingram-preorder-setup').map((r) => r.kind)).toEqual(['start', ...Array(7).fill('nudge')]);
    expect(of(list, 'release-day').map((r) => r.kind)).toEqual(['now', 'channel-release']);
  });

  it('counts every reminder of a fresh US campaign', () => {
    const live = new Date('2027-03-12T20:00:00Z');
    const list = remind({ done: { 'listing-live': live } });
    // 4 asap × 8, listing-live 2, confirm-pos 7, kdp 3, zero-out 4, ticket 4, release 2,
    // orders 3, close 1.
    expect(list).toHaveLength(32 + 2 + 7 + 3 + 4 + 4 + 2 + 3 + 1);
  });

  it('plans nothing when every milestone is done or skipped', () => {
    const timeline = planTimeline({
      releaseDate: '2027-03-20',
      timeZone: NY,
      marketplace: 'US',
      printer: 'kdp',
      now: startedAt,
    });
    const statuses = Object.fromEntries(timeline.map((m) => [m.id, 'done' as const]));
    expect(planReminders({ timeline, statuses, memberTimeZone: NY, startedAt })).toEqual([]);
  });
});
