import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planTimeline, r0 } from '../../../src/core/timeline.ts';
import type { PlannedMilestone, TimelineInput } from '../../../src/core/timeline.ts';
import type { MilestoneId } from '../../../src/core/types.ts';
import { kdpPlanSteps } from '../../support/plan-steps.ts';

const HOUR = 3_600_000;
const now = new Date('2027-05-01T12:00:00Z');

const plan = (overrides: Partial<TimelineInput> = {}): PlannedMilestone[] =>
  planTimeline({
    releaseDate: '2027-06-15',
    timeZone: 'America/New_York',
    marketplace: 'US',
    printer: 'kdp',
    now,
    ...overrides,
  });

function find(list: PlannedMilestone[], id: MilestoneId): PlannedMilestone {
  const found = list.find((m) => m.id === id);
  if (!found) throw new Error(`${id} is not in the plan`);
  return found;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const wall = (d: Date | null, zone: string): string =>
  d ? DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm') : 'none';
const span = (m: PlannedMilestone): [string | null, string | null] => [iso(m.opensAt), iso(m.closesAt)];

describe('r0', () => {
  it('is midnight at the start of R in the zone', () => {
    expect(r0('2027-06-15', 'America/New_York').toISOString()).toBe('2027-06-15T04:00:00.000Z');
    expect(r0('2027-01-15', 'America/New_York').toISOString()).toBe('2027-01-15T05:00:00.000Z');
    expect(r0('2027-10-31', 'Europe/London').toISOString()).toBe('2027-10-30T23:00:00.000Z');
    expect(r0('2027-06-01', 'Asia/Kolkata').toISOString()).toBe('2027-05-31T18:30:00.000Z');
    expect(r0('2027-06-01', 'UTC').toISOString()).toBe('2027-06-01T00:00:00.000Z');
  });

  it('is the first instant of the day where midnight itself is skipped by DST', () => {
    // Chile springs forward at midnight: 5 September 2027 starts at 01:00 local.
    expect(r0('2027-09-05', 'America/Santiago').toISOString()).toBe('2027-09-05T04:00:00.000Z');
  });

  it('throws for an unusable date or zone (inputs are validated before planning)', () => {
    expect(() => r0('2027-02-30', 'UTC')).toThrow(RangeError);
    expect(() => r0('2027-06-01', 'Mars/Base')).toThrow(RangeError);
  });
});

describe('planTimeline: US, KDP', () => {
  const list = plan();

  it('lists the US milestones in plan order', () => {
    expect(list.map((m) => m.id)).toEqual(kdpPlanSteps());
  });

  it('wants the print files ready from the start until the publish window opens', () => {
    const m = find(list, 'kdp-files-ready');
    expect(m).toMatchObject({ kind: 'asap', critical: false, after: [] });
    expect(m.opensAt).toEqual(now);
    expect(m.closesAt).toEqual(find(list, 'kdp-publish').opensAt);
  });

  it('opens asap milestones now, with no deadline', () => {
    for (const id of ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy'] as const) {
      const m = find(list, id);
      expect(m).toMatchObject({ kind: 'asap', closesAt: null, expectedBy: null, escalateAt: null });
      expect(m.opensAt).toEqual(now);
    }
  });

  it('opens listing-live 3 h after start, expects it by 48 h and escalates at 72 h', () => {
    const m = find(list, 'listing-live');
    expect(m.kind).toBe('open-ended');
    expect(iso(m.opensAt)).toBe('2027-05-01T15:00:00.000Z');
    expect(iso(m.expectedBy)).toBe('2027-05-03T12:00:00.000Z');
    expect(iso(m.escalateAt)).toBe('2027-05-04T12:00:00.000Z');
    expect(m.closesAt).toBeNull();
  });

  it('runs confirm-pos daily from listing-live until R0 − 1 h', () => {
    const m = find(list, 'confirm-pos');
    expect(m.kind).toBe('daily');
    expect(span(m)).toEqual(['2027-05-01T15:00:00.000Z', '2027-06-15T03:00:00.000Z']);
  });

  it('places the windows around R0 exactly as the process table says', () => {
    expect(span(find(list, 'kdp-publish'))).toEqual(['2027-06-13T04:00:00.000Z', '2027-06-13T16:00:00.000Z']);
    expect(span(find(list, 'zero-out-pos'))).toEqual(['2027-06-15T01:00:00.000Z', '2027-06-15T03:00:00.000Z']);
    expect(span(find(list, 'support-ticket'))).toEqual(['2027-06-15T01:00:00.000Z', '2027-06-15T04:00:00.000Z']);
    expect(span(find(list, 'release-day'))).toEqual(['2027-06-15T04:00:00.000Z', '2027-06-16T04:00:00.000Z']);
    expect(span(find(list, 'orders-transfer'))).toEqual(['2027-06-17T04:00:00.000Z', '2027-06-22T04:00:00.000Z']);
    for (const id of ['kdp-publish', 'zero-out-pos', 'support-ticket', 'release-day', 'orders-transfer'] as const) {
      expect(find(list, id).kind).toBe('window');
    }
  });

  it('escalates orders-transfer when its window closes with nothing', () => {
    const m = find(list, 'orders-transfer');
    expect(m.escalateAt).toEqual(m.closesAt);
  });

  it('opens close-aa-account 30 days after R0 with no end', () => {
    const m = find(list, 'close-aa-account');
    expect(m).toMatchObject({ kind: 'open-ended', closesAt: null });
    expect(iso(m.opensAt)).toBe('2027-07-15T04:00:00.000Z');
  });

  it('marks the critical steps and the documented order', () => {
    expect(list.filter((m) => m.critical).map((m) => m.id)).toEqual(['kdp-publish', 'zero-out-pos', 'support-ticket']);
    const after = Object.fromEntries(list.map((m) => [m.id, m.after]));
    expect(after).toEqual({
      'aa-account': [],
      'aa-add-item': ['aa-account'],
      'aa-images': ['aa-add-item'],
      'aa-sales-copy': ['aa-add-item'],
      'listing-live': ['aa-add-item'],
      'confirm-pos': ['listing-live'],
      'kdp-files-ready': [],
      'kdp-publish': ['listing-live', 'kdp-files-ready'],
      'zero-out-pos': [],
      'support-ticket': ['zero-out-pos'],
      'release-day': [],
      'orders-transfer': [],
      'close-aa-account': [],
    });
  });

  it('carries the catalogue titles', () => {
    expect(find(list, 'kdp-publish').title).toMatch(/Publish/);
  });
});

describe('planTimeline: start and done times', () => {
  it('uses startedAt over now', () => {
    const startedAt = new Date('2027-04-20T08:00:00Z');
    const list = plan({ startedAt });
    expect(find(list, 'aa-account').opensAt).toEqual(startedAt);
    expect(iso(find(list, 'listing-live').opensAt)).toBe('2027-04-20T11:00:00.000Z');
  });

  it('does not depend on now once startedAt is given', () => {
    const startedAt = new Date('2027-04-20T08:00:00Z');
    expect(plan({ startedAt, now: new Date('2027-06-01T00:00:00Z') })).toEqual(plan({ startedAt }));
  });

  it('counts listing-live from when aa-add-item was done', () => {
    const added = new Date('2027-05-03T20:30:00Z');
    const m = find(plan({ done: { 'aa-add-item': added } }), 'listing-live');
    expect(iso(m.opensAt)).toBe('2027-05-03T23:30:00.000Z');
    expect(iso(m.expectedBy)).toBe('2027-05-05T20:30:00.000Z');
    expect(iso(m.escalateAt)).toBe('2027-05-06T20:30:00.000Z');
  });

  it('starts confirm-pos when listing-live was done', () => {
    const live = new Date('2027-05-02T09:15:00Z');
    const m = find(plan({ done: { 'aa-add-item': now, 'listing-live': live } }), 'confirm-pos');
    expect(m.opensAt).toEqual(live);
    expect(iso(m.closesAt)).toBe('2027-06-15T03:00:00.000Z');
  });

  it('is deterministic', () => {
    expect(plan()).toEqual(plan());
  });
});

describe('planTimeline: UK', () => {
  const list = plan({ marketplace: 'UK', timeZone: 'Europe/London' });

  it('has check-unconfirmed-pos instead of zero-out-pos, in the same window', () => {
    const ids = list.map((m) => m.id);
    expect(ids).toContain('check-unconfirmed-pos');
    expect(ids).not.toContain('zero-out-pos');
    expect(ids.indexOf('check-unconfirmed-pos')).toBe(ids.indexOf('kdp-publish') + 1);
    // Release 15 June in London: R0 is 23:00 UTC on the 14th (BST).
    expect(span(find(list, 'check-unconfirmed-pos'))).toEqual(['2027-06-14T20:00:00.000Z', '2027-06-14T22:00:00.000Z']);
    expect(find(list, 'check-unconfirmed-pos').critical).toBe(true);
    expect(find(list, 'support-ticket').after).toEqual(['check-unconfirmed-pos']);
  });

  it('has the same thirteen steps as the US apart from the PO step', () => {
    expect(list).toHaveLength(13);
  });
});

describe('planTimeline: printers', () => {
  it.each(['ingramspark', 'lightningsource'] as const)('%s gets only setup and release day', (printer) => {
    for (const marketplace of ['US', 'UK'] as const) {
      const list = plan({ printer, marketplace });
      expect(list.map((m) => m.id)).toEqual(['ingram-preorder-setup', 'release-day']);
      expect(list[0]).toMatchObject({ kind: 'asap', opensAt: now, closesAt: null, after: [] });
      expect(span(list[1]!)).toEqual(['2027-06-15T04:00:00.000Z', '2027-06-16T04:00:00.000Z']);
    }
  });

  it('treats createspace exactly like kdp', () => {
    for (const marketplace of ['US', 'UK'] as const) {
      expect(plan({ printer: 'createspace', marketplace })).toEqual(plan({ printer: 'kdp', marketplace }));
    }
  });

  it('never mixes the Ingram step into the AA plan', () => {
    expect(plan().map((m) => m.id)).not.toContain('ingram-preorder-setup');
  });
});

describe('planTimeline: daylight saving (US, spring forward 2027-03-14 02:00)', () => {
  const ny = 'America/New_York';
  const at = (releaseDate: string) => plan({ releaseDate, timeZone: ny, now: new Date('2027-02-01T12:00:00Z') });

  it('R = 15 March: KDP publish opens 48 real hours before R0, at 23:00 on the 12th local', () => {
    const m = find(at('2027-03-15'), 'kdp-publish');
    expect(iso(m.opensAt)).toBe('2027-03-13T04:00:00.000Z');
    expect(wall(m.opensAt, ny)).toBe('2027-03-12 23:00');
    expect(wall(m.closesAt, ny)).toBe('2027-03-13 11:00');
    // Wall-clock arithmetic would have said 13 March 00:00, one real hour later.
    expect(m.opensAt.getTime()).toBe(r0('2027-03-15', ny).getTime() - 48 * HOUR);
  });

  it('R = 16 March: the window straddles the change, 12 real hours long', () => {
    const m = find(at('2027-03-16'), 'kdp-publish');
    expect(wall(m.opensAt, ny)).toBe('2027-03-13 23:00');
    expect(wall(m.closesAt, ny)).toBe('2027-03-14 12:00');
    expect(m.closesAt!.getTime() - m.opensAt.getTime()).toBe(12 * HOUR);
  });

  it('R = 17 March: no change inside the 48 hours, so it opens at local midnight', () => {
    expect(wall(find(at('2027-03-17'), 'kdp-publish').opensAt, ny)).toBe('2027-03-15 00:00');
  });

  it('R = 14 March (the change day): release day lasts 24 real hours, ending 01:00 local', () => {
    const list = at('2027-03-14');
    const day = find(list, 'release-day');
    expect(iso(day.opensAt)).toBe('2027-03-14T05:00:00.000Z');
    expect(wall(day.closesAt, ny)).toBe('2027-03-15 01:00');
    expect(wall(find(list, 'zero-out-pos').opensAt, ny)).toBe('2027-03-13 21:00');
  });

  it('orders-transfer counts calendar days: R = 13 March gives 47 real hours to the window', () => {
    const m = find(at('2027-03-13'), 'orders-transfer');
    expect(wall(m.opensAt, ny)).toBe('2027-03-15 00:00');
    expect(m.opensAt.getTime() - r0('2027-03-13', ny).getTime()).toBe(47 * HOUR);
    expect(wall(m.closesAt, ny)).toBe('2027-03-20 00:00');
  });
});

describe('planTimeline: daylight saving (UK, clocks go back 2027-10-31 02:00)', () => {
  const lon = 'Europe/London';
  const at = (releaseDate: string) =>
    plan({ releaseDate, timeZone: lon, marketplace: 'UK', now: new Date('2027-09-01T12:00:00Z') });

  it('R = 31 October: R0 is 23:00 UTC the day before; release day ends at 23:00 local', () => {
    const list = at('2027-10-31');
    const day = find(list, 'release-day');
    expect(iso(day.opensAt)).toBe('2027-10-30T23:00:00.000Z');
    expect(wall(day.closesAt, lon)).toBe('2027-10-31 23:00');
    expect(span(find(list, 'check-unconfirmed-pos'))).toEqual(['2027-10-30T20:00:00.000Z', '2027-10-30T22:00:00.000Z']);
    expect(span(find(list, 'kdp-publish'))).toEqual(['2027-10-28T23:00:00.000Z', '2027-10-29T11:00:00.000Z']);
    expect(iso(find(list, 'confirm-pos').closesAt)).toBe('2027-10-30T22:00:00.000Z');
  });

  it('R = 1 November: KDP publish opens at 01:00 local, 48 real hours before R0', () => {
    const m = find(at('2027-11-01'), 'kdp-publish');
    expect(wall(m.opensAt, lon)).toBe('2027-10-30 01:00');
    expect(iso(m.opensAt)).toBe('2027-10-30T00:00:00.000Z');
  });

  it('R = 30 October: orders-transfer opens two calendar days later, 49 real hours after R0', () => {
    const list = at('2027-10-30');
    const m = find(list, 'orders-transfer');
    expect(wall(m.opensAt, lon)).toBe('2027-11-01 00:00');
    expect(m.opensAt.getTime() - r0('2027-10-30', lon).getTime()).toBe(49 * HOUR);
    expect(wall(m.closesAt, lon)).toBe('2027-11-06 00:00');
    expect(wall(find(list, 'close-aa-account').opensAt, lon)).toBe('2027-11-29 00:00');
  });
});

describe('planTimeline: half-hour offset (Asia/Kolkata)', () => {
  const list = plan({ releaseDate: '2027-06-01', timeZone: 'Asia/Kolkata', marketplace: 'US' });

  it('keeps the :30 offset in every window', () => {
    expect(span(find(list, 'kdp-publish'))).toEqual(['2027-05-29T18:30:00.000Z', '2027-05-30T06:30:00.000Z']);
    expect(span(find(list, 'zero-out-pos'))).toEqual(['2027-05-31T15:30:00.000Z', '2027-05-31T17:30:00.000Z']);
    expect(span(find(list, 'release-day'))).toEqual(['2027-05-31T18:30:00.000Z', '2027-06-01T18:30:00.000Z']);
    expect(span(find(list, 'orders-transfer'))).toEqual(['2027-06-02T18:30:00.000Z', '2027-06-07T18:30:00.000Z']);
    expect(wall(find(list, 'support-ticket').opensAt, 'Asia/Kolkata')).toBe('2027-05-31 21:00');
  });
});

describe('planTimeline: invariants', () => {
  const cases: Array<[string, string]> = [
    ['2027-03-14', 'America/New_York'],
    ['2027-11-07', 'America/New_York'],
    ['2027-10-31', 'Europe/London'],
    ['2027-03-28', 'Europe/London'],
    ['2027-04-04', 'Australia/Sydney'],
    ['2027-06-01', 'Asia/Kolkata'],
    ['2027-09-26', 'Pacific/Auckland'],
  ];

  it.each(cases)('R = %s in %s: hour offsets are real hours from R0', (releaseDate, timeZone) => {
    const list = plan({ releaseDate, timeZone, now: new Date('2027-01-01T00:00:00Z') });
    const zero = r0(releaseDate, timeZone).getTime();
    const hoursFromR0 = (d: Date | null) => (d ? (d.getTime() - zero) / HOUR : null);
    const offsets = (id: MilestoneId) => [hoursFromR0(find(list, id).opensAt), hoursFromR0(find(list, id).closesAt)];
    expect(offsets('kdp-publish')).toEqual([-48, -36]);
    expect(offsets('zero-out-pos')).toEqual([-3, -1]);
    expect(offsets('support-ticket')).toEqual([-3, 0]);
    expect(offsets('release-day')).toEqual([0, 24]);
    expect(hoursFromR0(find(list, 'confirm-pos').closesAt)).toBe(-1);
    for (const m of list) {
      if (m.closesAt) expect(m.closesAt.getTime()).toBeGreaterThan(m.opensAt.getTime());
    }
    // Day offsets land on local midnight whatever happened to the clocks in between.
    for (const id of ['orders-transfer', 'close-aa-account'] as const) {
      expect(wall(find(list, id).opensAt, timeZone).endsWith('00:00')).toBe(true);
    }
  });
});

/** The oracle: the first instant whose local date (per Intl, not luxon) is `date`, found minute by minute. */
function firstInstantByIntl(date: string, zone: string): number {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateAt = (ms: number) => fmt.format(new Date(ms));
  let t = Date.parse(`${date}T00:00:00Z`) - 15 * HOUR;
  while (dateAt(t) < date) t += 60_000;
  // Back to the exact millisecond within that minute.
  let lo = t - 60_000;
  while (t - lo > 1) {
    const mid = Math.floor((lo + t) / 2);
    if (dateAt(mid) >= date) t = mid;
    else lo = mid;
  }
  return t;
}

describe('R0 and day offsets where clocks change at local midnight', () => {
  it('Havana, 7 November 2027 (clocks fall back 01:00 → 00:00): R0 is the first of two midnights', () => {
    expect(r0('2027-11-07', 'America/Havana').toISOString()).toBe('2027-11-07T04:00:00.000Z');
    const list = plan({ releaseDate: '2027-11-07', timeZone: 'America/Havana', now: new Date('2027-10-01T00:00:00Z') });
    expect(iso(find(list, 'release-day').opensAt)).toBe('2027-11-07T04:00:00.000Z');
    expect(iso(find(list, 'kdp-publish').opensAt)).toBe('2027-11-05T04:00:00.000Z');
  });

  it('Santiago, release 5 September 2027 (00:00 skipped): orders-transfer starts at 00:00 on the 7th', () => {
    const zone = 'America/Santiago';
    const list = plan({ releaseDate: '2027-09-05', timeZone: zone, now: new Date('2027-08-01T00:00:00Z') });
    expect(wall(find(list, 'release-day').opensAt, zone)).toBe('2027-09-05 01:00');
    expect(wall(find(list, 'orders-transfer').opensAt, zone)).toBe('2027-09-07 00:00');
    expect(wall(find(list, 'orders-transfer').closesAt, zone)).toBe('2027-09-12 00:00');
  });

  const cases: Array<[string, string]> = [
    ['2027-11-07', 'America/Havana'],
    ['2027-03-14', 'America/Havana'],
    ['2027-09-05', 'America/Santiago'],
    ['2027-04-04', 'America/Santiago'],
    ['2027-03-28', 'Asia/Beirut'],
    ['2027-10-31', 'Asia/Beirut'],
    ['2027-03-14', 'America/New_York'],
    ['2027-10-31', 'Europe/London'],
  ];
  it.each(cases)(
    'R = %s in %s: R0 and R0 + n days are the first instants of their dates (checked with Intl)',
    (date, zone) => {
      expect(r0(date, zone).getTime()).toBe(firstInstantByIntl(date, zone));
      const list = plan({ releaseDate: date, timeZone: zone, now: new Date('2027-01-01T00:00:00Z') });
      const plusDays = (n: number) => {
        const d = new Date(`${date}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + n);
        return d.toISOString().slice(0, 10);
      };
      expect(find(list, 'orders-transfer').opensAt.getTime()).toBe(firstInstantByIntl(plusDays(2), zone));
      expect(find(list, 'orders-transfer').closesAt!.getTime()).toBe(firstInstantByIntl(plusDays(7), zone));
      expect(find(list, 'close-aa-account').opensAt.getTime()).toBe(firstInstantByIntl(plusDays(30), zone));
    },
  );
});
