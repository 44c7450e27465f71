import { describe, expect, it } from 'vitest';
import {
  BACKFILL_DAYS,
  MAX_COUNT,
  parseCount,
  parseLogDate,
  resolveLogDay,
} from '../../../src/core/order-log-input.ts';

describe('parseCount', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    [' 30 ', 30],
    ['1,250', 1250],
    ['1 250', 1250],
    [String(MAX_COUNT), MAX_COUNT],
  ])('reads %j as %d', (input, value) => {
    expect(parseCount(input, 'orders')).toEqual({ ok: true, value });
  });

  it.each([
    ['-3', /orders cannot be negative/],
    ['abc', /orders must be a whole number, such as 0, 12 or 1,250; "abc" is not one/],
    ['1.5', /orders must be a whole number \(no decimals\)/],
    ['1,5', /no decimals/],
    ['12,34', /whole number/],
    ['9780306406157', /more than 1,000,000/],
    [String(MAX_COUNT + 1), /more than 1,000,000/],
    ['', /orders is empty/],
  ])('refuses %j with a message naming the field', (input, message) => {
    const result = parseCount(input, 'orders');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('orders');
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('parseLogDate', () => {
  it('reads today, yesterday and written dates', () => {
    expect(parseLogDate('Today')).toEqual({ ok: true, value: { relative: 'today' } });
    expect(parseLogDate(' yesterday ')).toEqual({ ok: true, value: { relative: 'yesterday' } });
    expect(parseLogDate('2027-01-09')).toEqual({ ok: true, value: { date: '2027-01-09' } });
    expect(parseLogDate('9 January 2027')).toEqual({ ok: true, value: { date: '2027-01-09' } });
  });

  it('takes a blank date (a form field left empty) as today', () => {
    expect(parseLogDate('  ')).toEqual({ ok: true, value: { relative: 'today' } });
  });

  it('refuses what is not a date and mentions the relative words', () => {
    const result = parseLogDate('someday');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/today or yesterday/);
    const impossible = parseLogDate('2027-02-30');
    expect(impossible.ok).toBe(false);
  });
});

describe('resolveLogDay', () => {
  const started = new Date('2027-01-05T15:00:00Z');
  const NY = 'America/New_York';

  it('takes today and yesterday in the campaign zone, not in UTC', () => {
    // 03:30 UTC on 10 Jan is still 9 Jan, 22:30 in New York.
    const now = new Date('2027-01-10T03:30:00Z');
    expect(resolveLogDay(undefined, NY, now, started)).toEqual({ ok: true, value: '2027-01-09' });
    expect(resolveLogDay({ relative: 'today' }, NY, now, started)).toEqual({ ok: true, value: '2027-01-09' });
    expect(resolveLogDay({ relative: 'yesterday' }, NY, now, started)).toEqual({ ok: true, value: '2027-01-08' });
    expect(resolveLogDay(undefined, 'Asia/Tokyo', now, started)).toEqual({ ok: true, value: '2027-01-10' });
  });

  it('refuses a day that has not begun in the campaign zone', () => {
    const now = new Date('2027-01-10T03:30:00Z');
    const result = resolveLogDay({ date: '2027-01-10' }, NY, now, started);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Sun 10 Jan 2027 has not happened yet in America\/New_York/);
    expect(resolveLogDay({ date: '2027-01-10' }, 'Asia/Tokyo', now, started).ok).toBe(true);
  });

  it(`accepts back to ${BACKFILL_DAYS} days before the campaign started and no further`, () => {
    const now = new Date('2027-01-20T12:00:00Z');
    expect(resolveLogDay({ date: '2026-12-29' }, NY, now, started)).toEqual({ ok: true, value: '2026-12-29' });
    const result = resolveLogDay({ date: '2026-12-28' }, NY, now, started);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('date');
      expect(result.error.message).toMatch(/readings can go back to Tue 29 Dec 2026/);
    }
  });
});
