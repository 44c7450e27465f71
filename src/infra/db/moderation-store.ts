import {
  type CampaignActivity,
  type CampaignModeration,
  type DataScope,
  type MemberDataCounts,
  type ModerationStore,
} from '../../app/moderation/ports.ts';
import type {
  AuditInput,
  AuditRecord,
  CampaignRecord,
  CommunityPatch,
  CommunityRecord,
  MemberRecord,
  Platform,
} from '../../app/ports.ts';
import { nextDigestRow } from '../../app/reminders/digest-schedule.ts';
import { MORNING_KIND } from '../../app/reminders/policy.ts';
import type { NewReminder } from '../../app/reminders/ports.ts';
import { toCampaign, withDetails } from './campaign-rows.ts';
import { escapeLike, toDate, toIso } from './sql-values.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';
import { insertReminders } from './reminder-insert.ts';
import { countMemberData, forgetMemberData } from './member-forgetting.ts';
import { replanRow, type ReminderPolicy } from './reminder-sync.ts';
import { claimBoardWrites, keepBoardRow, transactionSql } from './board-state.ts';
import { auditRow } from './audit-rows.ts';

type Tx = Prisma.TransactionClient;

function toAudit(row: {
  actorId: string | null;
  action: string;
  details: unknown;
  at: Date;
  campaignId: string | null;
}): AuditRecord {
  return {
    actorId: row.actorId ?? 'unknown',
    action: row.action,
    details: (row.details ?? {}) as Record<string, unknown>,
    at: row.at,
    campaignId: row.campaignId,
  };
}

