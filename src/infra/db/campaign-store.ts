import { UserError } from '../../core/errors.ts';
import type { IsoDate, MilestoneId, MilestoneStatus } from '../../core/types.ts';
import type {
  AuditInput,
  AuditRecord,
  CampaignRecord,
  CampaignState,
  CommunityRecord,
  MemberRecord,
  Platform,
} from '../../app/ports.ts';
import type { CampaignPatch, CampaignStore, MemberSettingsPatch, NewCampaign } from '../../app/campaigns/ports.ts';
import { escapeLike, isUniqueViolation, toDate } from './sql-values.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';
import { replanRow, type ReminderPolicy } from './reminder-sync.ts';
import { auditRow } from './audit-rows.ts';
import { toCampaign, withDetails, type CampaignRow } from './campaign-rows.ts';
import { claimBoardWrites, keepBoardRow, transactionSql } from './board-state.ts';

/** Release date, then creation time, then id, so every list has one order and `take` is stable. */
const CAMPAIGN_ORDER = [
  { releaseDate: 'asc' },
  { createdAt: 'asc' },
  { id: 'asc' },
] satisfies Prisma.CampaignOrderByWithRelationInput[];

function duplicateCampaign(isbn13: string, marketplace: string): UserError {
  return new UserError({
    field: 'isbn',
    code: 'conflict',
    message: `You already have an active ${marketplace} campaign for ISBN ${isbn13} here. Use /preorder edit to change it, or /preorder cancel it first.`,
  });
}

export interface CampaignStoreOptions {
  /** When given, every change replans the campaign's reminder rows in the same transaction. */
  reminders?: ReminderPolicy;
  /** The policy's version: new campaigns carry it, and older ones are replanned by upgradePlans. */
  planVersion?: number;
}

