import { describe, expect, it } from 'vitest';
import { isValidTimeZone, resolveTimeZone, suggestTimeZones } from '../../../src/core/timezone.ts';
import { value, error } from '../../support/results.ts';

describe('resolveTimeZone: IANA names', () => {
  it.each([
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['EUROPE/LONDON', 'Europe/London'],
    ['  Europe/Paris  ', 'Europe/Paris'],
    ['America/New York', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Australia/Sydney', 'Australia/Sydney'],
  ])('%s → %s', (input, zone) => {
    expect(value(resolveTimeZone(input))).toBe(zone);
  });

  it('prefers current names over the old spellings ICU may still list', () => {
    expect(value(resolveTimeZone('Asia/Calcutta'))).toBe('Asia/Kolkata');
    expect(value(resolveTimeZone('Europe/Kiev'))).toBe('Europe/Kyiv');
    expect(value(resolveTimeZone('Kiev'))).toBe('Europe/Kyiv');
    expect(value(resolveTimeZone('Asia/Saigon'))).toBe('Asia/Ho_Chi_Minh');
  });

  it('accepts old link names such as US/Eastern and returns the canonical zone', () => {
    expect(value(resolveTimeZone('US/Eastern'))).toBe('America/New_York');
    expect(value(resolveTimeZone('us/pacific'))).toBe('America/Los_Angeles');
  });
});

describe('resolveTimeZone: city and country names', () => {
  it.each([
    ['London', 'Europe/London'],
    ['New York', 'America/New_York'],
    ['new  york', 'America/New_York'],
    ['NYC', 'America/New_York'],
    ['Los Angeles', 'America/Los_Angeles'],
    ['LA', 'America/Los_Angeles'],
    ['San Francisco', 'America/Los_Angeles'],
    ['Chicago', 'America/Chicago'],
    ['Denver', 'America/Denver'],
    ['Phoenix', 'America/Phoenix'],
    ['Seattle', 'America/Los_Angeles'],
    ['Toronto', 'America/Toronto'],
    ['Vancouver', 'America/Vancouver'],
    ['Dublin', 'Europe/Dublin'],
    ['Edinburgh', 'Europe/London'],
    ['Paris', 'Europe/Paris'],
    ['Berlin', 'Europe/Berlin'],
    ['Madrid', 'Europe/Madrid'],
    ['Rome', 'Europe/Rome'],
    ['Amsterdam', 'Europe/Amsterdam'],
    ['Stockholm', 'Europe/Stockholm'],
    ['Sydney', 'Australia/Sydney'],
    ['Melbourne', 'Australia/Melbourne'],
    ['Brisbane', 'Australia/Brisbane'],
    ['Perth', 'Australia/Perth'],
    ['Auckland', 'Pacific/Auckland'],
    ['Tokyo', 'Asia/Tokyo'],
    ['Singapore', 'Asia/Singapore'],
    ['Hong Kong', 'Asia/Hong_Kong'],
    ['Mumbai', 'Asia/Kolkata'],
    ['India', 'Asia/Kolkata'],
    ['Johannesburg', 'Africa/Johannesburg'],
    ['UK', 'Europe/London'],
    ['Lisbon', 'Europe/Lisbon'],
    ['lisbon', 'Europe/Lisbon'],
    ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
    ['st johns', 'America/St_Johns'],
    ['Kolkata', 'Asia/Kolkata'],
  ])('%s → %s', (input, zone) => {
    expect(value(resolveTimeZone(input))).toBe(zone);
  });

  it('asks which zone for countries that span several', () => {
    const e = error(resolveTimeZone('USA'));
    expect(e.code).toBe('ambiguous');
    expect(e.choices).toContain('America/New_York');
    expect(e.choices).toContain('America/Los_Angeles');
    expect(error(resolveTimeZone('Australia')).choices).toContain('Australia/Perth');
  });
});

describe('resolveTimeZone: offsets are refused', () => {
  it.each([
    ['+02:00', 'Europe/Athens'],
    ['-5', 'America/New_York'],
    ['UTC-5', 'America/New_York'],
    ['UTC+1', 'Europe/Paris'],
    ['UTC+2', 'Europe/Athens'],
    ['GMT-05:00', 'America/New_York'],
    ['0', 'Europe/London'],
    ['UTC+0', 'Europe/London'],
    ['+05:30', 'Asia/Kolkata'],
    ['Etc/GMT+5', 'America/New_York'],
  ])('%s is refused, suggesting %s', (input, suggestion) => {
    const e = error(resolveTimeZone(input));
    expect(e.code).toBe('invalid');
    expect(e.field).toBe('timezone');
    expect(e.message).toMatch(/daylight saving/);
    expect(e.message).toMatch(/city|IANA/);
    expect(e.message).toContain(suggestion);
    expect(e.choices).toEqual([suggestion]);
  });

  it('still explains, with examples, for an offset with no obvious zone', () => {
    const e = error(resolveTimeZone('UTC+11'));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/London/);
    expect(e.choices).toBeUndefined();
  });

  it('uses the field name it is given', () => {
    expect(error(resolveTimeZone('+1', 'zone')).field).toBe('zone');
  });
});

