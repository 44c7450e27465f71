/**
 * Keeps one process's requests within "at most `limit` in any `windowMs`", the way Discord's
 * global limit is counted as far as a client can tell (a sliding second). A request starts only
 * once the request `limit` places before it has been answered for a whole window: the server
 * received that one before it answered, so however late this process gets round to sending (a
 * busy event loop), the server never sees more than `limit` in a window. Bursts up to the limit
 * go at once. Refusals can still happen (other processes share the token) and are handled as before.
 */
const SPARE_MS = 5;

export class RequestPacer {
  /** When each of the last `limit` requests was answered (pending while in flight), oldest first. */
  private readonly answered: Promise<number>[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Runs `request` in its turn; callers go in the order they asked. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    let finished!: (at: number) => void;
    const answered = new Promise<number>((resolve) => (finished = resolve));
    const turn = this.queue.then(async () => {
      if (this.answered.length >= this.limit) {
        // Timers round to whole milliseconds and may fire a little early: a few to spare.
        const wait = Math.ceil((await this.answered.shift()!) + this.windowMs + SPARE_MS - performance.now());
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      this.answered.push(answered);
    });
    this.queue = turn;
    await turn;
    try {
      return await request();
    } finally {
      finished(performance.now());
    }
  }
}
