import type {
  CampaignThreadRecord,
  CampaignThreadStore,
  ChannelFeatures,
  ChannelFeatureStore,
} from '../../app/threads/ports.ts';
import { NO_CHANNEL_FEATURES } from '../../app/threads/ports.ts';
import type { PrismaClient } from './generated/client.ts';

const featuresOf = (row: ChannelFeatures | null): ChannelFeatures =>
  row
    ? {
        eventsEnabled: row.eventsEnabled,
        eventsBlockedAt: row.eventsBlockedAt,
        threadsEnabled: row.threadsEnabled,
        threadsForumId: row.threadsForumId,
      }
    : { ...NO_CHANNEL_FEATURES };

export class PrismaChannelFeatureStore implements ChannelFeatureStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(communityId: string): Promise<ChannelFeatures> {
    return featuresOf(await this.prisma.communityChannelFeatures.findUnique({ where: { communityId } }));
  }

  async withThreads(): Promise<string[]> {
    const rows = await this.prisma.communityChannelFeatures.findMany({
      where: { threadsEnabled: true },
      select: { communityId: true },
    });
    return rows.map((r) => r.communityId);
  }

  async set(communityId: string, patch: Partial<ChannelFeatures>): Promise<ChannelFeatures> {
    const row = await this.prisma.communityChannelFeatures.upsert({
      where: { communityId },
      create: { communityId, ...patch },
      update: patch,
    });
    return featuresOf(row);
  }
}

export class PrismaCampaignThreadStore implements CampaignThreadStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(campaignId: string): Promise<CampaignThreadRecord | null> {
    const row = await this.prisma.campaignThread.findUnique({ where: { campaignId } });
    return row && { campaignId, channelId: row.channelId, threadId: row.threadId, phase: row.phase };
  }

  async many(campaignIds: readonly string[]): Promise<CampaignThreadRecord[]> {
    const rows = await this.prisma.campaignThread.findMany({ where: { campaignId: { in: [...campaignIds] } } });
    return rows.map((r) => ({
      campaignId: r.campaignId,
      channelId: r.channelId,
      threadId: r.threadId,
      phase: r.phase,
    }));
  }

  async save(record: CampaignThreadRecord): Promise<void> {
    const data = { channelId: record.channelId, threadId: record.threadId, phase: record.phase };
    await this.prisma.campaignThread.upsert({
      where: { campaignId: record.campaignId },
      create: { campaignId: record.campaignId, ...data },
      update: data,
    });
  }
}
