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

/**
 * Real time shifted by an offset that only grows: the console's `/clock` moves it forward and
 * it keeps ticking from there, so the background sweeper behaves as it would in production.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  /** Moves to `instant` if it is ahead; never backwards (sent reminders cannot be unsent). */
  moveTo(instant: Date): void {
    const ahead = instant.getTime() - this.now().getTime();
    if (ahead > 0) this.offsetMs += ahead;
  }
  get shifted(): boolean {
    return this.offsetMs !== 0;
  }
}
