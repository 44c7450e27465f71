import type { CalendarRevisionStore, EventRevision } from '../../app/exports/ports.ts';
import type { PrismaClient } from './generated/client.ts';

/**
 * SEQUENCE per calendar event. The bump is a conditional UPDATE (only where the stored hash
 * differs), so two feeds served at once for the same change raise it once, not twice.
 */
export class PrismaCalendarRevisionStore implements CalendarRevisionStore {
  constructor(private readonly prisma: PrismaClient) {}

  async sequences(events: readonly EventRevision[]): Promise<Map<string, number>> {
    if (events.length === 0) return new Map();
    const campaignIds = [...new Set(events.map((e) => e.campaignId))];
    const stored = await this.read(campaignIds);
    const fresh = events.filter((e) => !stored.has(key(e)));
    const changed = events.filter((e) => {
      const row = stored.get(key(e));
      return row !== undefined && row.hash !== e.hash;
    });
    if (fresh.length > 0) {
      await this.prisma.calendarEventRevision.createMany({
        data: fresh.map((e) => ({ campaignId: e.campaignId, uid: e.uid, contentHash: e.hash })),
        skipDuplicates: true,
      });
    }
    for (const e of changed) {
      await this.prisma.calendarEventRevision.updateMany({
        where: { campaignId: e.campaignId, uid: e.uid, contentHash: { not: e.hash } },
        data: { contentHash: e.hash, sequence: { increment: 1 } },
      });
    }
    const settled = fresh.length + changed.length > 0 ? await this.read(campaignIds) : stored;
    return new Map(events.map((e) => [e.uid, settled.get(key(e))?.sequence ?? 0]));
  }

  private async read(campaignIds: string[]): Promise<Map<string, { hash: string; sequence: number }>> {
    const rows = await this.prisma.calendarEventRevision.findMany({ where: { campaignId: { in: campaignIds } } });
    return new Map(rows.map((r) => [`${r.campaignId} ${r.uid}`, { hash: r.contentHash, sequence: r.sequence }]));
  }
}

const key = (e: EventRevision) => `${e.campaignId} ${e.uid}`;
