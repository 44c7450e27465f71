import { describe, expect, it } from 'vitest';
import { checkFeasibility, type FeasibilityInput } from '../../../src/core/feasibility.ts';

const NY = 'America/New_York';
// 07:00 on Monday 1 March 2027 in New York.
const now = new Date('2027-03-01T12:00:00Z');

const check = (overrides: Partial<FeasibilityInput>) =>
  checkFeasibility({
    releaseDate: '2027-06-01',
    timeZone: NY,
    now,
    advantage: true,
    accountOpen: false,
    itemAddedAt: null,
    listingLive: false,
    published: false,
    ...overrides,
  });

describe('checkFeasibility', () => {
  it('is fine when the listing can be up (48 h) before the publish window opens (48 h before R0)', () => {
    expect(check({})).toEqual({ ok: true });
  });

  it('says a listing cannot be live in time when R0 is less than 96 real hours away, with the earliest date that works', () => {
    // R0 for 5 March is 05:00 UTC; the listing is expected at 3 March 12:00 UTC, after the window opens (3 March 05:00).
    const f = check({ releaseDate: '2027-03-05' });
    expect(f).toMatchObject({ ok: false, reason: 'listing', accountPending: true, earliestDate: '2027-03-06' });
    if (f.ok) throw new Error('expected a problem');
    expect(f.publishOpensAt.toISOString()).toBe('2027-03-03T05:00:00.000Z');
    expect(f.listingExpectedAt!.toISOString()).toBe('2027-03-03T12:00:00.000Z');
    expect(check({ releaseDate: f.earliestDate }).ok).toBe(true);
  });

  it('holds at exactly 96 hours and fails a millisecond later', () => {
    const at = new Date('2027-03-01T05:00:00Z');
    expect(check({ releaseDate: '2027-03-05', now: at }).ok).toBe(true);
    expect(check({ releaseDate: '2027-03-05', now: new Date(at.getTime() + 1) }).ok).toBe(false);
  });

  it('counts real hours across a DST change', () => {
    // New York springs forward on 14 March 2027: 15 March 00:00 EDT is 04:00 UTC.
    expect(check({ releaseDate: '2027-03-15', now: new Date('2027-03-11T04:00:00Z') }).ok).toBe(true);
    expect(check({ releaseDate: '2027-03-15', now: new Date('2027-03-11T04:30:00Z') }).ok).toBe(false);
  });

  it('counts from when the item was added, not from now', () => {
    const added = new Date('2027-02-28T12:00:00Z');
    expect(check({ releaseDate: '2027-03-05', itemAddedAt: added, accountOpen: true }).ok).toBe(true);
    expect(check({ releaseDate: '2027-03-04', itemAddedAt: added, accountOpen: true })).toMatchObject({
      ok: false,
      accountPending: false,
    });
  });

  it('with a live listing, fails only once the publish window has passed', () => {
    expect(check({ releaseDate: '2027-03-03', listingLive: true }).ok).toBe(true); // window open until 1 March 17:00 UTC
    const late = check({ releaseDate: '2027-03-03', listingLive: true, now: new Date('2027-03-01T17:00:00Z') });
    expect(late).toMatchObject({
      ok: false,
      reason: 'window-passed',
      listingExpectedAt: null,
      earliestDate: '2027-03-04',
    });
  });

  it('has nothing to wait for on the Ingram path or once Publish was pressed', () => {
    expect(check({ releaseDate: '2027-03-02', advantage: false }).ok).toBe(true);
    expect(check({ releaseDate: '2027-03-02', published: true }).ok).toBe(true);
  });
});
