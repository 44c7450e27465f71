/**
 * Runs the work that follows an ack a few at a time, each started from a fresh event-loop turn.
 * PGlite runs queries on the main thread, and a burst of commands run all at once would keep the
 * loop busy with promise chains while other requests wait to be read and acked; between jobs
 * here, the loop reads and acks what has arrived. On PostgreSQL the limit keeps the pool calm.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
