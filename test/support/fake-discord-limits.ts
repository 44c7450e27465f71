import { SlidingWindow } from './sliding-window.ts';

/** Discord's documented global limit: requests per second per bot. */
export const DISCORD_GLOBAL_LIMIT = 50;

/**
 * The global limit as the fake enforces it: at most `perSecond` requests in any one second (a
 * sliding window); interaction callbacks and webhooks are exempt, as Discord documents.
 */
export class GlobalLimit {
  private readonly window: SlidingWindow;

  constructor(perSecond = DISCORD_GLOBAL_LIMIT) {
    this.window = new SlidingWindow(perSecond, 1000);
  }

  /** Discord's global 429 for a request arriving at `at` on `path`, or null when it is served (and counted). */
  refusal(path: string, at: number): { body: unknown; headers: Record<string, string> } | null {
    if (/^\/(interactions|webhooks)\//.test(path)) return null;
    const wait = this.window.waitMs(at);
    if (wait === 0) {
      this.window.add(at);
      return null;
    }
    const seconds = wait / 1000;
    return {
      body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: true, code: 0 },
      headers: {
        'retry-after': String(Math.ceil(seconds)),
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
    };
  }
}
