import {
  FORMER_MEMBER,
  FORMER_MODERATOR,
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
import { toCampaign, withDetails } from './campaign-store.ts';
import { escapeLike, toDate, toIso } from './sql-values.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';
import { insertReminders } from './reminder-insert.ts';
import { syncCampaignReminders, type ReminderPolicy } from './reminder-sync.ts';

type Tx = Prisma.TransactionClient;

const actorIdOf = (member: MemberRecord) => `${member.platform}:${member.externalId}`;
/** What a redacted audit line keeps: that something happened, not about whom. */
const REDACTED = { redacted: 'about a member whose data was deleted' };
/** Audit actions only a moderator takes (on another member's campaign, every action is one). */
const MODERATOR_ACTIONS = ['moderator.', 'community.', 'faq.', 'member.forgotten'];

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
      await tx.auditEntry.create({
        data: {
          communityId: updated.communityId,
          campaignId,
          actorId: audit.actorId,
          action: audit.action,
          details: audit.details as Prisma.InputJsonValue,
          at: now,
        },
      });
      // Written before the replan, which keeps moderator notices whatever the campaign's state.
      await insertReminders(tx, [notice], now);
      await syncCampaignReminders(
        tx,
        { campaign: toCampaign(updated), platform: updated.member.platform, memberTimeZone: updated.member.timeZone },
        this.policy,
        now,
      );
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
      await tx.auditEntry.create({
        data: {
          communityId,
          actorId: audit.actorId,
          action: audit.action,
          details: audit.details as Prisma.InputJsonValue,
          at: now,
        },
      });
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
      const counts = await countMemberData(tx, member, scope);
      const where = await dataWhere(tx, member, scope, counts.memberRow);
      const actorId = actorIdOf(member);
      const inScope = scope === 'everywhere' ? {} : { communityId: scope.communityId };

      // Lines about them that are not theirs (a moderator adding them, say) keep only that they happened.
      await tx.$executeRawUnsafe(
        `UPDATE "audit_log" SET "details" = $1::jsonb
          WHERE (strpos("details"::text, $2) > 0 OR strpos("details"::text, $3) > 0)
            AND ($4::text IS NULL OR "community_id" = $4)`,
        JSON.stringify(REDACTED),
        JSON.stringify(member.externalId),
        JSON.stringify(member.id),
        scope === 'everywhere' ? null : scope.communityId,
      );
      // What they did in others' trails stays, under a name that is no longer theirs; never deleted.
      const kept = await tx.auditEntry.findMany({
        where: where.keptAudit,
        select: { id: true, action: true, campaignId: true },
      });
      const byModerator = (line: (typeof kept)[number]) =>
        line.campaignId !== null || MODERATOR_ACTIONS.some((prefix) => line.action.startsWith(prefix));
      for (const [actor, lines] of [
        [FORMER_MODERATOR, kept.filter(byModerator)],
        [FORMER_MEMBER, kept.filter((line) => !byModerator(line))],
      ] as const) {
        if (lines.length > 0) {
          await tx.auditEntry.updateMany({ where: { id: { in: lines.map((l) => l.id) } }, data: { actorId: actor } });
        }
      }
      await tx.auditEntry.deleteMany({ where: where.audit });
      await tx.reminder.deleteMany({ where: where.reminders });
      await tx.faqQuestion.deleteMany({ where: where.faqQuestions });
      await tx.orderLog.deleteMany({ where: { campaignId: { in: where.campaignIds } } });
      await tx.milestoneProgress.deleteMany({ where: { campaignId: { in: where.campaignIds } } });
      await tx.campaign.deleteMany({ where: { id: { in: where.campaignIds } } });
      // What they did as a moderator elsewhere stays, without their name on it.
      await tx.faqQuestion.updateMany({ where: { resolvedBy: actorId, ...inScope }, data: { resolvedBy: null } });
      await tx.faqAlias.updateMany({ where: { createdBy: actorId, ...inScope }, data: { createdBy: null } });
      await tx.faqAnswerVersion.updateMany({ where: { editedBy: actorId, ...inScope }, data: { editedBy: null } });
      await tx.campaign.updateMany({
        where: { remindersPausedBy: actorId, ...inScope },
        data: { remindersPausedBy: null, updatedAt: now },
      });
      await tx.orderLog.updateMany({
        where: {
          loggedBy: actorId,
          ...(scope === 'everywhere' ? {} : { campaign: { communityId: scope.communityId } }),
        },
        data: { loggedBy: null },
      });
      await tx.milestoneProgress.updateMany({
        where: {
          markedBy: actorId,
          ...(scope === 'everywhere' ? {} : { campaign: { communityId: scope.communityId } }),
        },
        data: { markedBy: 'deleted member' },
      });
      await tx.$executeRawUnsafe(
        `UPDATE "communities" SET "moderator_role_ids" = array_remove("moderator_role_ids", $1)
          WHERE $1 = ANY("moderator_role_ids") AND ($2::text IS NULL OR "id" = $2)`,
        member.externalId,
        scope === 'everywhere' ? null : scope.communityId,
      );
      if (counts.memberRow) await tx.member.delete({ where: { id: member.id } });
      else {
        // Their morning rows are shared by all their campaigns and stored under the community that
        // planned them first, maybe this one: the campaigns left elsewhere plan theirs again.
        const rest = await tx.campaign.findMany({
          where: { memberId: member.id, state: 'active' },
          include: withDetails,
        });
        for (const c of rest) {
          await syncCampaignReminders(
            tx,
            { campaign: toCampaign(c), platform: c.member.platform, memberTimeZone: c.member.timeZone },
            this.policy,
            now,
          );
        }
      }
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

interface DataWhere {
  campaignIds: string[];
  /** Audit lines that are the member's own data: about their campaigns, or their own settings. */
  audit: Prisma.AuditEntryWhereInput;
  /** Lines they wrote in others' trails (another member's campaign, the community's settings). */
  keptAudit: Prisma.AuditEntryWhereInput;
  reminders: Prisma.ReminderWhereInput;
  faqQuestions: Prisma.FaqQuestionWhereInput;
}

async function dataWhere(tx: Tx, member: MemberRecord, scope: DataScope, memberRow: boolean): Promise<DataWhere> {
  const inScope = scope === 'everywhere' ? {} : { communityId: scope.communityId };
  const campaigns = await tx.campaign.findMany({ where: { memberId: member.id, ...inScope }, select: { id: true } });
  const campaignIds = campaigns.map((c) => c.id);
  const actorId = actorIdOf(member);
  return {
    campaignIds,
    audit: {
      OR: [
        { campaignId: { in: campaignIds } },
        // Their own settings changes belong to no community; they go with the member row.
        ...(memberRow ? [{ actorId, communityId: null }] : []),
      ],
    },
    keptAudit: {
      actorId,
      communityId: scope === 'everywhere' ? { not: null } : scope.communityId,
      OR: [{ campaignId: null }, { campaignId: { notIn: campaignIds } }],
    },
    reminders: { OR: [{ campaignId: { in: campaignIds } }, { memberId: member.id, ...inScope }] },
    faqQuestions: { memberId: member.id, ...inScope },
  };
}

async function countMemberData(tx: Tx, member: MemberRecord, scope: DataScope): Promise<MemberDataCounts> {
  const elsewhere =
    scope === 'everywhere'
      ? 0
      : (await tx.campaign.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } })) +
        (await tx.faqQuestion.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } })) +
        (await tx.reminder.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } }));
  const memberRow = elsewhere === 0;
  const where = await dataWhere(tx, member, scope, memberRow);
  const byCampaign = { campaignId: { in: where.campaignIds } };
  return {
    campaigns: where.campaignIds.length,
    milestoneProgress: await tx.milestoneProgress.count({ where: byCampaign }),
    orderLogs: await tx.orderLog.count({ where: byCampaign }),
    reminders: await tx.reminder.count({ where: where.reminders }),
    faqQuestions: await tx.faqQuestion.count({ where: where.faqQuestions }),
    auditEntries: await tx.auditEntry.count({ where: where.audit }),
    auditKept: await tx.auditEntry.count({ where: where.keptAudit }),
    memberRow,
  };
}
