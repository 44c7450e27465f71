import { describe, expect, it } from 'vitest';
import { checkReleaseDate, parseReleaseDate } from '../../../src/core/release-date.ts';
import { value, error } from '../../support/results.ts';

describe('parseReleaseDate: accepted forms', () => {
  it.each([
    '2027-03-15',
    '2027/03/15',
    '2027.03.15',
    '2027-3-15',
    '15 March 2027',
    '15 march 2027',
    '15 MARCH 2027',
    '15 Mar 2027',
    '15 Mar. 2027',
    '15-Mar-2027',
    'March 15, 2027',
    'march 15 2027',
    'Mar 15 2027',
    'Mar 15, 2027',
    '15th March 2027',
    'March 15th, 2027',
    'the 15th of March 2027',
    '  15   March   2027  ',
  ])('%s → 2027-03-15', (input) => {
    expect(value(parseReleaseDate(input))).toBe('2027-03-15');
  });

  it.each([
    ['1st June 2027', '2027-06-01'],
    ['2nd Sept 2027', '2027-09-02'],
    ['23rd December 2027', '2027-12-23'],
    ['29 February 2028', '2028-02-29'],
    ['2028-02-29', '2028-02-29'],
  ])('%s → %s', (input, iso) => {
    expect(value(parseReleaseDate(input))).toBe(iso);
  });
});

describe('parseReleaseDate: impossible dates', () => {
  it('says February 2027 has 28 days', () => {
    const e = error(parseReleaseDate('2027-02-30'));
    expect(e).toMatchObject({ code: 'invalid', field: 'release' });
    expect(e.message).toContain('February 2027 has 28 days');
  });

  it('knows leap years', () => {
    expect(error(parseReleaseDate('29 Feb 2027')).message).toContain('February 2027 has 28 days');
    expect(error(parseReleaseDate('2028-02-30')).message).toContain('February 2028 has 29 days');
  });

  it('rejects month 13', () => {
    const e = error(parseReleaseDate('2027-13-01'));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/no month 13/);
  });

  it('rejects 31 April and day 0', () => {
    expect(error(parseReleaseDate('31 April 2027')).message).toContain('April 2027 has 30 days');
    expect(error(parseReleaseDate('2027-04-00')).code).toBe('invalid');
  });

  it('names the field it is given', () => {
    expect(error(parseReleaseDate('2027-02-30', 'date')).field).toBe('date');
  });
});

describe('parseReleaseDate: numeric day/month order', () => {
  it.each(['03/04/2027', '3.4.2027', '03-04-2027', '3/4/2027'])('%s is ambiguous and shows both readings', (input) => {
    const e = error(parseReleaseDate(input));
    expect(e.code).toBe('ambiguous');
    expect(e.field).toBe('release');
    expect(e.message).toContain('3 April 2027 or 4 March 2027?');
    expect(e.choices).toEqual(['2027-04-03', '2027-03-04']);
  });

  it('accepts the only valid reading', () => {
    expect(value(parseReleaseDate('25/03/2027'))).toBe('2027-03-25');
    expect(value(parseReleaseDate('03/25/2027'))).toBe('2027-03-25');
    expect(value(parseReleaseDate('13.1.2027'))).toBe('2027-01-13');
  });

  it('accepts when both readings are the same date', () => {
    expect(value(parseReleaseDate('05/05/2027'))).toBe('2027-05-05');
  });

  it('is ambiguous even when one reading is in the past: it never guesses', () => {
    expect(error(parseReleaseDate('01/12/2027')).code).toBe('ambiguous');
  });

  it('explains when neither reading is a date', () => {
    const e = error(parseReleaseDate('31/31/2027'));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/month 31/);
    expect(error(parseReleaseDate('30/02/2027')).message).toContain('February 2027 has 28 days');
  });

  it('does not accept mixed separators', () => {
    expect(error(parseReleaseDate('03/04-2027')).code).toBe('invalid');
  });
});

describe('parseReleaseDate: unclear input', () => {
  it.each(['03/04/27', '15 March 27', 'March 15, 27', '25/03/27'])('%s has a two-digit year', (input) => {
    const e = error(parseReleaseDate(input));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/full year/);
  });

  it.each(['banana', 'next tuesday', '2027', '15 Smarch 2027', '123/4/2027', '15 March 20270'])(
    '%s is refused with examples',
    (input) => {
      const e = error(parseReleaseDate(input));
      expect(e.code).toBe('invalid');
      expect(e.message).toContain('2027-03-15');
      expect(e.message).toContain('15 March 2027');
    },
  );

  it('asks for the year when it is missing', () => {
    const e = error(parseReleaseDate('15 March'));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/year/);
  });

  it('reports empty input as required', () => {
    expect(error(parseReleaseDate('   '))).toMatchObject({ code: 'required', field: 'release' });
  });
});

describe('checkReleaseDate', () => {
  // 2027-03-01 12:00 UTC is 07:00 on Monday 1 March in New York.
  const now = new Date('2027-03-01T12:00:00Z');

  it('accepts a date comfortably ahead and gives it back', () => {
    expect(value(checkReleaseDate('2027-06-01', 'America/New_York', now))).toBe('2027-06-01');
  });

  it('refuses today and names today in the campaign zone', () => {
    const e = error(checkReleaseDate('2027-03-01', 'America/New_York', now));
    expect(e).toMatchObject({ code: 'invalid', field: 'release' });
    expect(e.message).toMatch(/is today/);
    expect(e.message).toContain('1 March 2027');
  });

  it('refuses a past date and gives today in the zone', () => {
    const e = error(checkReleaseDate('2027-02-20', 'America/New_York', now, 'date'));
    expect(e.field).toBe('date');
    expect(e.message).toMatch(/passed/);
    expect(e.message).toContain('Monday 1 March 2027');
  });

  it('judges "today" in the campaign zone, not in UTC', () => {
    // 02:00 UTC on 2 March is still 1 March in Los Angeles, but already 2 March in Tokyo.
    const early = new Date('2027-03-02T02:00:00Z');
    expect(value(checkReleaseDate('2027-03-02', 'America/Los_Angeles', early))).toBe('2027-03-02');
    const e = error(checkReleaseDate('2027-03-02', 'Asia/Tokyo', early));
    expect(e.message).toMatch(/is today/);
  });

  it('refuses dates more than three years away as a likely typo', () => {
    const e = error(checkReleaseDate('2030-03-02', 'America/New_York', now));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/typo/);
    expect(value(checkReleaseDate('2030-03-01', 'America/New_York', now))).toBe('2030-03-01');
    expect(error(checkReleaseDate('2207-03-01', 'America/New_York', now)).message).toMatch(/3 years/);
  });

  it('rejects a malformed date or zone', () => {
    expect(error(checkReleaseDate('2027-02-30', 'Europe/London', now)).field).toBe('release');
    expect(error(checkReleaseDate('15 March 2027', 'Europe/London', now)).code).toBe('invalid');
    expect(error(checkReleaseDate('2027-06-01', 'Mars/Base', now)).field).toBe('timezone');
  });
});
