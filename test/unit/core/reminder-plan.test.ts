import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { milestoneOrder } from '../../../src/core/milestones.ts';
import type { StepMark } from '../../../src/core/plan-state.ts';
import { planReminders, type PlannedReminder } from '../../../src/core/reminder-plan.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import type { Marketplace, MilestoneId } from '../../../src/core/types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NY = 'America/New_York';

type Marks = Partial<Record<MilestoneId, StepMark>>;
const done = (at: Date | string): StepMark => ({ status: 'done', at: new Date(at) });

interface Case {
  releaseDate?: string;
  startedAt?: Date;
  marks?: Marks;
  marketplace?: Marketplace;
  zone?: string;
  memberZone?: string;
}

// Issue 12's idle member: a US campaign started on 4 December 2026 for 20 May 2027.
const IDLE_START = new Date('2026-12-04T18:15:00Z');

function remind(c: Case = {}): PlannedReminder[] {
  const startedAt = c.startedAt ?? IDLE_START;
  const marks = c.marks ?? {};
  const zone = c.zone ?? NY;
  const marketplace = c.marketplace ?? 'US';
  return planReminders({
    timeline: planTimeline({
      releaseDate: c.releaseDate ?? '2027-05-20',
      timeZone: zone,
      marketplace,
      printer: 'kdp',
      now: startedAt,
      startedAt,
      done: Object.fromEntries(
        Object.entries(marks)
          .filter(([, m]) => m.status === 'done')
          .map(([id, m]) => [id, m.at]),
      ),
    }),
    marketplace,
    marks,
    memberTimeZone: c.memberZone ?? zone,
    startedAt,
  });
}

const of = (list: PlannedReminder[], id: MilestoneId) => list.filter((r) => r.milestoneId === id);
const wall = (d: Date, zone = NY) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
const dateOf = (d: Date, zone = NY) => DateTime.fromJSDate(d, { zone }).toISODate()!;
const mornings = (list: PlannedReminder[]) => list.filter((r) => r.delivery === 'morning');
const own = (list: PlannedReminder[]) => list.filter((r) => r.delivery === 'own' && r.target === 'dm');

/** DMs a member receives before `until`: own DMs (the grouped start DM counts once) plus one per morning. */
function dmCount(list: PlannedReminder[], until: Date): { own: number; mornings: number } {
  const before = list.filter((r) => r.dueAt < until && r.target === 'dm');
  const ownKeys = new Set(own(before).map((r) => (r.kind === 'start' ? 'start' : r.key)));
  return { own: ownKeys.size, mornings: new Set(mornings(before).map((r) => dateOf(r.dueAt))).size };
}

describe('planReminders: shape', () => {
  const list = remind();

  it('gives every reminder a stable, unique key built from its parts', () => {
    for (const r of list) expect(r.key).toBe(`${r.milestoneId}:${r.kind}:${r.target}:${r.dueAt.toISOString()}`);
    expect(new Set(list.map((r) => r.key)).size).toBe(list.length);
  });

  it('sorts by due time, then plan order', () => {
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      expect(a.dueAt.getTime()).toBeLessThanOrEqual(b.dueAt.getTime());
      if (a.dueAt.getTime() === b.dueAt.getTime()) {
        expect(milestoneOrder(a.milestoneId)).toBeLessThanOrEqual(milestoneOrder(b.milestoneId));
      }
    }
  });

  it('is deterministic: replanning with the same marks gives the same keys', () => {
    expect(remind().map((r) => r.key)).toEqual(list.map((r) => r.key));
  });

  it('puts every morning line at 09:00 member time and marks only own DMs about critical windows critical', () => {
    for (const r of mornings(list)) {
      expect(wall(r.dueAt).endsWith('09:00')).toBe(true);
      expect(r.critical).toBe(false);
    }
    for (const r of list.filter((x) => x.critical)) expect(r.delivery).toBe('own');
  });
});

