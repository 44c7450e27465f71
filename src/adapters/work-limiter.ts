/**
 * At most `limit` pieces of work run at once; the rest wait their turn, in order. Each platform
 * acknowledges first (Discord and Slack both give 3 seconds) and works after: a burst run all at
 * once would share the CPU and the database, and the acknowledgements would queue behind
 * everybody's work. Embedded PGlite runs its queries on this event loop, so there the limit is
 * what lets the loop read and acknowledge new requests between jobs; on PostgreSQL it keeps the
 * pool calm. Each adapter sizes it (see discord-adapter.ts and slack-adapter.ts).
 */
export class WorkLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** A slot now, or null when all are taken. */
  tryAcquire(): (() => void) | null {
    if (this.active >= this.limit) return null;
    this.active++;
    return this.releaser();
  }

  /** A slot, waiting for one when all are taken. */
  async acquire(): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return now;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    // The releasing holder passed its slot on: `active` already counts this one.
    return this.releaser();
  }

  /**
   * Runs the work in a slot, started from a fresh event-loop turn so requests that arrived
   * meanwhile are read and acknowledged first.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
