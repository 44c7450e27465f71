import { describe, expect, it } from 'vitest';
import { parseClockTarget } from '../../../../src/adapters/console/clock-command.ts';
import { ManualClock, OffsetClock } from '../../../../src/infra/clock.ts';
import { error, value } from '../../../support/results.ts';

const NY = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// 07:00 EST on Wednesday 10 March 2027.
const now = new Date('2027-03-10T12:00:00Z');
const ahead = (input: string, zone = NY) => value(parseClockTarget(input, now, zone)).getTime() - now.getTime();

describe('parseClockTarget: +durations', () => {
  it.each([
    ['+2h', 2 * HOUR],
    ['+3d', 3 * DAY],
    ['+1w2d', 9 * DAY],
    ['+90m', 90 * MINUTE],
    ['+1w', 7 * DAY],
    ['+1d2h30m', DAY + 2 * HOUR + 30 * MINUTE],
    ['+2H', 2 * HOUR],
    ['+ 2h', 2 * HOUR],
    ['+1d 2h', DAY + 2 * HOUR],
    ['  +2h  ', 2 * HOUR],
  ])('compact %j moves %d ms ahead', (input, ms) => {
    expect(ahead(input)).toBe(ms);
  });

  it.each([
    ['+PT90M', 90 * MINUTE],
    ['+pt90m', 90 * MINUTE],
    ['+P1DT2H', DAY + 2 * HOUR],
    ['+P3D', 3 * DAY],
    ['+P1W', 7 * DAY],
    ['+PT1H30M', 90 * MINUTE],
  ])('ISO 8601 %j moves %d ms ahead', (input, ms) => {
    expect(ahead(input)).toBe(ms);
  });

  it('allows exactly 400 days ahead', () => {
    expect(ahead('+400d')).toBe(400 * DAY);
    expect(ahead('+P400D')).toBe(400 * DAY);
  });

  it.each(['+0h', '+0m', '+0d0h', '+PT0S', '+P0D'])('refuses the zero duration %j', (input) => {
    const e = error(parseClockTarget(input, now, NY));
    expect(e.field).toBe('clock');
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('forward duration');
    expect(e.message).toContain('/clock +2h');
  });

  it.each(['+', '+2', '+2x', '+h', '+1.5h', '+-2h', '+2h30', '+P', '+PT', '+Pfoo', '+two hours', '+2s', '+PT-5M'])(
    'refuses the malformed duration %j, saying what works',
    (input) => {
      const e = error(parseClockTarget(input, now, NY));
      expect(e.field).toBe('clock');
      expect(e.code).toBe('invalid');
      expect(e.message).toContain('/clock +3d');
      expect(e.message).toContain('+PT90M');
    },
  );

  it.each(['+401d', '+58w', '+P401D', '+P2Y', '+10000h'])('refuses %j: more than 400 days ahead', (input) => {
    const e = error(parseClockTarget(input, now, NY));
    expect(e.field).toBe('clock');
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/400 days/);
  });
});

