import type { Clock } from '../app/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: tests, benchmarks and the console's simulated time. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
