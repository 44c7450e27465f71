import { randomUUID } from 'node:crypto';
import { UserError } from '../../src/core/errors.ts';
import type { IsoDate, MilestoneId, MilestoneStatus } from '../../src/core/types.ts';
import type {
  AuditInput,
  AuditRecord,
  CampaignRecord,
  CampaignState,
  CommunityRecord,
  MemberRecord,
  Platform,
} from '../../src/app/ports.ts';
import type { CampaignPatch, CampaignStore, MemberSettingsPatch, NewCampaign } from '../../src/app/campaigns/ports.ts';

/**
 * An in-memory `CampaignStore` that keeps the port's promises and nothing more: records are
 * copied in and out, a member has at most one active campaign per ISBN-13 and marketplace in a
 * community, titles match exactly ignoring case, and lists come in release-date order.
 * test/contract/ runs the same suite against this and PrismaCampaignStore; the database's own
 * constraints are covered by test/integration/migrations.test.ts, not here.
 */

type StoredCampaign = Omit<CampaignRecord, 'memberName' | 'progress' | 'poConfirmedDays'> & {
  progress: Map<MilestoneId, { status: MilestoneStatus; markedAt: Date; markedBy: string }>;
  poConfirmedDays: Set<IsoDate>;
};

/** How many recent PO-check days a record carries, as the Prisma store loads them. */
const PO_DAYS_LOADED = 31;

/** findCommunityCampaigns returns at most this many. */
const FIND_LIMIT = 20;

/** Same words as the real store, so callers and the contract suite see one message. */
function duplicateCampaign(isbn13: string, marketplace: string): UserError {
  return new UserError({
    field: 'isbn',
    code: 'conflict',
    message: `You already have an active ${marketplace} campaign for ISBN ${isbn13} here. Use /preorder edit to change it, or /preorder cancel it first.`,
  });
}

export class MemoryCampaignStore implements CampaignStore {
  private readonly communities = new Map<string, CommunityRecord>();
  private readonly members = new Map<string, MemberRecord>();
  private readonly campaigns = new Map<string, StoredCampaign>();
  /** In the order written. */
  private readonly audit: AuditRecord[] = [];

  /** How much is stored, for tests that check a failed call wrote nothing. */
  counts(): { campaigns: number; progress: number; audit: number } {
    let progress = 0;
    for (const c of this.campaigns.values()) progress += c.progress.size;
    return { campaigns: this.campaigns.size, progress, audit: this.audit.length };
  }

  // Each method checks everything before it changes anything, with no await in between, so a
  // refused call leaves nothing behind and concurrent calls cannot interleave.

  async ensureCommunity(
    platform: Platform,
    externalId: string,
    defaults: { name?: string; defaultTimeZone: string; timeZoneChosen?: boolean; announcementChannelId?: string },
  ): Promise<CommunityRecord> {
    const found = findByKey(this.communities, platform, externalId);
    if (found) return structuredClone(found);
    const community: CommunityRecord = {
      id: randomUUID(),
      platform,
      externalId,
      name: defaults.name ?? null,
      defaultTimeZone: defaults.defaultTimeZone,
      timeZoneChosen: defaults.timeZoneChosen ?? defaults.defaultTimeZone !== 'UTC',
      announcementChannelId: defaults.announcementChannelId ?? null,
      moderatorRoleIds: [],
      digestHour: 9,
      mutedPosts: [],
    };
    this.communities.set(community.id, community);
    return structuredClone(community);
  }

  async getCommunity(id: string): Promise<CommunityRecord | null> {
    const found = this.communities.get(id);
    return found ? structuredClone(found) : null;
  }

  async findMember(platform: Platform, externalId: string): Promise<MemberRecord | null> {
    const found = findByKey(this.members, platform, externalId);
    return found ? structuredClone(found) : null;
  }

  async ensureMember(platform: Platform, externalId: string, displayName: string): Promise<MemberRecord> {
    let member = findByKey(this.members, platform, externalId);
    if (member) member.displayName = displayName;
    else {
      member = {
        id: randomUUID(),
        platform,
        externalId,
        displayName,
        timeZone: null,
        dmReminders: true,
        quietHoursStart: null,
        quietHoursEnd: null,
        dmsClosedAt: null,
      };
      this.members.set(member.id, member);
    }
    return structuredClone(member);
  }