describe('resolveTimeZone: abbreviations are refused', () => {
  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CST', 'America/Chicago'],
    ['MST', 'America/Denver'],
    ['BST', 'Europe/London'],
    ['GMT', 'Europe/London'],
    ['CET', 'Europe/Paris'],
    ['AEST', 'Australia/Sydney'],
    ['IST', 'Asia/Kolkata'],
    ['PST8PDT', 'America/Los_Angeles'],
  ])('%s is refused, suggesting %s', (input, suggestion) => {
    const e = error(resolveTimeZone(input));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain(suggestion);
    expect(e.choices?.[0]).toBe(suggestion);
  });

  it('lists every likely meaning of an ambiguous abbreviation', () => {
    expect(error(resolveTimeZone('IST')).choices).toEqual(['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']);
  });
});

describe('resolveTimeZone: unknown input', () => {
  it('names the field and suggests close zones', () => {
    const e = error(resolveTimeZone('Londn'));
    expect(e.code).toBe('invalid');
    expect(e.field).toBe('timezone');
    expect(e.message).toContain('timezone');
    expect(e.choices).toContain('Europe/London');
    expect(e.choices!.length).toBeLessThanOrEqual(3);
  });

  it('suggests at most three zones', () => {
    for (const input of ['Pariss', 'Sydny', 'Tokio', 'Americ/New_Yrok']) {
      const e = error(resolveTimeZone(input));
      expect(e.choices?.length ?? 0).toBeLessThanOrEqual(3);
    }
    expect(error(resolveTimeZone('Tokio')).choices).toContain('Asia/Tokyo');
    expect(error(resolveTimeZone('America/New_Yrok')).choices).toContain('America/New_York');
  });

  it('gives examples but no choices for garbage', () => {
    const e = error(resolveTimeZone('xyzzy plugh'));
    expect(e.code).toBe('invalid');
    expect(e.choices).toBeUndefined();
    expect(e.message).toMatch(/Europe\/Paris/);
  });

  it('reports an empty input as required', () => {
    expect(error(resolveTimeZone('  ', 'tz'))).toMatchObject({ code: 'required', field: 'tz' });
  });
});

describe('suggestTimeZones', () => {
  it('returns a popular list for an empty query, capped by the limit', () => {
    const all = suggestTimeZones('');
    expect(all.length).toBe(25);
    expect(all[0]).toBe('America/New_York');
    expect(all).toContain('Europe/London');
    expect(suggestTimeZones('', 3)).toEqual(all.slice(0, 3));
  });

  it('puts exact and prefix matches first', () => {
    expect(suggestTimeZones('lon')[0]).toBe('Europe/London');
    expect(suggestTimeZones('new york')[0]).toBe('America/New_York');
    expect(suggestTimeZones('NYC')).toEqual(['America/New_York']);
    expect(suggestTimeZones('lisb')).toContain('Europe/Lisbon');
    expect(suggestTimeZones('mumbai')).toEqual(['Asia/Kolkata']);
  });

  it('matches substrings of IANA names', () => {
    const europe = suggestTimeZones('europe/', 100);
    expect(europe.length).toBeGreaterThan(30);
    expect(europe.every((z) => z.startsWith('Europe/'))).toBe(true);
    expect(suggestTimeZones('york')).toContain('America/New_York');
  });

  it('never returns more than the limit, nor duplicates', () => {
    const list = suggestTimeZones('a', 10);
    expect(list.length).toBe(10);
    expect(new Set(list).size).toBe(list.length);
    expect(suggestTimeZones('a', 0)).toEqual([]);
  });

  it('returns only zones that are valid', () => {
    for (const zone of [...suggestTimeZones(''), ...suggestTimeZones('new', 50)]) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it('returns nothing for a query that matches nothing', () => {
    expect(suggestTimeZones('qqqqq')).toEqual([]);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects nonsense', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