describe('planReminders: the idle member (issue 12)', () => {
  const list = remind();
  const r0 = new Date('2027-05-20T04:00:00Z');

  it('sends at most 45 DMs before release day, and at most one morning message a day', () => {
    const count = dmCount(list, r0);
    expect(count.own + count.mornings).toBeLessThanOrEqual(45);
    expect(count.mornings).toBeGreaterThan(20); // it does keep reminding, just calmly
  });

  it('says nothing about a step that cannot happen yet: no PO check, no listing check, no publish heads-up', () => {
    expect(of(list, 'confirm-pos')).toEqual([]);
    expect(of(list, 'listing-live')).toEqual([]);
    expect(of(list, 'aa-add-item')).toEqual([]);
    expect(of(list, 'kdp-publish').map((r) => r.kind)).toEqual(['blocked']);
    expect(of(list, 'support-ticket')).toEqual([]);
  });

  it('thins out the first-step nudges: days 1, 2, 4, 7, then weekly', () => {
    const dates = of(list, 'aa-account')
      .filter((r) => r.kind === 'nudge')
      .map((r) => dateOf(r.dueAt));
    expect(dates.slice(0, 7)).toEqual([
      '2026-12-05',
      '2026-12-06',
      '2026-12-08',
      '2026-12-11',
      '2026-12-18',
      '2026-12-25',
      '2027-01-01',
    ]);
  });

  it('tightens as the publish window nears: every other day, then daily and "at risk" in the last week', () => {
    const tail = of(list, 'aa-account').filter((r) => r.dueAt >= new Date('2027-05-01T00:00:00Z'));
    expect(tail.map((r) => `${dateOf(r.dueAt)} ${r.kind}`)).toEqual([
      '2027-05-04 nudge',
      '2027-05-06 nudge',
      '2027-05-08 nudge',
      '2027-05-10 nudge',
      '2027-05-11 at-risk',
      '2027-05-12 at-risk',
      '2027-05-13 at-risk',
      '2027-05-14 at-risk',
      '2027-05-15 at-risk',
      '2027-05-16 at-risk',
      '2027-05-17 at-risk',
      '2027-05-18 at-risk', // the window is open until 12:00
    ]);
  });

  it('keeps the critical PO window: a heads-up line that morning, then its own timely DMs', () => {
    expect(of(list, 'zero-out-pos').map((r) => `${r.kind} ${r.delivery} ${wall(r.dueAt)}`)).toEqual([
      'heads-up morning 2027-05-19 09:00',
      'heads-up-6h own 2027-05-19 15:00',
      'now own 2027-05-19 21:00',
      'overdue own 2027-05-19 23:00',
    ]);
  });
});

