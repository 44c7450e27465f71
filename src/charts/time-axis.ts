import { DateTime, type DurationLikeObject } from 'luxon';

export interface Tick {
  at: Date;
  label: string;
}

interface Step {
  unit: 'day' | 'week' | 'month';
  every: number;
}

const STEPS: readonly Step[] = [
  { unit: 'day', every: 1 },
  { unit: 'day', every: 2 },
  { unit: 'week', every: 1 },
  { unit: 'week', every: 2 },
  { unit: 'month', every: 1 },
  { unit: 'month', every: 2 },
  { unit: 'month', every: 3 },
  { unit: 'month', every: 6 },
  { unit: 'month', every: 12 },
];

/** A zone luxon understands; campaign zones are validated on entry, this only guards the chart. */
export function chartZone(zone: string): string {
  return DateTime.now().setZone(zone).isValid ? zone : 'UTC';
}

/**
 * Ticks at local midnights of the campaign zone (Mondays for weekly steps, first days for
 * monthly ones), so labels read as the member's calendar, DST included. Picks the finest step
 * that keeps at most `maxTicks` ticks.
 */
export function timeTicks(start: Date, end: Date, zone: string, maxTicks: number): Tick[] {
  for (const step of STEPS) {
    const ticks = ticksFor(step, start, end, zone, maxTicks);
    if (ticks) return ticks;
  }
  return [];
}

function ticksFor(step: Step, start: Date, end: Date, zone: string, maxTicks: number): Tick[] | null {
  const first = DateTime.fromJSDate(start, { zone }).startOf(step.unit === 'week' ? 'week' : step.unit);
  const endMs = end.getTime();
  const at: DateTime[] = [];
  const increment: DurationLikeObject = { [`${step.unit}s`]: step.every };
  let cursor = first;
  if (step.unit === 'month' && step.every > 1) {
    cursor = cursor.minus({ months: (cursor.month - 1) % step.every });
  }
  while (cursor.toMillis() <= endMs) {
    if (cursor.toMillis() >= start.getTime()) {
      at.push(cursor);
      if (at.length > maxTicks) return null;
    }
    cursor = cursor.plus(increment);
  }
  let lastYear: number | null = null;
  return at.map((t) => {
    const showYear = lastYear === null || t.year !== lastYear;
    lastYear = t.year;
    const label = step.unit === 'month' ? t.toFormat('LLL yyyy') : t.toFormat(showYear ? 'd LLL yyyy' : 'd LLL');
    return { at: t.toJSDate(), label };
  });
}
