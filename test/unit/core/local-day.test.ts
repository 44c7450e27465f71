import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayStartMs, localDate } from '../../../src/core/local-day.ts';
import { prng } from '../../support/prng.ts';

// Zones whose clocks change at midnight, at 02:00, by half an hour, or across the date line.
const ZONES = [
  'America/New_York',
  'Europe/London',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kolkata',
  'UTC',
];

const luxonDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate();

describe('localDate', () => {
  it('agrees with luxon at random instants over three years', () => {
    const random = prng(20261205);
    const from = Date.parse('2026-01-01T00:00:00Z');
    const span = 3 * 365 * 86_400_000;
    for (let i = 0; i < 20_000; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const ms = from + Math.floor(random() * span);
      expect(localDate(ms, zone), `${new Date(ms).toISOString()} in ${zone}`).toBe(luxonDate(ms, zone));
    }
  });

  it('agrees with luxon on each side of every local midnight, including days clocks change', () => {
    for (const zone of ZONES) {
      let date = '2027-01-01';
      for (let d = 0; d < 366; d++) {
        const start = dayStartMs(date, zone);
        expect(localDate(start, zone)).toBe(date);
        expect(localDate(start - 1, zone)).toBe(luxonDate(start - 1, zone));
        expect(localDate(start - 1, zone) < date).toBe(true);
        date = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
      }
    }
  });

  it('agrees with luxon minute by minute through an hour whose clocks change', () => {
    // New York springs forward at 02:00 on 14 March 2027 (07:00 UTC); London falls back at 01:00 UTC on 31 October.
    for (const [zone, iso] of [
      ['America/New_York', '2027-03-14T06:30:00Z'],
      ['Europe/London', '2027-10-31T00:30:00Z'],
      ['America/Havana', '2027-03-14T04:30:00Z'],
    ] as const) {
      const t0 = Date.parse(iso);
      for (let m = 0; m <= 120; m++) {
        const ms = t0 + m * 60_000;
        expect(localDate(ms, zone)).toBe(luxonDate(ms, zone));
      }
    }
  });

  it('gives no date for a zone it cannot place, as luxon does', () => {
    expect(localDate(Date.parse('2027-01-01T00:00:00Z'), 'Mars/Olympus_Mons')).toBeNull();
  });
});
