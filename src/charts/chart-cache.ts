import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;

/**
 * The "now" a chart draws: the start of the hour, so a picture changes hourly rather than on
 * every call, and the same plan asked about twice in an hour is drawn once.
 */
export const chartHour = (now: Date): Date => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Rendered PNGs by the hash of everything they show (the caller's key: the plan or tallies, the
 * rounded now, the zone), least recently used dropped first. A render in progress is shared, so a
 * burst of identical requests draws once; a failed one is forgotten.
 */
export class ChartCache {
  private readonly entries = new Map<string, Promise<Buffer>>();

  constructor(private readonly maxEntries = 128) {}

  get size(): number {
    return this.entries.size;
  }

  render(shown: unknown, draw: () => Promise<Buffer>): Promise<Buffer> {
    const key = createHash('sha256').update(JSON.stringify(shown)).digest('base64url');
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const made = draw();
    this.entries.set(key, made);
    made.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}
