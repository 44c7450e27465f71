import { DateTime } from 'luxon';
import type { IsoDate } from './types.ts';

/**
 * What a member copied from Amazon Advantage for one calendar day of their campaign.
 *
 * A reading is the cumulative figure Advantage displays, not the day's new orders. Advantage
 * shows a title's customer orders (real buyers who pressed the pre-order button) and the units
 * on Amazon's own purchase orders (demand Amazon forecasts, which the author never ships) as
 * standing totals refreshed about once a day, so the honest and easy thing to ask for is the
 * number on the screen: no subtraction by the member, and a missed day loses nothing because
 * the next reading already contains it. It follows that the running total is the latest
 * reading (never a sum of readings), growth over a period is the difference between two
 * readings, and a reading may be lower than the one before when buyers cancel. The trend
 * follows customer orders only: purchase orders are Amazon's guess, not demand.
 */
export interface OrderReading {
  day: IsoDate;
  /** customer orders shown in Advantage that day */
  orders: number;
  /** units on Amazon's purchase orders shown that day */
  pos: number;
}

export type TrendDirection = 'up' | 'down' | 'steady';

export interface OrderTrend {
  /** the newest reading: the running total as Advantage last showed it */
  latest: OrderReading;
  /** how many days have been logged */
  entries: number;
  /** change from the reading before the newest one; null with a single reading */
  sincePrevious: { day: IsoDate; orders: number; pos: number } | null;
  /**
   * Customer orders gained in the `windowDays` days up to the newest reading, and in the
   * `windowDays` before those; null when no reading is old enough to measure from.
   */
  recent: number | null;
  earlier: number | null;
  /** recent compared with earlier; null until both are known */
  direction: TrendDirection | null;
  windowDays: number;
  /** whole days from the newest reading to `today` (0 when logged today) */
  daysSinceLatest: number;
}

const day = (iso: IsoDate) => DateTime.fromISO(iso, { zone: 'utc' });
const shift = (iso: IsoDate, days: number): IsoDate => day(iso).plus({ days }).toISODate()!;
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round(day(to).diff(day(from), 'days').days);

/** Readings oldest first, one per day (the last one wins if a day repeats). */
export function sortReadings(readings: readonly OrderReading[]): OrderReading[] {
  const byDay = new Map<IsoDate, OrderReading>();
  for (const r of readings) byDay.set(r.day, r);
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * Customer orders as Advantage showed them at the end of `on`: the newest reading on or before
 * that day. A gap between readings counts its growth on the day it was seen, which is all a
 * once-a-day figure can tell us.
 */
function ordersAsOf(sorted: readonly OrderReading[], on: IsoDate): number | null {
  let found: number | null = null;
  for (const r of sorted) {
    if (r.day > on) break;
    found = r.orders;
  }
  return found;
}

/**
 * Running total and direction from a campaign's readings. Windows end at the newest reading
 * rather than at `today`, so a member who stops logging for a while is told how stale the
 * figures are (`daysSinceLatest`) instead of being shown a false drop to zero growth.
 */
export function orderTrend(readings: readonly OrderReading[], today: IsoDate, windowDays = 7): OrderTrend | null {
  const sorted = sortReadings(readings);
  const latest = sorted.at(-1);
  if (!latest) return null;
  const previous = sorted.at(-2);
  const end = latest.day;
  const mid = shift(end, -windowDays);
  const start = shift(end, -2 * windowDays);
  const atMid = ordersAsOf(sorted, mid);
  const atStart = ordersAsOf(sorted, start);
  const recent = atMid === null ? null : latest.orders - atMid;
  const earlier = atMid === null || atStart === null ? null : atMid - atStart;
  return {
    latest,
    entries: sorted.length,
    sincePrevious: previous
      ? { day: previous.day, orders: latest.orders - previous.orders, pos: latest.pos - previous.pos }
      : null,
    recent,
    earlier,
    direction: recent === null || earlier === null ? null : directionOf(recent, earlier),
    windowDays,
    daysSinceLatest: Math.max(0, daysBetween(end, today)),
  };
}

const directionOf = (recent: number, earlier: number): TrendDirection =>
  recent > earlier ? 'up' : recent < earlier ? 'down' : 'steady';

/**
 * A group's pre-orders: because readings are cumulative, each campaign contributes its newest
 * reading only (adding a campaign's readings together would count the same orders many times).
 */
export function groupTotals(latestPerCampaign: readonly Pick<OrderReading, 'orders' | 'pos'>[]): {
  orders: number;
  pos: number;
  campaigns: number;
} {
  let orders = 0;
  let pos = 0;
  for (const r of latestPerCampaign) {
    orders += r.orders;
    pos += r.pos;
  }
  return { orders, pos, campaigns: latestPerCampaign.length };
}