/** Campaign persistence over Prisma; every change and its audit line commit together. */
export class PrismaCampaignStore implements CampaignStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: CampaignStoreOptions = {},
  ) {}

  /**
   * A campaign change is whole with its audit line, its replanned reminders and its place on the
   * moderators' board, in the same transaction. The board row is written last: its tallies are the
   * rows concurrent changes in a community share, so they are held for the least time.
   */
  private async settle(
    tx: Prisma.TransactionClient,
    row: CampaignRow,
    audit: AuditInput,
    now: Date,
    how: { fresh?: boolean } = {},
  ): Promise<void> {
    await this.replan(tx, row, now, how);
    await keepBoardRow(transactionSql(tx), row, now, { ...audit, communityId: row.communityId, campaignId: row.id });
  }

  /**
   * Replans reminders for a campaign row just written in `tx` (no-op without a policy); `fresh`
   * when the row was created in `tx`, so it has no stored reminders to compare with.
   */
  private async replan(
    tx: Prisma.TransactionClient,
    row: CampaignRow,
    now: Date,
    how: { fresh?: boolean } = {},
  ): Promise<void> {
    if (!this.options.reminders) return;
    await replanRow(tx, row, this.options.reminders, now, how);
  }

  async ensureCommunity(
    platform: Platform,
    externalId: string,
    defaults: { name?: string; defaultTimeZone: string; timeZoneChosen?: boolean; announcementChannelId?: string },
  ): Promise<CommunityRecord> {
    const where = { platform_externalId: { platform, externalId } };
    const found = await this.prisma.community.findUnique({ where });
    if (found) return found;
    try {
      return await this.prisma.community.create({
        data: {
          platform,
          externalId,
          name: defaults.name ?? null,
          defaultTimeZone: defaults.defaultTimeZone,
          // UTC is the fallback of an unset DEFAULT_TIMEZONE, not a choice: start asks members then.
          timeZoneChosen: defaults.timeZoneChosen ?? defaults.defaultTimeZone !== 'UTC',
          announcementChannelId: defaults.announcementChannelId ?? null,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return this.prisma.community.findUniqueOrThrow({ where });
      throw error;
    }
  }

  async getCommunity(id: string): Promise<CommunityRecord | null> {
    return this.prisma.community.findUnique({ where: { id } });
  }

  async findMember(platform: Platform, externalId: string): Promise<MemberRecord | null> {
    return this.prisma.member.findUnique({ where: { platform_externalId: { platform, externalId } } });
  }

  async ensureMember(platform: Platform, externalId: string, displayName: string): Promise<MemberRecord> {
    const where = { platform_externalId: { platform, externalId } };
    const found = await this.prisma.member.findUnique({ where });
    if (found && found.displayName === displayName) return found;
    if (found) return this.prisma.member.update({ where, data: { displayName } });
    try {
      return await this.prisma.member.create({ data: { platform, externalId, displayName } });
    } catch (error) {
      if (isUniqueViolation(error)) return this.prisma.member.findUniqueOrThrow({ where });
      throw error;
    }
  }

  async updateMemberSettings(
    memberId: string,
    patch: MemberSettingsPatch,
    audit: AuditInput,
    now: Date,
  ): Promise<MemberRecord> {
    return this.prisma.$transaction(async (tx) => {
      const member = await tx.member.update({
        where: { id: memberId },
        data: {
          ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
          ...(patch.dmReminders !== undefined ? { dmReminders: patch.dmReminders } : {}),
          ...(patch.quietHours !== undefined
            ? { quietHoursStart: patch.quietHours?.start ?? null, quietHoursEnd: patch.quietHours?.end ?? null }
            : {}),
          ...(patch.reopenDms ? { dmsClosedAt: null } : {}),
          updatedAt: now,
        },
      });
      await tx.auditEntry.create({ data: auditRow(audit, now) });
      // Daily reminders fall at 09:00 in the member's zone, so a new zone moves them.
      if (patch.timeZone !== undefined) {
        const active = await tx.campaign.findMany({ where: { memberId, state: 'active' }, include: withDetails });
        for (const row of active) await this.replan(tx, row, now);
      }
      return member;
    });
  }

  async createCampaign(input: NewCampaign, audit: AuditInput, now: Date): Promise<CampaignRecord> {
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        await claimBoardWrites(transactionSql(tx));
        const data = {
          communityId: input.communityId,
          memberId: input.memberId,
          title: input.title,
          isbn13: input.isbn.isbn13,
          isbn10: input.isbn.isbn10,
          marketplace: input.marketplace,
          printer: input.printer,
          timeZone: input.timeZone,
          releaseDate: toDate(input.releaseDate),
          createdAt: now,
          updatedAt: now,
          planVersion: this.options.planVersion ?? 0,
        };
        // A new campaign has no marks or PO days yet: with its owner at hand it need not be read back.
        const created: CampaignRow = input.owner
          ? { ...(await tx.campaign.create({ data })), member: input.owner, progress: [], poConfirmations: [] }
          : await tx.campaign.create({ data, include: withDetails });
        await this.settle(tx, created, audit, now, { fresh: true });
        return created;
      });
      return toCampaign(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateCampaign(input.isbn.isbn13, input.marketplace);
      throw error;
    }
  }

  async getCampaign(id: string): Promise<CampaignRecord | null> {
    const row = await this.prisma.campaign.findUnique({ where: { id }, include: withDetails });
    return row ? toCampaign(row) : null;
  }

  async listMemberCampaigns(
    communityId: string,
    memberId: string,
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]> {
    const rows = await this.prisma.campaign.findMany({
      where: { communityId, memberId, state: { in: [...states] } },
      include: withDetails,
      orderBy: CAMPAIGN_ORDER,
    });
    return rows.map(toCampaign);
  }

  async findCommunityCampaigns(
    communityId: string,
    query: { isbn13?: string; title?: string },
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]> {
    const { isbn13, title } = query;
    // A blank or missing query names no campaign; it must never widen to "every campaign".
    const blank = (value: string | undefined) => value !== undefined && value.trim() === '';
    if ((isbn13 === undefined && title === undefined) || blank(isbn13) || blank(title)) return [];
    const rows = await this.prisma.campaign.findMany({
      where: {
        communityId,
        state: { in: [...states] },
        ...(isbn13 !== undefined ? { isbn13 } : {}),
        // Prisma compiles an insensitive `equals` to ILIKE, so LIKE's wildcards and escape are
        // escaped here to keep the match exact: a title is text, not a pattern.
        ...(title !== undefined ? { title: { equals: escapeLike(title), mode: 'insensitive' as const } } : {}),
      },
      include: withDetails,
      orderBy: CAMPAIGN_ORDER,
      take: 20,
    });
    return rows.map(toCampaign);
  }

  async listCommunityCampaigns(
    communityId: string,
    states: readonly CampaignState[],
    limit: number,
  ): Promise<CampaignRecord[]> {
    const rows = await this.prisma.campaign.findMany({
      where: { communityId, state: { in: [...states] } },
      include: withDetails,
      orderBy: CAMPAIGN_ORDER,
      take: limit,
    });
    return rows.map(toCampaign);
  }

  async updateCampaign(id: string, patch: CampaignPatch, audit: AuditInput, now: Date): Promise<CampaignRecord> {
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        await claimBoardWrites(transactionSql(tx));
        const updated = await tx.campaign.update({
          where: { id },
          data: {
            ...(patch.title !== undefined ? { title: patch.title } : {}),
            ...(patch.isbn !== undefined ? { isbn13: patch.isbn.isbn13, isbn10: patch.isbn.isbn10 } : {}),
            ...(patch.marketplace !== undefined ? { marketplace: patch.marketplace } : {}),
            ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
            ...(patch.releaseDate !== undefined ? { releaseDate: toDate(patch.releaseDate) } : {}),
            ...(patch.state !== undefined
              ? { state: patch.state, endedAt: patch.state === 'active' ? null : now }
              : {}),
            updatedAt: now,
          },
          include: withDetails,
        });
        await this.settle(tx, updated, audit, now);
        return updated;
      });
      return toCampaign(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const current = await this.prisma.campaign.findUniqueOrThrow({ where: { id } });
      throw duplicateCampaign(patch.isbn?.isbn13 ?? current.isbn13, patch.marketplace ?? current.marketplace);
    }
  }

  async setMilestone(
    campaignId: string,
    milestoneId: MilestoneId,
    status: MilestoneStatus | null,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord> {
    const row = await this.prisma.$transaction(async (tx) => {
      await claimBoardWrites(transactionSql(tx));
      const key = { campaignId_milestoneId: { campaignId, milestoneId } };
      if (status === null) {
        await tx.milestoneProgress.deleteMany({ where: { campaignId, milestoneId } });
      } else {
        await tx.milestoneProgress.upsert({
          where: key,
          create: { campaignId, milestoneId, status, markedAt: now, markedBy: audit.actorId },
          update: { status, markedAt: now, markedBy: audit.actorId },
        });
      }
      const campaign = await tx.campaign.update({
        where: { id: campaignId },
        data: { updatedAt: now },
        include: withDetails,
      });
      await this.settle(tx, campaign, audit, now);
      return campaign;
    });
    return toCampaign(row);
  }

  async setDailyCheck(
    campaignId: string,
    day: IsoDate,
    confirmed: boolean,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord> {
    const row = await this.prisma.$transaction(async (tx) => {
      const key = { campaignId_day: { campaignId, day: toDate(day) } };
      if (confirmed) {
        await tx.poConfirmation.upsert({
          where: key,
          create: { campaignId, day: toDate(day), confirmedAt: now },
          update: {},
        });
      } else {
        await tx.poConfirmation.deleteMany({ where: { campaignId, day: toDate(day) } });
      }
      const campaign = await tx.campaign.update({
        where: { id: campaignId },
        data: { updatedAt: now },
        include: withDetails,
      });
      await tx.auditEntry.create({
        data: auditRow(audit, now, { communityId: campaign.communityId, campaignId }),
      });
      return campaign;
    });
    return toCampaign(row);
  }

  async replanMemberReminders(memberId: string, now: Date): Promise<void> {
    if (!this.options.reminders) return;
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.campaign.findMany({ where: { memberId, state: 'active' }, include: withDetails });
      for (const row of rows) await this.replan(tx, row, now);
    });
  }

  async upgradePlans(now: Date, limit: number): Promise<number> {
    const version = this.options.planVersion;
    if (!this.options.reminders || version === undefined) return 0;
    const stale = await this.prisma.campaign.findMany({
      where: { state: 'active', planVersion: { lt: version } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
    for (const { id } of stale) {
      await this.prisma.$transaction(async (tx) => {
        const row = await tx.campaign.findUnique({ where: { id }, include: withDetails });
        if (!row) return;
        await this.replan(tx, row, now);
        // Not a change the member made: updated_at keeps its value.
        await tx.campaign.update({ where: { id }, data: { planVersion: version, updatedAt: row.updatedAt } });
      });
    }
    return stale.length;
  }

  async replanReminders(campaignId: string, now: Date): Promise<void> {
    if (!this.options.reminders) return;
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.campaign.findUnique({ where: { id: campaignId }, include: withDetails });
      if (row) await this.replan(tx, row, now);
    });
  }

  async auditTrail(campaignId: string): Promise<AuditRecord[]> {
    const rows = await this.prisma.auditEntry.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      actorId: r.actorId ?? 'unknown',
      action: r.action,
      details: (r.details ?? {}) as Record<string, unknown>,
      at: r.at,
      campaignId: r.campaignId,
    }));
  }
}