describe('parseClockTarget: instants', () => {
  it('reads an instant without an offset in the given zone', () => {
    // 10 March 2027 is before the US DST change: EST, UTC-5.
    expect(value(parseClockTarget('2027-03-10T09:00', now, NY)).toISOString()).toBe('2027-03-10T14:00:00.000Z');
    // 15 March is after it: EDT, UTC-4.
    expect(value(parseClockTarget('2027-03-15T09:00', now, NY)).toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(value(parseClockTarget('2027-03-10T14:00', now, 'UTC')).toISOString()).toBe('2027-03-10T14:00:00.000Z');
  });

  it('reads a date alone as midnight in the given zone', () => {
    expect(value(parseClockTarget('2027-03-11', now, NY)).toISOString()).toBe('2027-03-11T05:00:00.000Z');
  });

  it('uses the offset an instant carries, whatever the zone', () => {
    expect(value(parseClockTarget('2027-03-10T13:00Z', now, NY)).toISOString()).toBe('2027-03-10T13:00:00.000Z');
    expect(value(parseClockTarget('2027-03-10T15:00+01:00', now, NY)).toISOString()).toBe('2027-03-10T14:00:00.000Z');
    expect(value(parseClockTarget('2027-03-10T09:30:00-05:00', now, 'Asia/Tokyo')).toISOString()).toBe(
      '2027-03-10T14:30:00.000Z',
    );
  });

  it('refuses now and the past: the clock only moves forward', () => {
    for (const input of [
      '2027-03-10T12:00Z',
      '2027-03-10T07:00',
      '2027-03-10T06:00',
      '2027-03-09',
      '2020-01-01T00:00Z',
    ]) {
      const e = error(parseClockTarget(input, now, NY));
      expect(e.field).toBe('clock');
      expect(e.code).toBe('invalid');
      expect(e.message).toMatch(/only moves forward/);
    }
  });

  it('accepts one millisecond ahead', () => {
    expect(value(parseClockTarget('2027-03-10T12:00:00.001Z', now, NY)).getTime()).toBe(now.getTime() + 1);
  });

  it('refuses an instant more than 400 days ahead, and allows exactly 400', () => {
    expect(value(parseClockTarget('2028-04-13T12:00Z', now, NY)).getTime() - now.getTime()).toBe(400 * DAY);
    const e = error(parseClockTarget('2028-04-13T12:00:00.001Z', now, NY));
    expect(e.field).toBe('clock');
    expect(e.message).toMatch(/400 days/);
  });

  it('refuses a backwards duration, saying the clock only moves forward', () => {
    const e = error(parseClockTarget('-1d', now, NY));
    expect(e.field).toBe('clock');
    expect(e.message).toMatch(/only moves forward/);
  });

  it.each(['yesterday', 'tomorrow', '2027-13-01', '2027-03-10T25:00', '10 March 2027', 'now', ''])(
    'refuses %j with a friendly hint',
    (input) => {
      const e = error(parseClockTarget(input, now, NY));
      expect(e.field).toBe('clock');
      expect(e.code).toBe('invalid');
      expect(e.message).toContain('/clock +2h');
    },
  );
});

describe('OffsetClock', () => {
  it('follows its base clock until moved', () => {
    const base = new ManualClock('2027-03-10T12:00:00Z');
    const clock = new OffsetClock(base);
    expect(clock.now().toISOString()).toBe('2027-03-10T12:00:00.000Z');
    expect(clock.shifted).toBe(false);
    base.advance(5 * MINUTE);
    expect(clock.now().toISOString()).toBe('2027-03-10T12:05:00.000Z');
    expect(clock.shifted).toBe(false);
  });

  it('moves forward to an instant and keeps ticking from there', () => {
    const base = new ManualClock('2027-03-10T12:00:00Z');
    const clock = new OffsetClock(base);
    clock.moveTo(new Date('2027-03-13T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-03-13T12:00:00.000Z');
    expect(clock.shifted).toBe(true);
    base.advance(HOUR);
    expect(clock.now().toISOString()).toBe('2027-03-13T13:00:00.000Z');
    clock.moveTo(new Date('2027-03-14T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-03-14T00:00:00.000Z');
  });

  it('never moves backwards', () => {
    const base = new ManualClock('2027-03-10T12:00:00Z');
    const clock = new OffsetClock(base);
    clock.moveTo(new Date('2027-03-10T11:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-03-10T12:00:00.000Z');
    expect(clock.shifted).toBe(false);
    clock.moveTo(new Date('2027-03-12T12:00:00Z'));
    clock.moveTo(new Date('2027-03-11T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-03-12T12:00:00.000Z');
    expect(clock.shifted).toBe(true);
  });

  it('moving to exactly now changes nothing', () => {
    const base = new ManualClock('2027-03-10T12:00:00Z');
    const clock = new OffsetClock(base);
    clock.moveTo(new Date('2027-03-10T12:00:00Z'));
    expect(clock.shifted).toBe(false);
    expect(clock.now().toISOString()).toBe('2027-03-10T12:00:00.000Z');
  });

  it('hands out copies, so a caller cannot move it by mutating a Date', () => {
    const clock = new OffsetClock(new ManualClock('2027-03-10T12:00:00Z'));
    const seen = clock.now();
    seen.setUTCFullYear(2030);
    expect(clock.now().toISOString()).toBe('2027-03-10T12:00:00.000Z');
  });

  it('uses the system clock by default and starts unshifted', () => {
    const clock = new OffsetClock();
    expect(clock.shifted).toBe(false);
    const target = new Date(Date.now() + 3 * DAY);
    clock.moveTo(target);
    expect(clock.shifted).toBe(true);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(target.getTime());
  });
});