/** The moderators' tools over Prisma; every change commits with its audit line (and notice) or not at all. */
export class PrismaModerationStore implements ModerationStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: ReminderPolicy,
  ) {}

  async findMembers(
    communityId: string,
    platform: Platform,
    ref: { externalIds: readonly string[]; displayName?: string },
  ): Promise<MemberRecord[]> {
    const byId = await this.prisma.member.findMany({ where: { platform, externalId: { in: [...ref.externalIds] } } });
    if (byId.length > 0 || !ref.displayName) return byId;
    return this.prisma.member.findMany({
      where: {
        platform,
        displayName: { equals: escapeLike(ref.displayName), mode: 'insensitive' },
        OR: [{ campaigns: { some: { communityId } } }, { faqQuestions: { some: { communityId } } }],
      },
      orderBy: { createdAt: 'asc' },
      take: 10,
    });
  }

  async findCampaigns(
    communityId: string,
    filter: { memberIds?: readonly string[]; isbn13?: string; titleContains?: string },
    limit: number,
  ): Promise<CampaignRecord[]> {
    const rows = await this.prisma.campaign.findMany({
      where: {
        communityId,
        ...(filter.memberIds ? { memberId: { in: [...filter.memberIds] } } : {}),
        ...(filter.isbn13 ? { isbn13: filter.isbn13 } : {}),
        ...(filter.titleContains
          ? { title: { contains: escapeLike(filter.titleContains), mode: 'insensitive' as const } }
          : {}),
      },
      include: withDetails,
      // PostgreSQL sorts an enum in its declared order: active, completed, cancelled.
      orderBy: [{ state: 'asc' }, { releaseDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toCampaign);
  }

  async campaignActivity(campaignId: string, auditLimit: number, failureLimit: number): Promise<CampaignActivity> {
    // Most of a campaign's reminders are lines of its member's morning message, a row of the
    // member's (no campaign id): count those too, or a member who never gets them looks fine.
    const reminders = {
      OR: [
        { campaignId },
        { campaignId: null, kind: MORNING_KIND, member: { campaigns: { some: { id: campaignId } } } },
      ],
    };
    const [states, failures, audit, orderDays, latestOrder] = await Promise.all([
      this.prisma.reminder.groupBy({ by: ['state'], where: reminders, _count: { _all: true } }),
      this.prisma.reminder.findMany({
        where: { ...reminders, state: 'failed' },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        take: failureLimit,
        select: { kind: true, milestoneId: true, updatedAt: true, lastError: true },
      }),
      this.prisma.auditEntry.findMany({ where: { campaignId }, orderBy: { id: 'desc' }, take: auditLimit }),
      this.prisma.orderLog.count({ where: { campaignId } }),
      this.prisma.orderLog.findFirst({ where: { campaignId }, orderBy: { day: 'desc' } }),
    ]);
    const actors = [...new Set(audit.map((a) => a.actorId).filter((id): id is string => id !== null))];
    return {
      reminders: Object.fromEntries(states.map((s) => [s.state, s._count._all])),
      failures: failures.map((f) => ({
        kind: f.kind,
        milestoneId: f.milestoneId,
        at: f.updatedAt,
        error: f.lastError ?? 'no reason recorded',
      })),
      audit: audit.map(toAudit),
      actorNames: await this.actorNames(actors),
      orders: latestOrder
        ? { days: orderDays, latestDay: toIso(latestOrder.day), orders: latestOrder.orders, pos: latestOrder.pos }
        : null,
    };
  }

  /** Display names for audit actor ids (`platform:externalId`) that are still members. */
  private async actorNames(actorIds: readonly string[]): Promise<Map<string, string>> {
    const keys = actorIds
      .map((id) => /^(console|discord|slack):(.+)$/.exec(id))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ platform: m[1] as Platform, externalId: m[2]! }));
    if (keys.length === 0) return new Map();
    const members = await this.prisma.member.findMany({
      where: { OR: keys },
      select: { platform: true, externalId: true, displayName: true },
    });
    return new Map(members.map((m) => [`${m.platform}:${m.externalId}`, m.displayName]));
  }

  async moderateCampaign(
    campaignId: string,
    change: CampaignModeration,
    audit: AuditInput,
    notice: NewReminder,
    now: Date,
  ): Promise<CampaignRecord> {
    const row = await this.prisma.$transaction(async (tx) => {
      await claimBoardWrites(transactionSql(tx));
      const updated = await tx.campaign.update({
        where: { id: campaignId },
        data: {
          ...(change.pause !== undefined
            ? { remindersPausedAt: change.pause?.at ?? null, remindersPausedBy: change.pause?.by ?? null }
            : {}),
          ...(change.releaseDate !== undefined ? { releaseDate: toDate(change.releaseDate) } : {}),
          ...(change.state !== undefined ? { state: change.state, endedAt: now } : {}),
          updatedAt: now,
        },
        include: withDetails,
      });
      // Written before the replan, which keeps moderator notices whatever the campaign's state.
      await insertReminders(tx, [notice], now);
      await replanRow(tx, updated, this.policy, now);
      // A shift, pause or end moves the campaign on the board, with its audit line, in the same transaction.
      await keepBoardRow(transactionSql(tx), updated, now, { ...audit, communityId: updated.communityId, campaignId });
      return updated;
    });
    return toCampaign(row);
  }

  async updateCommunitySettings(
    communityId: string,
    patch: CommunityPatch,
    audit: AuditInput,
    now: Date,
  ): Promise<CommunityRecord> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.community.update({ where: { id: communityId }, data: { ...patch, updatedAt: now } });
      await tx.auditEntry.create({ data: auditRow(audit, now, { communityId }) });
      const moves =
        patch.digestHour !== undefined ||
        patch.defaultTimeZone !== undefined ||
        patch.announcementChannelId !== undefined;
      if (moves) await rescheduleDigest(tx, updated, now);
      return updated;
    });
  }

  async memberData(member: MemberRecord, scope: DataScope): Promise<MemberDataCounts> {
    return this.prisma.$transaction((tx) => countMemberData(tx, member, scope));
  }

  async forgetMember(
    member: MemberRecord,
    scope: DataScope,
    audit: { actorId: string | null; communityId: string; action: string },
    now: Date,
  ): Promise<MemberDataCounts> {
    return this.prisma.$transaction(async (tx) => {
      const counts = await forgetMemberData(tx, member, scope, this.policy, now);
      await tx.auditEntry.create({
        data: {
          communityId: audit.communityId,
          actorId: audit.actorId,
          action: audit.action,
          details: {
            scope: scope === 'everywhere' ? 'everywhere' : 'this community',
            campaigns: counts.campaigns,
          },
          at: now,
        },
      });
      return counts;
    });
  }
}

/** Cancels the community's pending digests and plans the next one at the current hour, zone and channel. */
async function rescheduleDigest(tx: Tx, community: CommunityRecord, now: Date): Promise<void> {
  const next: NewReminder | null = community.announcementChannelId ? nextDigestRow(community, now) : null;
  await tx.reminder.updateMany({
    where: {
      communityId: community.id,
      kind: 'digest',
      // Not yet claimed, even if already due: it was meant for the old hour, zone or channel.
      state: 'pending',
      ...(next ? { key: { not: next.key } } : {}),
    },
    data: { state: 'cancelled', lastError: 'digest hour, zone or channel changed', updatedAt: now },
  });
  if (!next) return;
  const inserted = await insertReminders(tx, [next], now);
  if (inserted > 0) return;
  // Back to an hour it had before: the row for that instant exists, cancelled; it is wanted again.
  await tx.reminder.updateMany({
    where: { key: next.key, state: 'cancelled' },
    data: { state: 'pending', runAt: next.dueAt, lastError: null, updatedAt: now },
  });
}