describe('planReminders: a member who marks as they go', () => {
  const added = new Date('2026-12-04T20:00:00Z');
  const live = new Date('2026-12-06T16:00:00Z');
  const setup: Marks = {
    'aa-account': done(added),
    'aa-add-item': done(added),
    'aa-images': done(added),
    'aa-sales-copy': done(added),
    'kdp-files-ready': done(added),
  };

  it('checks the listing from the first morning after it can be up, then on the next days, then weekly', () => {
    const list = remind({ marks: setup });
    expect(
      of(list, 'listing-live')
        .slice(0, 6)
        .map((r) => `${dateOf(r.dueAt)} ${r.kind}`),
    ).toEqual([
      '2026-12-05 now',
      '2026-12-06 nudge',
      '2026-12-07 nudge',
      '2026-12-08 nudge',
      '2026-12-12 nudge',
      '2026-12-19 nudge',
    ]);
  });

  it('asks for the PO check every morning from the day after the listing went live until the last before release', () => {
    const list = remind({ marks: { ...setup, 'listing-live': done(live) } });
    const daily = of(list, 'confirm-pos');
    expect(daily.every((r) => r.kind === 'daily' && r.delivery === 'morning')).toBe(true);
    expect(dateOf(daily[0]!.dueAt)).toBe('2026-12-07');
    expect(dateOf(daily.at(-1)!.dueAt)).toBe('2027-05-19');
    expect(new Set(daily.map((r) => dateOf(r.dueAt))).size).toBe(daily.length);
    // Nothing else a day: the heads-up for publishing is a line in one of those mornings.
    expect(of(list, 'kdp-publish').map((r) => `${r.kind} ${r.delivery} ${wall(r.dueAt)}`)).toEqual([
      'heads-up morning 2027-05-17 09:00',
      'now own 2027-05-18 00:00',
      'overdue own 2027-05-18 12:00',
    ]);
  });

  it('sends the support ticket DM only once the PO step is marked, at that moment', () => {
    const at = new Date('2027-05-20T01:30:00Z');
    const before = remind({ marks: { ...setup, 'listing-live': done(live) } });
    expect(of(before, 'support-ticket')).toEqual([]);
    const after = remind({ marks: { ...setup, 'listing-live': done(live), 'zero-out-pos': done(at) } });
    expect(of(after, 'support-ticket').map((r) => `${r.kind} ${r.dueAt.toISOString()}`)).toEqual([
      `now ${at.toISOString()}`,
      'overdue 2027-05-20T04:00:00.000Z',
    ]);
  });

  it('plans nothing for a settled step, and no blocked DM once the listing and the files are done', () => {
    const list = remind({
      marks: { ...setup, 'listing-live': done(live), 'kdp-publish': done('2027-05-18T05:00:00Z') },
    });
    expect(of(list, 'kdp-publish')).toEqual([]);
    expect(list.filter((r) => r.kind === 'blocked')).toEqual([]);
  });

  it('tells about release day in that morning, posts to the channel at R0, and follows up after', () => {
    const list = remind({ marks: { ...setup, 'listing-live': done(live) } });
    expect(of(list, 'release-day').map((r) => `${r.kind} ${r.target} ${wall(r.dueAt)}`)).toEqual([
      'channel-release channel 2027-05-20 00:00',
      'now dm 2027-05-20 09:00',
    ]);
    expect(of(list, 'orders-transfer').map((r) => `${r.kind} ${wall(r.dueAt)}`)).toEqual([
      'now 2027-05-22 09:00',
      'overdue 2027-05-27 09:00',
    ]);
  });
});

describe('planReminders: time zones', () => {
  it('keeps the morning at 09:00 local across a DST change', () => {
    const list = remind({ startedAt: new Date('2027-03-10T15:00:00Z'), releaseDate: '2027-06-01' });
    const march = mornings(list).filter((r) => r.dueAt < new Date('2027-03-20T00:00:00Z'));
    expect(march.map((r) => r.dueAt.toISOString())).toContain('2027-03-11T14:00:00.000Z'); // EST
    expect(march.map((r) => r.dueAt.toISOString())).toContain('2027-03-14T13:00:00.000Z'); // EDT
  });

  it('uses the member zone for mornings and the campaign zone for windows', () => {
    const list = remind({ memberZone: 'Europe/London' });
    for (const r of mornings(list)) expect(wall(r.dueAt, 'Europe/London').endsWith('09:00')).toBe(true);
    expect(wall(of(list, 'zero-out-pos').find((r) => r.kind === 'now')!.dueAt)).toBe('2027-05-19 21:00');
  });

  it('plans the UK check for unconfirmed POs in the same way', () => {
    const list = remind({ marketplace: 'UK', zone: 'Europe/London' });
    expect(of(list, 'zero-out-pos')).toEqual([]);
    expect(of(list, 'check-unconfirmed-pos').map((r) => r.kind)).toEqual(['heads-up', 'heads-up-6h', 'now', 'overdue']);
    expect(dmCount(list, new Date('2027-05-19T23:00:00Z')).own).toBeLessThanOrEqual(6);
  });

  it('never puts a morning on the day the campaign started: its start DM was that day', () => {
    const startedAt = new Date('2027-03-01T12:00:00Z'); // 07:00 EST, before that day's 09:00
    const list = remind({ startedAt, releaseDate: '2027-06-01' });
    expect(mornings(list).every((r) => dateOf(r.dueAt) > '2027-03-01')).toBe(true);
    expect(
      own(list)
        .filter((r) => r.kind === 'start')
        .every((r) => r.dueAt.getTime() === startedAt.getTime()),
    ).toBe(true);
    expect(
      own(list).some(
        (r) => r.dueAt.getTime() - startedAt.getTime() > 0 && r.dueAt.getTime() - startedAt.getTime() < DAY,
      ),
    ).toBe(false);
  });
});
