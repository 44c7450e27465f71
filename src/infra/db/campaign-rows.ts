import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord } from '../../app/ports.ts';
import type { Prisma } from './generated/client.ts';
import { toIso } from './sql-values.ts';

/** How many recent PO-check days a campaign carries: status shows the last fortnight. */
const PO_DAYS_LOADED = 31;

export const withDetails = {
  progress: true,
  member: { select: { displayName: true, timeZone: true, platform: true } },
  poConfirmations: { select: { day: true }, orderBy: { day: 'desc' }, take: PO_DAYS_LOADED },
} as const;
export type CampaignRow = Prisma.CampaignGetPayload<{ include: typeof withDetails }>;

export function toCampaign(row: CampaignRow): CampaignRecord {
  return {
    id: row.id,
    communityId: row.communityId,
    memberId: row.memberId,
    memberName: row.member.displayName,
    title: row.title,
    isbn: { isbn13: row.isbn13, isbn10: row.isbn10 },
    marketplace: row.marketplace,
    printer: row.printer,
    timeZone: row.timeZone,
    releaseDate: toIso(row.releaseDate),
    state: row.state,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    remindersPausedAt: row.remindersPausedAt,
    progress: row.progress.map((p) => ({
      milestoneId: p.milestoneId as MilestoneId,
      status: p.status,
      markedAt: p.markedAt,
      markedBy: p.markedBy,
    })),
    poConfirmedDays: row.poConfirmations.map((c) => toIso(c.day)),
  };
}
