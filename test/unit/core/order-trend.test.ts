import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  groupTotals,
  orderTrend,
  sortReadings,
  type OrderReading,
} from '../../../src/core/order-trend.ts';

const r = (day: string, orders: number, pos = 0): OrderReading => ({ day, orders, pos });

describe('orderTrend', () => {
  it('has nothing to say without readings', () => {
    expect(orderTrend([], '2027-01-10')).toBeNull();
  });

  it('takes the newest reading as the running total, never the sum of readings', () => {
    const trend = orderTrend([r('2027-01-08', 5, 20), r('2027-01-09', 7, 24), r('2027-01-10', 8, 24)], '2027-01-10')!;
    expect(trend.latest).toEqual(r('2027-01-10', 8, 24));
    expect(trend.entries).toBe(3);
    expect(trend.sincePrevious).toEqual({ day: '2027-01-09', orders: 1, pos: 0 });
  });

  it('orders readings by day whatever order they arrive in', () => {
    const trend = orderTrend([r('2027-01-10', 8), r('2027-01-08', 5), r('2027-01-09', 7)], '2027-01-10')!;
    expect(trend.latest.day).toBe('2027-01-10');
    expect(trend.sincePrevious).toEqual({ day: '2027-01-09', orders: 1, pos: 0 });
  });

  it('shows a drop (cancellations) as a negative change', () => {
    const trend = orderTrend([r('2027-01-09', 10, 30), r('2027-01-10', 8, 25)], '2027-01-10')!;
    expect(trend.sincePrevious).toEqual({ day: '2027-01-09', orders: -2, pos: -5 });
  });

  it('gives no weekly figures until a reading is a week older than the newest', () => {
    const trend = orderTrend([r('2027-01-05', 2), r('2027-01-10', 9)], '2027-01-10')!;
    expect(trend.recent).toBeNull();
    expect(trend.earlier).toBeNull();
    expect(trend.direction).toBeNull();
  });

  it('measures the last week from the newest reading at or before its start', () => {
    // Window ends 01-15; starts 01-08: the 01-06 reading (4) is the newest at or before it.
    const trend = orderTrend([r('2027-01-06', 4), r('2027-01-12', 9), r('2027-01-15', 13)], '2027-01-15')!;
    expect(trend.recent).toBe(9);
    expect(trend.earlier).toBeNull();
    expect(trend.direction).toBeNull();
  });

  it('compares the last 7 days with the 7 before: up, down or steady', () => {
    const days = (a: number, b: number, c: number) => [r('2027-01-01', a), r('2027-01-08', b), r('2027-01-15', c)];
    const up = orderTrend(days(0, 3, 10), '2027-01-15')!;
    expect([up.recent, up.earlier, up.direction]).toEqual([7, 3, 'up']);
    const down = orderTrend(days(0, 10, 12), '2027-01-15')!;
    expect([down.recent, down.earlier, down.direction]).toEqual([2, 10, 'down']);
    const steady = orderTrend(days(1, 5, 9), '2027-01-15')!;
    expect([steady.recent, steady.earlier, steady.direction]).toEqual([4, 4, 'steady']);
  });

  it('ends the windows at the newest reading and reports how stale it is', () => {
    const readings = [r('2027-01-01', 0), r('2027-01-08', 3), r('2027-01-15', 10)];
    const trend = orderTrend(readings, '2027-01-20')!;
    expect(trend.recent).toBe(7);
    expect(trend.direction).toBe('up');
    expect(trend.daysSinceLatest).toBe(5);
    expect(orderTrend(readings, '2027-01-15')!.daysSinceLatest).toBe(0);
  });

  it('uses the window length it is given', () => {
    const trend = orderTrend([r('2027-01-01', 0), r('2027-01-04', 1), r('2027-01-07', 5)], '2027-01-07', 3)!;
    expect([trend.recent, trend.earlier, trend.direction, trend.windowDays]).toEqual([4, 1, 'up', 3]);
  });

  it('counts calendar days across a month end and a leap day', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    expect(daysBetween('2027-12-31', '2028-01-01')).toBe(1);
  });

  it('keeps the last of two readings for one day', () => {
    expect(sortReadings([r('2027-01-10', 1), r('2027-01-10', 4)])).toEqual([r('2027-01-10', 4)]);
  });
});

describe('groupTotals', () => {
  it("adds each campaign's newest reading", () => {
    expect(groupTotals([r('2027-01-10', 8, 24), r('2027-01-09', 3, 5)])).toEqual({ orders: 11, pos: 29, campaigns: 2 });
    expect(groupTotals([])).toEqual({ orders: 0, pos: 0, campaigns: 0 });
  });
});
