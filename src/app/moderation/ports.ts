import type {
  AuditInput,
  AuditRecord,
  CampaignRecord,
  CommunityPatch,
  CommunityRecord,
  MemberRecord,
  Platform,
} from '../ports.ts';
import type { NewReminder } from '../reminders/ports.ts';

/** What a moderator changes on a campaign; every field left out stays as it is. */
export interface CampaignModeration {
  /** a pause (who and when) or null to resume */
  pause?: { at: Date; by: string } | null;
  releaseDate?: string;
  state?: 'cancelled';
}

export interface ReminderFailure {
  kind: string;
  milestoneId: string | null;
  at: Date;
  error: string;
}

export interface OrderLogSummary {
  days: number;
  latestDay: string;
  /** the latest reading: Advantage shows running totals */
  orders: number;
  pos: number;
}

/** What the moderator's view of one campaign shows beside its plan. */
export interface CampaignActivity {
  /** reminder rows by state (sent, failed, pending, skipped, missed, cancelled) */
  reminders: Record<string, number>;
  failures: ReminderFailure[];
  /** newest first */
  audit: AuditRecord[];
  /** display names of the audit's actors, by actor id (`platform:externalId`) */
  actorNames: Map<string, string>;
  orders: OrderLogSummary | null;
}

/**
 * Who a forgotten person becomes on the audit lines of what they did in others' trails (another
 * member's campaign, the community's settings): those lines are never deleted, only renamed.
 */
export const FORMER_MODERATOR = 'a former moderator';
export const FORMER_MEMBER = 'a former member';

/** Where a deletion reaches: one community (a moderator's request) or everywhere (the member's own). */
export type DataScope = { communityId: string } | 'everywhere';

export interface MemberDataCounts {
  campaigns: number;
  milestoneProgress: number;
  orderLogs: number;
  reminders: number;
  faqQuestions: number;
  /** audit lines deleted with their data: about their campaigns, their own settings */
  auditEntries: number;
  /** audit lines they wrote in others' trails: kept, their name replaced (never deleted) */
  auditKept: number;
  /** whether the member row itself goes (always for their own request) */
  memberRow: boolean;
  /** private calendar subscription links (they stop working) */
  calendarLinks?: number;
}

/** Storage for the moderators' tools; each change commits with its audit line and any notice. */
export interface ModerationStore {
  /** Members of a platform with one of these external ids, or (case-insensitively) this display name among people with data in the community. */
  findMembers(
    communityId: string,
    platform: Platform,
    ref: { externalIds: readonly string[]; displayName?: string },
  ): Promise<MemberRecord[]>;
  /** Campaigns of the community, any state, matching every filter given; active ones first. */
  findCampaigns(
    communityId: string,
    filter: { memberIds?: readonly string[]; isbn13?: string; titleContains?: string },
    limit: number,
  ): Promise<CampaignRecord[]>;
  campaignActivity(campaignId: string, auditLimit: number, failureLimit: number): Promise<CampaignActivity>;
  /** Applies the change, writes the audit line and the member's notice, and replans, in one transaction. */
  moderateCampaign(
    campaignId: string,
    change: CampaignModeration,
    audit: AuditInput,
    notice: NewReminder,
    now: Date,
  ): Promise<CampaignRecord>;
  /** Changes settings and audits them; a new digest hour or zone moves the pending digest. */
  updateCommunitySettings(
    communityId: string,
    patch: CommunityPatch,
    audit: AuditInput,
    now: Date,
  ): Promise<CommunityRecord>;
  /** What a deletion would remove. */
  memberData(member: MemberRecord, scope: DataScope): Promise<MemberDataCounts>;
  /**
   * Deletes it all in one transaction and writes one audit line that names nobody
   * (`audit.details` must hold counts only). Returns what was deleted.
   */
  forgetMember(
    member: MemberRecord,
    scope: DataScope,
    audit: { actorId: string | null; communityId: string; action: string },
    now: Date,
  ): Promise<MemberDataCounts>;
}