  async updateMemberSettings(
    memberId: string,
    patch: MemberSettingsPatch,
    audit: AuditInput,
    now: Date,
  ): Promise<MemberRecord> {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`no member ${memberId}`);
    if (patch.timeZone !== undefined) member.timeZone = patch.timeZone;
    if (patch.dmReminders !== undefined) member.dmReminders = patch.dmReminders;
    if (patch.quietHours !== undefined) {
      member.quietHoursStart = patch.quietHours?.start ?? null;
      member.quietHoursEnd = patch.quietHours?.end ?? null;
    }
    if (patch.reopenDms) member.dmsClosedAt = null;
    this.audit.push({ ...structuredClone(audit), at: new Date(now), campaignId: null });
    return structuredClone(member);
  }

  async createCampaign(input: NewCampaign, audit: AuditInput, now: Date): Promise<CampaignRecord> {
    if (!this.communities.has(input.communityId)) throw new Error(`no community ${input.communityId}`);
    if (!this.members.has(input.memberId)) throw new Error(`no member ${input.memberId}`);
    const campaign: StoredCampaign = {
      ...structuredClone(input),
      id: randomUUID(),
      state: 'active',
      remindersPausedAt: null,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      progress: new Map(),
      poConfirmedDays: new Set(),
    };
    this.checkOneActive(campaign);
    this.campaigns.set(campaign.id, campaign);
    this.record(audit, campaign.id, now);
    return this.toRecord(campaign);
  }

  async getCampaign(id: string): Promise<CampaignRecord | null> {
    const campaign = this.campaigns.get(id);
    return campaign ? this.toRecord(campaign) : null;
  }

  async listMemberCampaigns(
    communityId: string,
    memberId: string,
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]> {
    return this.select((c) => c.communityId === communityId && c.memberId === memberId && states.includes(c.state));
  }

  async findCommunityCampaigns(
    communityId: string,
    query: { isbn13?: string; title?: string },
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]> {
    const { isbn13, title } = query;
    const blank = (value: string | undefined) => value !== undefined && value.trim() === '';
    if ((isbn13 === undefined && title === undefined) || blank(isbn13) || blank(title)) return [];
    const found = this.select(
      (c) =>
        c.communityId === communityId &&
        states.includes(c.state) &&
        (isbn13 === undefined || c.isbn.isbn13 === isbn13) &&
        (title === undefined || c.title.toLowerCase() === title.toLowerCase()),
    );
    return found.slice(0, FIND_LIMIT);
  }

  async listCommunityCampaigns(
    communityId: string,
    states: readonly CampaignState[],
    limit: number,
  ): Promise<CampaignRecord[]> {
    return this.select((c) => c.communityId === communityId && states.includes(c.state)).slice(0, limit);
  }

  async updateCampaign(id: string, patch: CampaignPatch, audit: AuditInput, now: Date): Promise<CampaignRecord> {
    const current = this.campaignOrThrow(id);
    const defined = Object.fromEntries(Object.entries(structuredClone(patch)).filter(([, v]) => v !== undefined));
    const updated: StoredCampaign = { ...current, ...defined, updatedAt: new Date(now) };
    this.checkOneActive(updated);
    this.campaigns.set(id, updated);
    this.record(audit, id, now);
    return this.toRecord(updated);
  }

  async setMilestone(
    campaignId: string,
    milestoneId: MilestoneId,
    status: MilestoneStatus | null,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord> {
    const campaign = this.campaignOrThrow(campaignId);
    if (status === null) campaign.progress.delete(milestoneId);
    else campaign.progress.set(milestoneId, { status, markedAt: new Date(now), markedBy: audit.actorId });
    campaign.updatedAt = new Date(now);
    this.record(audit, campaignId, now);
    return this.toRecord(campaign);
  }

  async setDailyCheck(
    campaignId: string,
    day: IsoDate,
    confirmed: boolean,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord> {
    const campaign = this.campaignOrThrow(campaignId);
    if (confirmed) campaign.poConfirmedDays.add(day);
    else campaign.poConfirmedDays.delete(day);
    campaign.updatedAt = new Date(now);
    this.record(audit, campaignId, now);
    return this.toRecord(campaign);
  }

  async auditTrail(campaignId: string): Promise<AuditRecord[]> {
    return structuredClone(this.audit.filter((a) => a.campaignId === campaignId));
  }

  /** Reminders are not modelled here (the Prisma store owns them); the port's promise is a no-op. */
  async replanReminders(): Promise<void> {}
  async replanMemberReminders(): Promise<void> {}
  async upgradePlans(): Promise<number> {
    return 0;
  }

  private campaignOrThrow(id: string): StoredCampaign {
    const campaign = this.campaigns.get(id);
    if (!campaign) throw new Error(`no campaign ${id}`);
    return campaign;
  }

  private record(audit: AuditInput, campaignId: string, now: Date): void {
    this.audit.push({ ...structuredClone(audit), at: new Date(now), campaignId });
  }

  /** A member runs at most one active campaign per ISBN-13 and marketplace in a community. */
  private checkOneActive(row: StoredCampaign): void {
    if (row.state !== 'active') return;
    for (const other of this.campaigns.values()) {
      if (
        other.id !== row.id &&
        other.state === 'active' &&
        other.communityId === row.communityId &&
        other.memberId === row.memberId &&
        other.isbn.isbn13 === row.isbn.isbn13 &&
        other.marketplace === row.marketplace
      ) {
        throw duplicateCampaign(row.isbn.isbn13, row.marketplace);
      }
    }
  }

  /** Matching campaigns by release date, then creation time, then id. */
  private select(keep: (c: StoredCampaign) => boolean): CampaignRecord[] {
    return [...this.campaigns.values()]
      .filter(keep)
      .sort(
        (a, b) =>
          compare(a.releaseDate, b.releaseDate) || a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id),
      )
      .map((c) => this.toRecord(c));
  }

  private toRecord(campaign: StoredCampaign): CampaignRecord {
    const { progress, poConfirmedDays, ...fields } = structuredClone(campaign);
    return {
      ...fields,
      memberName: this.members.get(campaign.memberId)!.displayName,
      progress: [...progress].map(([milestoneId, p]) => ({ milestoneId, ...p })),
      poConfirmedDays: [...poConfirmedDays].sort().reverse().slice(0, PO_DAYS_LOADED),
    };
  }
}

function findByKey<T extends { platform: Platform; externalId: string }>(
  rows: Map<string, T>,
  platform: Platform,
  externalId: string,
): T | undefined {
  for (const row of rows.values()) if (row.platform === platform && row.externalId === externalId) return row;
  return undefined;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
