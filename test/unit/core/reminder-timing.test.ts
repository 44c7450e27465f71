import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  formatQuietHours,
  MORNING_HOUR,
  nextLocalHour,
  parseQuietHours,
  parseSnoozeChoice,
  quietHoursEnd,
  retryDelayMs,
  SNOOZE_CHOICES,
  snoozeUntil,
  type QuietHours,
} from '../../../src/core/reminder-timing.ts';
import { error, value } from '../../support/results.ts';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const HOUR = 3_600_000;

const NIGHT: QuietHours = { start: 22, end: 7 };
const AFTERNOON: QuietHours = { start: 13, end: 15 };

/** An instant given as wall time in a zone, e.g. local('2027-03-10T23:00', NY). */
const local = (wall: string, zone: string): Date => {
  const dt = DateTime.fromISO(wall, { zone });
  if (!dt.isValid) throw new Error(`bad wall time ${wall} in ${zone}`);
  return dt.toJSDate();
};
/** The wall time of an instant in a zone, with its offset, e.g. "2027-03-14 07:00 -04:00". */
const wall = (d: Date | null, zone: string): string | null =>
  d === null ? null : DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');

describe('quietHoursEnd: a range that wraps midnight (22–07)', () => {
  it.each([
    ['2027-03-10T22:00', '2027-03-11 07:00 -05:00', 'exactly the start hour is quiet'],
    ['2027-03-10T23:30', '2027-03-11 07:00 -05:00', 'late evening ends next morning'],
    ['2027-03-11T00:00', '2027-03-11 07:00 -05:00', 'midnight ends the same morning'],
    ['2027-03-11T03:15', '2027-03-11 07:00 -05:00', 'small hours end the same morning'],
    ['2027-03-11T06:59:59.999', '2027-03-11 07:00 -05:00', 'the last millisecond before the end'],
  ])('%s local → %s (%s)', (at, end) => {
    expect(wall(quietHoursEnd(local(at, NY), NY, NIGHT), NY)).toBe(end);
  });

  it.each([
    ['2027-03-11T07:00', 'exactly the end hour is no longer quiet'],
    ['2027-03-11T12:00', 'midday'],
    ['2027-03-10T21:59:59.999', 'just before the start hour'],
  ])('%s local is not quiet (%s)', (at) => {
    expect(quietHoursEnd(local(at, NY), NY, NIGHT)).toBeNull();
  });

  it('ends at 07:00 local exactly, always at 0 minutes and 0 seconds', () => {
    const end = quietHoursEnd(local('2027-03-10T23:47:31.250', NY), NY, NIGHT)!;
    expect(end.toISOString()).toBe('2027-03-11T12:00:00.000Z');
  });
});

describe('quietHoursEnd: a range inside one day (13–15)', () => {
  it.each([
    ['2027-03-10T13:00', '2027-03-10 15:00 +00:00'],
    ['2027-03-10T14:30', '2027-03-10 15:00 +00:00'],
    ['2027-03-10T14:59:59.999', '2027-03-10 15:00 +00:00'],
  ])('%s UTC is quiet until %s', (at, end) => {
    expect(wall(quietHoursEnd(local(at, 'UTC'), 'UTC', AFTERNOON), 'UTC')).toBe(end);
  });

  it.each(['2027-03-10T12:59:59.999', '2027-03-10T15:00', '2027-03-10T23:00', '2027-03-10T03:00'])(
    '%s UTC is not quiet',
    (at) => {
      expect(quietHoursEnd(local(at, 'UTC'), 'UTC', AFTERNOON)).toBeNull();
    },
  );

  it('treats start == end as no quiet hours at all', () => {
    for (const hour of [0, 6, 7, 12, 22]) {
      const at = local(`2027-03-10T${String(hour).padStart(2, '0')}:30`, 'UTC');
      expect(quietHoursEnd(at, 'UTC', { start: 7, end: 7 })).toBeNull();
    }
  });

  it('reads the hour in the given zone, not in UTC', () => {
    // 14:00 UTC is 09:00 in New York (EST): quiet in UTC, not in New York.
    const instant = new Date('2027-03-10T14:00:00Z');
    expect(quietHoursEnd(instant, 'UTC', AFTERNOON)?.toISOString()).toBe('2027-03-10T15:00:00.000Z');
    expect(quietHoursEnd(instant, NY, AFTERNOON)).toBeNull();
  });
});

