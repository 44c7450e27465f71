import { DateTime } from 'luxon';
import { fail, ok, type Result } from './errors.ts';
import { parseReleaseDate } from './release-date.ts';
import type { IsoDate } from './types.ts';

/**
 * Far above any indie print pre-order, and far below the database's 32-bit column: a bigger
 * number is a slip of the keyboard (a pasted ISBN, an extra zero run), not a figure to keep.
 */
export const MAX_COUNT = 1_000_000;

/**
 * How far before the day a campaign was started a reading may be dated. Members often join
 * with the listing already live and a few daily figures noted down; a week lets them back-fill
 * those so the trend has something to compare at once. Older dates are far more likely to be
 * a wrong year or month than a real reading, and the cumulative figure they log today already
 * contains everything that came before.
 */
export const BACKFILL_DAYS = 7;

const WHOLE = /^\d+$/;
const GROUPED = /^\d{1,3}(,\d{3})+$/;

/** A count of orders or units as a member types it: `12`, `1,250`; never negative or fractional. */
export function parseCount(input: string, field: string): Result<number> {
  const text = input.trim().replace(/[\s_]/g, '');
  if (text === '') return fail(field, 'required', `${field} is empty; write a whole number such as 12 (0 if none).`);
  if (/^[-−]/.test(text)) {
    return fail(
      field,
      'invalid',
      `${field} cannot be negative ("${input.trim()}"); write what Advantage shows, e.g. 0 or 12.`,
    );
  }
  const digits = WHOLE.test(text) ? text : GROUPED.test(text) ? text.replace(/,/g, '') : null;
  if (digits === null) {
    const reason = /^\+?\d*[.,]\d+$/.test(text) ? 'must be a whole number (no decimals)' : 'must be a whole number';
    return fail(field, 'invalid', `${field} ${reason}, such as 0, 12 or 1,250; "${input.trim()}" is not one.`);
  }
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > MAX_COUNT) {
    return fail(
      field,
      'invalid',
      `${field} ${input.trim()} is more than ${MAX_COUNT.toLocaleString('en-US')}; check the figure in Advantage and try again.`,
    );
  }
  return ok(value);
}

/** The day a reading is for, as typed: resolved against the campaign's zone later. */
export type LogDateInput = { relative: 'today' | 'yesterday' } | { date: IsoDate };

const RELATIVE: Record<string, 'today' | 'yesterday'> = { today: 'today', yesterday: 'yesterday' };

/** today, yesterday, or a written date (read like a release date); blank is today. */
export function parseLogDate(input: string, field = 'date'): Result<LogDateInput> {
  const text = input.trim().toLowerCase();
  // A button's form sends its optional date field even when left blank: blank means the default.
  if (text === '') return ok({ relative: 'today' });
  const relative = RELATIVE[text];
  if (relative) return ok({ relative });
  const date = parseReleaseDate(input, field);
  if (date.ok) return ok({ date: date.value });
  return fail(
    field,
    date.error.code,
    `${date.error.message} You can also write today or yesterday.`,
    date.error.choices,
  );
}

const longDate = (d: DateTime): string => d.setLocale('en-GB').toFormat('ccc d LLL yyyy');

/**
 * The calendar day (in the campaign's zone) a reading belongs to: never in the future there,
 * and not more than BACKFILL_DAYS before the day the campaign was started.
 */
export function resolveLogDay(
  input: LogDateInput | undefined,
  zone: string,
  now: Date,
  campaignStartedAt: Date,
  field = 'date',
): Result<IsoDate> {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const wanted =
    input === undefined || ('relative' in input && input.relative === 'today')
      ? today
      : 'relative' in input
        ? today.minus({ days: 1 })
        : DateTime.fromISO(input.date, { zone });
  if (wanted > today) {
    return fail(
      field,
      'invalid',
      `${longDate(wanted)} has not happened yet in ${zone}; today there is ${longDate(today)}. Log figures once Advantage shows them.`,
    );
  }
  const earliest = DateTime.fromJSDate(campaignStartedAt, { zone }).startOf('day').minus({ days: BACKFILL_DAYS });
  if (wanted < earliest) {
    return fail(
      field,
      'invalid',
      `${longDate(wanted)} is more than ${BACKFILL_DAYS} days before this campaign was started; readings can go back to ${longDate(earliest)}. Today's figure in Advantage already includes older orders.`,
    );
  }
  return ok(wanted.toISODate()!);
}
