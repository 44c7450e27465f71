import { DateTime } from 'luxon';
import type { IsoDate } from './types.ts';

/**
 * Calendar days in a time zone, by date rather than by wall-clock time. Where clocks change at
 * local midnight a day can start at 01:00 (the 00:00 hour is skipped) or twice at 00:00 (clocks
 * fall back), and luxon's startOf('day') and plus({ days }) keep a wall-clock time, so they
 * land an hour late there. Every deadline hangs off these instants, so they are found exactly.
 */

const MINUTE_MS = 60_000;
/** UTC offsets lie within −12 h and +14 h: a local date starts within this much of its UTC midnight. */
const SEARCH_BEFORE_MS = 15 * 60 * MINUTE_MS;
const SEARCH_AFTER_MS = 13 * 60 * MINUTE_MS;

const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

const HOUR_MS = 60 * MINUTE_MS;
/** A zone's UTC offset (minutes) through each hour, or null for an hour its clocks change in. */
const hourOffsets = new Map<string, number | null>();

/**
 * The local calendar date of an instant in `zone`. A plan asks this for every reminder of every
 * campaign, and luxon's Intl lookup of the zone's offset was the largest CPU cost of planning one
 * (issue 17): the offset is kept per zone and hour, and luxon answers only in an hour whose
 * clocks change (or for a zone it cannot place).
 */
export function localDate(ms: number, zone: string): IsoDate {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${zone}|${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const first = DateTime.fromMillis(hour * HOUR_MS, { zone }).offset;
    const last = DateTime.fromMillis((hour + 1) * HOUR_MS - 1, { zone }).offset;
    offset = first === last ? first : null;
    if (hourOffsets.size >= CACHE_LIMIT) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset === null || !Number.isFinite(offset)) return DateTime.fromMillis(ms, { zone }).toISODate()!;
  return new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 10);
}

const dayCache = new Map<string, IsoDate>();

/**
 * The date `n` calendar days after `date` (pure date arithmetic, no zone involved). Memoised: a
 * plan walks the same few hundred dates for every campaign.
 */
export function addDays(date: IsoDate, n: number): IsoDate {
  const key = `${date}|${n}`;
  const cached = dayCache.get(key);
  if (cached !== undefined) return cached;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const found = new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
  if (dayCache.size >= CACHE_LIMIT) dayCache.clear();
  dayCache.set(key, found);
  return found;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Epoch ms of the first instant of `date` in `zone`: midnight as a rule, 01:00 where the 00:00
 * hour does not exist, the earlier of two midnights where clocks fall back at 01:00.
 * Throws RangeError for a date or zone that cannot be placed (inputs are validated upstream).
 */
export function dayStartMs(date: IsoDate, zone: string): number {
  const key = `${date}|${zone}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const found = findDayStart(date, zone);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

function findDayStart(date: IsoDate, zone: string): number {
  const guess = DateTime.fromISO(date, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !guess.isValid) {
    throw new RangeError(`Cannot place the date ${date} in zone ${zone}`);
  }
  // The usual case: luxon's midnight is on the date and the instant before it is not.
  const t = guess.startOf('day').toMillis();
  if (localDate(t, zone) === date && localDate(t - 1, zone) < date) return t;
  // Otherwise search: "the local date is on or after `date`" turns true exactly once here.
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let lo = utcMidnight - SEARCH_BEFORE_MS;
  let hi = utcMidnight + SEARCH_AFTER_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, zone) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant of the date `n` days after `date`, in `zone` ("R0 + n days"). */
export function dayStartAfter(date: IsoDate, n: number, zone: string): number {
  return dayStartMs(addDays(date, n), zone);
}

const hourCache = new Map<string, number>();

/**
 * The first instant of the local hour `hour` on `date` in `zone` (the next instant if it was
 * skipped). Memoised like dayStartMs: a reminder plan asks for every morning of a campaign, and
 * luxon's zone arithmetic was the largest part of planning one (issue 17).
 */
export function localHourOn(date: IsoDate, hour: number, zone: string): number {
  const key = `${date}|${hour}|${zone}`;
  const cached = hourCache.get(key);
  if (cached !== undefined) return cached;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const found = DateTime.fromObject({ year: y, month: m, day: d, hour }, { zone }).toMillis();
  if (hourCache.size >= CACHE_LIMIT) hourCache.clear();
  hourCache.set(key, found);
  return found;
}