describe('quietHoursEnd: DST nights still end at 07:00 local', () => {
  // America/New_York springs forward at 02:00 EST on Sunday 14 March 2027 (02:00 → 03:00 EDT).
  it.each([
    ['2027-03-14T03:00:00Z', 'Sat 22:00 EST'],
    ['2027-03-14T04:30:00Z', 'Sat 23:30 EST'],
    ['2027-03-14T06:30:00Z', '01:30 EST, just before the gap'],
    ['2027-03-14T07:00:00Z', '03:00 EDT, just after the gap'],
    ['2027-03-14T10:59:00Z', '06:59 EDT'],
  ])('New York spring forward: %s (%s) → 07:00 EDT', (instant, _label) => {
    const end = quietHoursEnd(new Date(instant), NY, NIGHT);
    expect(wall(end, NY)).toBe('2027-03-14 07:00 -04:00');
    expect(end?.toISOString()).toBe('2027-03-14T11:00:00.000Z');
  });

  it('New York: the short night is an hour shorter in real time', () => {
    const start = local('2027-03-13T22:00', NY);
    const end = quietHoursEnd(start, NY, NIGHT)!;
    expect(end.getTime() - start.getTime()).toBe(8 * HOUR);
  });

  // Europe/London falls back at 02:00 BST on Sunday 31 October 2027 (02:00 BST → 01:00 GMT).
  it.each([
    ['2027-10-30T21:00:00Z', 'Sat 22:00 BST'],
    ['2027-10-30T23:30:00Z', '00:30 BST'],
    ['2027-10-31T00:30:00Z', 'the first 01:30 (BST)'],
    ['2027-10-31T01:30:00Z', 'the second 01:30 (GMT)'],
    ['2027-10-31T06:59:00Z', '06:59 GMT'],
  ])('London fall back: %s (%s) → 07:00 GMT', (instant, _label) => {
    const end = quietHoursEnd(new Date(instant), LONDON, NIGHT);
    expect(wall(end, LONDON)).toBe('2027-10-31 07:00 +00:00');
    expect(end?.toISOString()).toBe('2027-10-31T07:00:00.000Z');
  });

  it('London: the long night is an hour longer in real time', () => {
    const start = local('2027-10-30T22:00', LONDON);
    const end = quietHoursEnd(start, LONDON, NIGHT)!;
    expect(end.getTime() - start.getTime()).toBe(10 * HOUR);
  });

  it('is not quiet at 07:00 local on either DST morning', () => {
    expect(quietHoursEnd(new Date('2027-03-14T11:00:00Z'), NY, NIGHT)).toBeNull();
    expect(quietHoursEnd(new Date('2027-10-31T07:00:00Z'), LONDON, NIGHT)).toBeNull();
  });
});

