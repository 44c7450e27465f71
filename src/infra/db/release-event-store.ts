import type { ReleaseEventRow, ReleaseEventStore } from '../../app/events/ports.ts';
import type { PrismaClient } from './generated/client.ts';

export class PrismaReleaseEventStore implements ReleaseEventStore {
  constructor(private readonly prisma: PrismaClient) {}

  async forCommunity(communityId: string): Promise<ReleaseEventRow[]> {
    const rows = await this.prisma.campaignReleaseEvent.findMany({ where: { communityId } });
    return rows.map((r) => ({
      campaignId: r.campaignId,
      communityId: r.communityId,
      guildId: r.guildId,
      eventId: r.eventId,
      contentHash: r.contentHash,
    }));
  }

  async save(row: ReleaseEventRow): Promise<void> {
    const { campaignId, ...data } = row;
    await this.prisma.campaignReleaseEvent.upsert({ where: { campaignId }, create: row, update: data });
  }

  async remove(campaignId: string): Promise<void> {
    await this.prisma.campaignReleaseEvent.deleteMany({ where: { campaignId } });
  }

  async communitiesToSync(): Promise<string[]> {
    const [enabled, withRows] = await Promise.all([
      this.prisma.communityChannelFeatures.findMany({ where: { eventsEnabled: true }, select: { communityId: true } }),
      this.prisma.campaignReleaseEvent.findMany({ distinct: ['communityId'], select: { communityId: true } }),
    ]);
    return [...new Set([...enabled, ...withRows].map((r) => r.communityId))];
  }
}
