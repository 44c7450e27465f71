import { DateTime } from 'luxon';
import { fail, ok, type Result } from './errors.ts';

/**
 * When reminders may go out: quiet hours, snoozes, the daily digest and retry back-off. All
 * local times are in the member's (or community's) IANA zone, so they hold across DST changes.
 */

/** Local hours 0–23; `start > end` wraps midnight (22–7). */
export interface QuietHours {
  start: number;
  end: number;
}

export const SNOOZE_CHOICES = ['1h', '3h', 'tomorrow'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** The sociable local hour for "tomorrow" snoozes and daily nudges. */
export const MORNING_HOUR = 9;

function inQuietHours(hour: number, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

/** When the quiet hours around `instant` end, or null if `instant` is not in them. */
export function quietHoursEnd(instant: Date, zone: string, quiet: QuietHours): Date | null {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!inQuietHours(local.hour, quiet)) return null;
  let end = local.set({ hour: quiet.end, minute: 0, second: 0, millisecond: 0 });
  if (end <= local) end = end.plus({ days: 1 }).set({ hour: quiet.end });
  return end.toJSDate();
}

/** The first local `hour`:00 strictly after `after`. */
export function nextLocalHour(after: Date, zone: string, hour: number): Date {
  const local = DateTime.fromJSDate(after, { zone });
  const today = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  return (today > local ? today : today.plus({ days: 1 }).set({ hour })).toJSDate();
}

export function snoozeUntil(now: Date, choice: SnoozeChoice, zone: string): Date {
  switch (choice) {
    case '1h':
      return new Date(now.getTime() + 3_600_000);
    case '3h':
      return new Date(now.getTime() + 3 * 3_600_000);
    case 'tomorrow': {
      const local = DateTime.fromJSDate(now, { zone });
      return local.plus({ days: 1 }).set({ hour: MORNING_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    }
  }
}

export function parseSnoozeChoice(input: string, field = 'for'): Result<SnoozeChoice> {
  const value = input.trim().toLowerCase().replace(/\s+/g, '');
  const aliases: Record<string, SnoozeChoice> = {
    '1h': '1h',
    '1hour': '1h',
    '60m': '1h',
    '3h': '3h',
    '3hours': '3h',
    tomorrow: 'tomorrow',
    'tomorrow09:00': 'tomorrow',
    tomorrow9am: 'tomorrow',
  };
  const found = aliases[value];
  return found
    ? ok(found)
    : fail(field, 'invalid', `${field} must be 1h, 3h or tomorrow (09:00 your time).`, [...SNOOZE_CHOICES]);
}

/**
 * Parses "22-07", "22:00-07:00", "10pm-7am" or "off" (null). Whole hours only: quiet hours are
 * a coarse preference, and hour columns keep the rule easy to state.
 */
export function parseQuietHours(input: string, field = 'quiet'): Result<QuietHours | null> {
  const value = input.trim().toLowerCase();
  if (['off', 'none', 'no'].includes(value)) return ok(null);
  const hour = /^(\d{1,2})(?::00)?\s*(am|pm)?$/;
  const parts = value.split(/\s*(?:-|–|to)\s*/);
  const invalid: Result<QuietHours | null> = fail(
    field,
    'invalid',
    `${field} should be a range of whole hours in your time zone, like 22-07 or 10pm-7am, or "off".`,
  );
  if (parts.length !== 2) return invalid;
  const hours = parts.map((part) => {
    const m = hour.exec(part);
    if (!m) return NaN;
    let h = Number(m[1]);
    if (m[2]) {
      if (h < 1 || h > 12) return NaN;
      h = (h % 12) + (m[2] === 'pm' ? 12 : 0);
    }
    return h >= 0 && h <= 23 ? h : NaN;
  });
  const [start, end] = hours as [number, number];
  if (Number.isNaN(start) || Number.isNaN(end)) return invalid;
  if (start === end)
    return fail(field, 'invalid', `${field} starts and ends at the same hour; use "off" to turn quiet hours off.`);
  return ok({ start, end });
}

export const formatQuietHours = (quiet: QuietHours): string =>
  `${String(quiet.start).padStart(2, '0')}:00–${String(quiet.end).padStart(2, '0')}:00`;

const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 30 * 60_000;

/**
 * Delay before the next attempt after a transient failure: exponential from 30 s, capped at
 * 30 min, with ±25 % jitter so a fleet of processes does not retry in step. A platform's
 * Retry-After is honoured as a floor.
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.75 + 0.5 * random());
  if (retryAfterMs === undefined) return Math.round(jittered);
  return Math.round(Math.max(retryAfterMs, 0) + 1_000 * random());
}