describe('nextLocalHour: the first hour:00 strictly after', () => {
  it('returns today when the hour is still ahead', () => {
    expect(nextLocalHour(local('2027-03-10T08:59', 'UTC'), 'UTC', 9).toISOString()).toBe('2027-03-10T09:00:00.000Z');
  });

  it('is strictly after: exactly on the hour gives tomorrow', () => {
    expect(nextLocalHour(local('2027-03-10T09:00', 'UTC'), 'UTC', 9).toISOString()).toBe('2027-03-11T09:00:00.000Z');
    expect(nextLocalHour(local('2027-03-10T09:00:00.001', 'UTC'), 'UTC', 9).toISOString()).toBe(
      '2027-03-11T09:00:00.000Z',
    );
  });

  it('works in the given zone', () => {
    // 13:00 UTC is 08:00 EST: 09:00 New York is still ahead today.
    expect(nextLocalHour(new Date('2027-03-10T13:00:00Z'), NY, 9).toISOString()).toBe('2027-03-10T14:00:00.000Z');
    // 15:00 UTC is 10:00 EST: tomorrow.
    expect(nextLocalHour(new Date('2027-03-10T15:00:00Z'), NY, 9).toISOString()).toBe('2027-03-11T14:00:00.000Z');
  });

  it('handles midnight (hour 0) and 23', () => {
    expect(wall(nextLocalHour(local('2027-03-10T23:59', NY), NY, 0), NY)).toBe('2027-03-11 00:00 -05:00');
    expect(wall(nextLocalHour(local('2027-03-10T23:00', NY), NY, 23), NY)).toBe('2027-03-11 23:00 -05:00');
  });

  it('keeps 09:00 local across the New York spring-forward day', () => {
    const next = nextLocalHour(local('2027-03-13T10:00', NY), NY, 9);
    expect(wall(next, NY)).toBe('2027-03-14 09:00 -04:00');
    expect(next.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(wall(nextLocalHour(local('2027-03-14T08:00', NY), NY, 9), NY)).toBe('2027-03-14 09:00 -04:00');
  });

  it('keeps 09:00 local across the London fall-back day', () => {
    const next = nextLocalHour(local('2027-10-30T10:00', LONDON), LONDON, 9);
    expect(wall(next, LONDON)).toBe('2027-10-31 09:00 +00:00');
    expect(next.toISOString()).toBe('2027-10-31T09:00:00.000Z');
    expect(wall(nextLocalHour(new Date('2027-10-31T01:30:00Z'), LONDON, 9), LONDON)).toBe('2027-10-31 09:00 +00:00');
  });

  it('never returns an instant at or before its input', () => {
    const zones = ['UTC', NY, LONDON, 'Australia/Sydney', 'Asia/Kolkata'];
    let t = Date.parse('2027-03-13T00:00:00Z');
    for (let i = 0; i < 200; i++, t += 37 * 60_000) {
      for (const zone of zones) {
        const after = new Date(t);
        const next = nextLocalHour(after, zone, MORNING_HOUR);
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(25 * HOUR);
        expect(DateTime.fromJSDate(next, { zone }).toFormat('HH:mm:ss.SSS')).toBe('09:00:00.000');
      }
    }
  });
});

describe('snoozeUntil', () => {
  const now = new Date('2027-03-10T15:20:00Z');

  it('1h and 3h are elapsed hours', () => {
    expect(snoozeUntil(now, '1h', NY).getTime() - now.getTime()).toBe(HOUR);
    expect(snoozeUntil(now, '3h', NY).getTime() - now.getTime()).toBe(3 * HOUR);
  });

  it('1h across the spring-forward gap is still one real hour (01:30 EST → 03:30 EDT)', () => {
    const before = local('2027-03-14T01:30', NY);
    expect(wall(snoozeUntil(before, '1h', NY), NY)).toBe('2027-03-14 03:30 -04:00');
  });

  it('tomorrow is the next local day at 09:00', () => {
    expect(MORNING_HOUR).toBe(9);
    expect(wall(snoozeUntil(now, 'tomorrow', NY), NY)).toBe('2027-03-11 09:00 -05:00');
    expect(wall(snoozeUntil(local('2027-03-10T00:30', NY), 'tomorrow', NY), NY)).toBe('2027-03-11 09:00 -05:00');
    expect(wall(snoozeUntil(local('2027-03-10T23:59', NY), 'tomorrow', NY), NY)).toBe('2027-03-11 09:00 -05:00');
  });

  it('tomorrow reads "tomorrow" in the member zone, not UTC', () => {
    // 03:00 UTC on the 11th is still the 10th in New York (22:00 EST).
    expect(wall(snoozeUntil(new Date('2027-03-11T03:00:00Z'), 'tomorrow', NY), NY)).toBe('2027-03-11 09:00 -05:00');
    expect(snoozeUntil(new Date('2027-03-11T03:00:00Z'), 'tomorrow', 'UTC').toISOString()).toBe(
      '2027-03-12T09:00:00.000Z',
    );
  });

  it('tomorrow across a DST change is 09:00 in the new offset', () => {
    const ny = snoozeUntil(local('2027-03-13T23:30', NY), 'tomorrow', NY);
    expect(wall(ny, NY)).toBe('2027-03-14 09:00 -04:00');
    expect(ny.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    const london = snoozeUntil(local('2027-10-30T20:00', LONDON), 'tomorrow', LONDON);
    expect(wall(london, LONDON)).toBe('2027-10-31 09:00 +00:00');
    expect(london.toISOString()).toBe('2027-10-31T09:00:00.000Z');
  });
});

describe('parseSnoozeChoice', () => {
  it.each([
    ['1h', '1h'],
    ['1H', '1h'],
    [' 1 hour ', '1h'],
    ['60m', '1h'],
    ['3h', '3h'],
    ['3 hours', '3h'],
    ['tomorrow', 'tomorrow'],
    ['Tomorrow', 'tomorrow'],
    ['tomorrow 09:00', 'tomorrow'],
    ['tomorrow 9am', 'tomorrow'],
  ])('%j → %s', (input, choice) => {
    expect(value(parseSnoozeChoice(input))).toBe(choice);
  });

  it.each(['', '2h', '90m', 'next week', 'tomorow', '1', 'h'])(
    'refuses %j, naming the field and the choices',
    (input) => {
      const e = error(parseSnoozeChoice(input));
      expect(e.field).toBe('for');
      expect(e.code).toBe('invalid');
      expect(e.message).toContain('1h');
      expect(e.message).toContain('3h');
      expect(e.message).toContain('tomorrow');
      expect(e.choices).toEqual([...SNOOZE_CHOICES]);
    },
  );

  it('uses the field name it is given', () => {
    const e = error(parseSnoozeChoice('later', 'snooze'));
    expect(e.field).toBe('snooze');
    expect(e.message).toMatch(/^snooze /);
  });
});

describe('parseQuietHours', () => {
  it.each([
    ['22-07', { start: 22, end: 7 }],
    ['22:00-07:00', { start: 22, end: 7 }],
    ['10pm-7am', { start: 22, end: 7 }],
    ['10PM - 7AM', { start: 22, end: 7 }],
    ['22 to 7', { start: 22, end: 7 }],
    ['22–07', { start: 22, end: 7 }],
    ['13-15', { start: 13, end: 15 }],
    ['0-6', { start: 0, end: 6 }],
    ['12am-6am', { start: 0, end: 6 }],
    ['12pm-1pm', { start: 12, end: 13 }],
    ['23-00', { start: 23, end: 0 }],
  ])('%j → %j', (input, quiet) => {
    expect(value(parseQuietHours(input))).toEqual(quiet);
  });

  it.each(['off', 'OFF', ' off ', 'none', 'no'])('%j turns quiet hours off (null)', (input) => {
    expect(value(parseQuietHours(input))).toBeNull();
  });

  it.each([
    '',
    '22',
    '22-',
    '-07',
    '22-07-08',
    '24-07',
    '22-25',
    '22:30-07:00',
    '13pm-7am',
    '0am-6am',
    'night',
    'ten-seven',
  ])('refuses %j, naming the field and what is valid', (input) => {
    const e = error(parseQuietHours(input));
    expect(e.field).toBe('quiet');
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('22-07');
    expect(e.message).toContain('10pm-7am');
    expect(e.message).toContain('off');
  });

  it.each(['22-22', '7-07', '10pm-22', '12am-0'])('refuses %j: same start and end hour', (input) => {
    const e = error(parseQuietHours(input));
    expect(e.field).toBe('quiet');
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/same hour/);
    expect(e.message).toContain('off');
  });

  it('uses the field name it is given', () => {
    expect(error(parseQuietHours('nope', 'quiet_hours')).field).toBe('quiet_hours');
  });
});

describe('formatQuietHours', () => {
  it.each([
    [{ start: 22, end: 7 }, '22:00–07:00'],
    [{ start: 0, end: 6 }, '00:00–06:00'],
    [{ start: 13, end: 15 }, '13:00–15:00'],
  ])('%j → %s', (quiet, text) => {
    expect(formatQuietHours(quiet)).toBe(text);
  });

  it('round-trips through parseQuietHours', () => {
    for (const quiet of [NIGHT, AFTERNOON, { start: 0, end: 23 }]) {
      expect(value(parseQuietHours(formatQuietHours(quiet)))).toEqual(quiet);
    }
  });
});

describe('retryDelayMs', () => {
  const middle = () => 0.5;

  it('is exponential from 30 s without jitter at random 0.5', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000,
    ]);
  });

  it('treats attempt 0 (or less) like the first attempt', () => {
    expect(retryDelayMs(0, middle)).toBe(30_000);
    expect(retryDelayMs(-3, middle)).toBe(30_000);
  });

  it('caps at 30 minutes', () => {
    expect(retryDelayMs(7, middle)).toBe(30 * 60_000);
    expect(retryDelayMs(20, middle)).toBe(30 * 60_000);
    expect(retryDelayMs(1000, middle)).toBe(30 * 60_000);
  });

  it('jitters within ±25 % at the extremes of random (0 and 1)', () => {
    expect(retryDelayMs(1, () => 0)).toBe(22_500);
    expect(retryDelayMs(1, () => 1)).toBe(37_500);
    expect(retryDelayMs(3, () => 0)).toBe(90_000);
    expect(retryDelayMs(3, () => 1)).toBe(150_000);
    expect(retryDelayMs(12, () => 0)).toBe(0.75 * 30 * 60_000);
    expect(retryDelayMs(12, () => 1)).toBe(1.25 * 30 * 60_000);
  });

  it('stays inside the jitter band for every attempt and random value', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const base = Math.min(30 * 60_000, 30_000 * 2 ** (attempt - 1));
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999_999, 1]) {
        const delay = retryDelayMs(attempt, () => r);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0.75 * base);
        expect(delay).toBeLessThanOrEqual(1.25 * base);
      }
    }
  });

  it('honours Retry-After as a floor with under a second of jitter', () => {
    expect(retryDelayMs(1, () => 0, 90_000)).toBe(90_000);
    expect(retryDelayMs(1, () => 0.5, 90_000)).toBe(90_500);
    const almostOne = retryDelayMs(1, () => 0.999, 90_000);
    expect(almostOne).toBeGreaterThanOrEqual(90_000);
    expect(almostOne).toBeLessThan(91_000);
    // Math.random never returns 1; even if a random source did, the jitter is at most one second.
    expect(retryDelayMs(1, () => 1, 90_000)).toBeLessThanOrEqual(91_000);
  });

  it('uses Retry-After rather than the exponential delay, whatever the attempt', () => {
    expect(retryDelayMs(6, () => 0, 5_000)).toBe(5_000);
    expect(retryDelayMs(1, () => 0, 10 * 60_000)).toBe(10 * 60_000);
  });

  it('treats a negative Retry-After as zero', () => {
    expect(retryDelayMs(1, () => 0, -5_000)).toBe(0);
    expect(retryDelayMs(1, () => 0.5, -5_000)).toBe(500);
  });
});
