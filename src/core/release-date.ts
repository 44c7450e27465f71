import { DateTime } from 'luxon';
import { fail, ok } from './errors.ts';
import type { Result } from './errors.ts';
import type { IsoDate } from './types.ts';
import { isValidTimeZone } from './timezone.ts';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const FORMS = '2027-03-15, 15 March 2027 or March 15, 2027';

const MAX_YEARS_AHEAD = 3;

const pad = (n: number): string => String(n).padStart(2, '0');
const monthName = (month: number): string => MONTH_NAMES[month - 1] ?? `month ${month}`;
const inWords = (year: number, month: number, day: number): string => `${day} ${monthName(month)} ${year}`;

const daysInMonth = (year: number, month: number): number => DateTime.utc(year, month, 1).daysInMonth ?? 31;

/** A full month name or any prefix of at least three letters ("sept" included). */
function monthFromWord(word: string): number | null {
  if (word.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(word));
  return index === -1 ? null : index + 1;
}

/** Why a year/month/day cannot be a date, or null when it is one. */
function impossible(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `there is no month ${month} (months run from 1 to 12)`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return day < 1 ? `there is no day ${day} in a month` : `${monthName(month)} ${year} has ${days} days`;
  }
  return null;
}

function build(year: number, month: number, day: number, input: string, field: string): Result<IsoDate> {
  const why = impossible(year, month, day);
  if (why) return fail(field, 'invalid', `"${input}" is not a real date: ${why}.`);
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

const twoDigitYear = (input: string, field: string): Result<never> =>
  fail(
    field,
    'invalid',
    `"${input}" has a two-digit year. Please write the full year, e.g. 2027, so there is no doubt about the century.`,
  );

const notADate = (input: string, field: string): Result<never> =>
  fail(field, 'invalid', `"${input}" doesn't look like a date I can read. Try ${FORMS}.`);

function parseNumeric(a: number, b: number, yearText: string, input: string, field: string): Result<IsoDate> {
  if (yearText.length === 2) return twoDigitYear(input, field);
  if (yearText.length !== 4) return notADate(input, field);
  const year = Number(yearText);
  const dayFirst = impossible(year, b, a) === null;
  const monthFirst = impossible(year, a, b) === null;
  if (dayFirst && monthFirst && a !== b) {
    const readings = [`${year}-${pad(b)}-${pad(a)}`, `${year}-${pad(a)}-${pad(b)}`];
    return fail(
      field,
      'ambiguous',
      `"${input}" could be read two ways: ${inWords(year, b, a)} or ${inWords(year, a, b)}? ` +
        `Please write the month as a word or use YYYY-MM-DD.`,
      readings,
    );
  }
  if (dayFirst) return build(year, b, a, input, field);
  if (monthFirst) return build(year, a, b, input, field);
  // Neither reading works: explain using the reading whose month at least exists.
  return b <= 12 ? build(year, b, a, input, field) : build(year, a, b, input, field);
}

function parseWords(text: string, input: string, field: string): Result<IsoDate> {
  const words = text
    .replace(/[,./-]/g, ' ')
    .replace(/^the /, '')
    .replace(/ of /, ' ')
    .trim()
    .split(/\s+/);
  const dayPattern = /^(\d{1,2})(?:st|nd|rd|th)?$/;
  let day: RegExpExecArray | null = null;
  let month: number | null = null;
  if (words[0] && (day = dayPattern.exec(words[0]))) month = monthFromWord(words[1] ?? '');
  else if (words[1] && (day = dayPattern.exec(words[1]))) month = monthFromWord(words[0] ?? '');
  if (!day || month === null || words.length > 3) return notADate(input, field);
  const yearText = words[2];
  if (yearText === undefined) {
    return fail(field, 'invalid', `"${input}" needs a year too, e.g. ${inWords(2027, month, Number(day[1]))}.`);
  }
  if (/^\d{2}$/.test(yearText)) return twoDigitYear(input, field);
  if (!/^\d{4}$/.test(yearText)) return notADate(input, field);
  return build(Number(yearText), month, Number(day[1]), input, field);
}

/**
 * Reads a release date the way members write one. Numeric day/month orders differ between the
 * US and the UK, so when both readings are real and different dates, ask instead of guessing.
 */
export function parseReleaseDate(input: string, field = 'release'): Result<IsoDate> {
  const shown = input.trim();
  const text = shown.toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return fail(field, 'required', `Please give the release date, e.g. ${FORMS}.`);

  const yearFirst = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (yearFirst) return build(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]), shown, field);

  const numeric = /^(\d{1,2})([-/.])(\d{1,2})\2(\d+)$/.exec(text);
  if (numeric) return parseNumeric(Number(numeric[1]), Number(numeric[3]), numeric[4] ?? '', shown, field);

  if (/[a-z]/.test(text)) return parseWords(text, shown, field);
  return notADate(shown, field);
}

const longDate = (date: DateTime): string => date.setLocale('en-GB').toFormat('cccc d LLLL yyyy');

/**
 * R must be a future calendar day in the campaign zone, within a few years. Whether the listing can
 * be live in time for a close date is the feasibility check's question (feasibility.ts): it
 * depends on what the member has already done, not on the date alone.
 */
export function checkReleaseDate(date: IsoDate, timeZone: string, now: Date, field = 'release'): Result<IsoDate> {
  if (!isValidTimeZone(timeZone)) {
    return fail('timezone', 'invalid', `"${timeZone}" is not a time zone I can use.`);
  }
  const release = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: timeZone }) : null;
  if (!release?.isValid) {
    return fail(field, 'invalid', `"${date}" is not a date written as YYYY-MM-DD.`);
  }
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const todayIso = today.toISODate() ?? '';
  if (date <= todayIso) {
    const when =
      date === todayIso
        ? `is today in ${timeZone}`
        : `has already passed in ${timeZone}, where today is ${longDate(today)}`;
    return fail(field, 'invalid', `${longDate(release)} ${when}. The release date must be a later day.`);
  }
  const latest = today.plus({ years: MAX_YEARS_AHEAD });
  if (date > (latest.toISODate() ?? '')) {
    return fail(
      field,
      'invalid',
      `${longDate(release)} is more than ${MAX_YEARS_AHEAD} years away, which usually means a typo ` +
        `in the year. Please check it; the latest date accepted is ${longDate(latest)}.`,
    );
  }
  return ok(date);
}
