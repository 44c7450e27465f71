/**
 * A rate limit as the fake platforms enforce it: at most `limit` requests in any `spanMs`
 * (a sliding window, the strict reading of "50 requests per second").
 */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly spanMs: number,
  ) {}

  /** How long a request at `now` must wait; 0 when there is room. Counts nothing. */
  waitMs(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.spanMs) this.times.shift();
    return this.times.length < this.limit ? 0 : this.times[0]! + this.spanMs - now;
  }

  /** Records a request let through at `now`. */
  add(now: number): void {
    this.times.push(now);
  }
}
