/**
 * A fixed-window counter per key, in memory: enough to stop one client from hammering the feed.
 * Windows are per process; several processes each allow the limit (documented in operations.md).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly rule: { limit: number; windowMs: number }) {}

  /** Counts one request; null when allowed, else the milliseconds until the window resets. */
  take(key: string, now: number): number | null {
    this.prune(now);
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.rule.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return null;
    }
    if (current.count >= this.rule.limit) return current.start + this.rule.windowMs - now;
    current.count += 1;
    return null;
  }

  /** Drops ended windows once the map grows, so many one-off clients cannot fill memory. */
  private prune(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.rule.windowMs) this.windows.delete(key);
    }
  }
}
