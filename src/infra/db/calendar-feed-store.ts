import type { CalendarFeedRecord, CalendarFeedStore, FeedOwner } from '../../app/exports/feed-ports.ts';
import type { PrismaClient } from './generated/client.ts';

const ownerKey = (owner: FeedOwner): string => (owner.kind === 'member' ? `member:${owner.memberId}` : 'community');

export class PrismaCalendarFeedStore implements CalendarFeedStore {
  constructor(private readonly prisma: PrismaClient) {}

  async byTokenHash(tokenHash: string): Promise<CalendarFeedRecord | null> {
    const row = await this.prisma.calendarFeed.findUnique({ where: { tokenHash } });
    return row && { id: row.id, communityId: row.communityId, memberId: row.memberId, createdAt: row.createdAt };
  }

  async find(communityId: string, owner: FeedOwner): Promise<CalendarFeedRecord | null> {
    const row = await this.prisma.calendarFeed.findUnique({
      where: { communityId_ownerKey: { communityId, ownerKey: ownerKey(owner) } },
    });
    return row && { id: row.id, communityId: row.communityId, memberId: row.memberId, createdAt: row.createdAt };
  }

  async issue(communityId: string, owner: FeedOwner, tokenHash: string, now: Date): Promise<void> {
    const key = ownerKey(owner);
    await this.prisma.$transaction([
      this.prisma.calendarFeed.deleteMany({ where: { communityId, ownerKey: key } }),
      this.prisma.calendarFeed.create({
        data: {
          communityId,
          ownerKey: key,
          tokenHash,
          memberId: owner.kind === 'member' ? owner.memberId : null,
          createdAt: now,
        },
      }),
    ]);
  }

  async remove(id: string): Promise<void> {
    await this.prisma.calendarFeed.deleteMany({ where: { id } });
  }
}
