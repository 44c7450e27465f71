import type { Platform } from '../app/ports.ts';

/**
 * Platforms whose rate limit is in force, and until when. While a platform is paused the sweeper
 * claims none of its reminders and hands back, untouched, those of a batch in hand: sending them
 * would only be refused (discord.js refuses locally for as long as a global limit lasts) and burn
 * their attempts. Only this process's view: another process finds out from its own first refusal.
 */
export class PlatformPauses {
  private readonly until = new Map<Platform, Date>();

  /** Extends a pause, never shortens one; true when the platform was not paused before. */
  pause(platform: Platform, until: Date, now: Date): boolean {
    const current = this.pausedUntil(platform, now);
    if (!current || current < until) this.until.set(platform, until);
    return !current;
  }

  /** When the platform may be used again, or null if it may be now. */
  pausedUntil(platform: Platform, now: Date): Date | null {
    const until = this.until.get(platform);
    if (!until) return null;
    if (until <= now) {
      this.until.delete(platform);
      return null;
    }
    return until;
  }

  /** The platforms of `platforms` that are not paused. */
  open(platforms: readonly Platform[], now: Date): Platform[] {
    return platforms.filter((p) => this.pausedUntil(p, now) === null);
  }

  /** The first moment a paused platform opens again, or null when none is paused. */
  nextResume(now: Date): Date | null {
    let next: Date | null = null;
    for (const platform of [...this.until.keys()]) {
      const until = this.pausedUntil(platform, now);
      if (until && (!next || until < next)) next = until;
    }
    return next;
  }
}
