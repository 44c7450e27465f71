import type { IsoDate, MilestoneId, MilestoneStatus } from '../../core/types.ts';
import type {
  AuditInput,
  AuditRecord,
  CampaignRecord,
  CampaignState,
  CommunityRecord,
  MemberRecord,
  Platform,
} from '../ports.ts';

/** What the campaign feature needs from storage: campaigns, members' settings and their audit trail. */

export interface MemberSettingsPatch {
  timeZone?: string;
  dmReminders?: boolean;
  quietHours?: { start: number; end: number } | null;
  reopenDms?: boolean;
}

export type NewCampaign = Pick<
  CampaignRecord,
  'communityId' | 'memberId' | 'title' | 'isbn' | 'marketplace' | 'printer' | 'timeZone' | 'releaseDate'
> & {
  /** The owner as the caller just read them; given, the store need not read the member back. */
  owner?: Pick<MemberRecord, 'platform' | 'displayName' | 'timeZone'>;
};

export type CampaignPatch = Partial<
  Pick<CampaignRecord, 'title' | 'isbn' | 'marketplace' | 'timeZone' | 'releaseDate' | 'state'>
>;

export interface CampaignStore {
  ensureCommunity(
    platform: Platform,
    externalId: string,
    defaults: { name?: string; defaultTimeZone: string; timeZoneChosen?: boolean; announcementChannelId?: string },
  ): Promise<CommunityRecord>;
  getCommunity(id: string): Promise<CommunityRecord | null>;
  ensureMember(platform: Platform, externalId: string, displayName: string): Promise<MemberRecord>;
  /** A member if they have ever used the bot; never creates one. */
  findMember(platform: Platform, externalId: string): Promise<MemberRecord | null>;
  /** Changes a member's reminder settings; a new time zone replans their active campaigns' reminders. */
  updateMemberSettings(
    memberId: string,
    patch: MemberSettingsPatch,
    audit: AuditInput,
    now: Date,
  ): Promise<MemberRecord>;
  createCampaign(input: NewCampaign, audit: AuditInput, now: Date): Promise<CampaignRecord>;
  getCampaign(id: string): Promise<CampaignRecord | null>;
  listMemberCampaigns(
    communityId: string,
    memberId: string,
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]>;
  /** Campaigns in a community whose title or ISBN matches, whoever owns them. */
  findCommunityCampaigns(
    communityId: string,
    query: { isbn13?: string; title?: string },
    states: readonly CampaignState[],
  ): Promise<CampaignRecord[]>;
  listCommunityCampaigns(
    communityId: string,
    states: readonly CampaignState[],
    limit: number,
  ): Promise<CampaignRecord[]>;
  updateCampaign(id: string, patch: CampaignPatch, audit: AuditInput, now: Date): Promise<CampaignRecord>;
  /** Sets (status) or clears (null) a milestone's progress. */
  setMilestone(
    campaignId: string,
    milestoneId: MilestoneId,
    status: MilestoneStatus | null,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord>;
  /** Records (true) or withdraws (false) the daily PO check for `day` in the campaign's zone. */
  setDailyCheck(
    campaignId: string,
    day: IsoDate,
    confirmed: boolean,
    audit: AuditInput,
    now: Date,
  ): Promise<CampaignRecord>;
  auditTrail(campaignId: string): Promise<AuditRecord[]>;
  /** Recomputes a campaign's stored reminders as of `now` (rolls the daily reminders forward). */
  replanReminders(campaignId: string, now: Date): Promise<void>;
  /** Replans every active campaign of a member (rolls their stored mornings forward). */
  replanMemberReminders(memberId: string, now: Date): Promise<void>;
  /** Replans up to `limit` active campaigns whose reminders an older policy planned; returns how many. */
  upgradePlans(now: Date, limit: number): Promise<number>;
}
