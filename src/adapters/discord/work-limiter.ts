/**
 * At most `limit` interactions do their work at once; the rest wait their turn, in order.
 * A burst of commands would otherwise share the CPU and the database all at once, and the
 * acknowledgements Discord needs within 3 seconds would queue behind everybody's work. With a
 * limit, an interaction that has to wait is acknowledged (deferred) first and answered when its
 * turn comes.
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

  get busy(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
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
