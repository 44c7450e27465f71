import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord, CommunityRecord, MemberRecord, Platform } from '../ports.ts';
import type { Reply } from '../reply.ts';
import type { GuildEventApi } from '../events/ports.ts';
import type { ThreadPublisher } from '../threads/ports.ts';

export type ReminderTarget = 'dm' | 'channel' | 'moderators';
export type ReminderState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'missed' | 'skipped';

/** A reminder a campaign should have, as the policy computes it; the key makes it unique forever. */
export interface DesiredReminder {
  key: string;
  milestoneId: MilestoneId | null;
  kind: string;
  target: ReminderTarget;
  dueAt: Date;
  expiresAt: Date | null;
  critical: boolean;
  payload?: Record<string, unknown>;
  /** The member's, shared by all their campaigns (the morning message): stored with no campaign. */
  memberWide?: boolean;
}

export interface NewReminder extends DesiredReminder {
  platform: Platform;
  communityId: string;
  campaignId: string | null;
  memberId: string | null;
}

export interface ReminderRow extends NewReminder {
  id: string;
  runAt: Date;
  state: ReminderState;
  attempts: number;
  lastError: string | null;
  /** claimed again after a lease ran out: the previous holder may have delivered it */
  redelivered: boolean;
  /** already known to be late when a quiet-hours hold moved it */
  late: boolean;
  payload: Record<string, unknown>;
}

/** What the sweeper needs to word and address a batch, loaded in one go. */
export interface ReminderContext {
  communities: Map<string, CommunityRecord & { digestHour: number }>;
  campaigns: Map<string, CampaignRecord>;
  members: Map<string, MemberRecord>;
  /** every active campaign of each member a morning row in the batch belongs to */
  memberCampaigns: Map<string, CampaignRecord[]>;
}

export type ReminderOutcome =
  | { id: string; type: 'sent'; via: 'dm' | 'channel' | 'channel-fallback' | 'moderators'; late: boolean }
  | { id: string; type: 'retry'; runAt: Date; error: string; countsAsAttempt: boolean; late?: boolean }
  | { id: string; type: 'failed'; error: string }
  | { id: string; type: 'skipped'; reason: string }
  | { id: string; type: 'missed' };

/** Durable reminder rows: the sweeper's side (claim, settle) and the services' side (add). */
export interface ReminderQueue {
  /** Leases up to `limit` due rows to `owner`; rows another process holds are skipped, not waited for. */
  claimDue(input: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    platforms: readonly Platform[];
  }): Promise<ReminderRow[]>;
  /** Puts rows whose lease ran out back in the queue (their holder died); returns how many. */
  reclaimExpiredLeases(now: Date, limit: number): Promise<number>;
  loadContext(rows: readonly ReminderRow[]): Promise<ReminderContext>;
  /** Extends the lease on rows `owner` still holds (a long batch must not lose them); returns how many. */
  renewLeases(ids: readonly string[], owner: string, until: Date): Promise<number>;
  /** Records each outcome, only for rows `owner` still holds; returns how many it recorded. */
  settle(outcomes: readonly ReminderOutcome[], owner: string, now: Date): Promise<number>;
  /** Gives leases back untouched (graceful shutdown). */
  release(ids: readonly string[], owner: string): Promise<void>;
  /** Inserts rows whose key is new; existing keys (sent, pending or cancelled) are left alone. */
  add(rows: readonly NewReminder[], now: Date): Promise<number>;
  /** Folds stale reminders into the campaign's pending "missed while offline" summary. */
  addMissedSummary(row: NewReminder, items: readonly Record<string, unknown>[], now: Date): Promise<void>;
  /** Marks a member's DMs closed; true only the first time, so moderators are told once. */
  closeDms(memberId: string, now: Date): Promise<boolean>;
  /** Communities on these platforms that have an announcement channel (daily digest targets). */
  digestCommunities(
    platforms: readonly Platform[],
  ): Promise<{ id: string; platform: Platform; defaultTimeZone: string; digestHour: number }[]>;
  /** The earliest pending run instant (the console's simulated clock steps through these). */
  nextRunAt(platforms: readonly Platform[]): Promise<Date | null>;
}

export type Destination =
  /** the community is where the campaign lives: Slack needs its workspace to open the DM */
  | { kind: 'dm'; memberExternalId: string; displayName: string; communityExternalId: string }
  | {
      kind: 'channel';
      communityExternalId: string;
      channelId: string;
      mentionMemberExternalId?: string;
      /** a campaign's thread in that channel: a Discord thread's id, a Slack parent message's ts */
      threadId?: string;
      /** the campaign the thread is for, named where a platform has no threads (the console) */
      threadLabel?: string;
    }
  | { kind: 'moderators'; communityExternalId: string; channelId: string | null };

export interface Delivery {
  platform: Platform;
  to: Destination;
  reply: Reply;
  /** the campaign a channel post is about: with threads on, it goes to that campaign's thread */
  campaign?: CampaignRecord;
}

export type DeliveryFailure = 'dm-closed' | 'rate-limited' | 'transient' | 'permanent';

/**
 * How a platform adapter reports a refused delivery; anything else thrown counts as transient.
 * A rate limit says how long to wait and whether it holds for every send on the platform (Discord's
 * global limit, Slack's workspace limits) or only for this route.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly reason: DeliveryFailure,
    message: string,
    readonly retryAfterMs?: number,
    readonly platformWide = false,
  ) {
    super(message);
  }
}

/** The platform side of reminders: one per adapter, routed by platform. */
export interface Notifier {
  readonly platforms: readonly Platform[];
  deliver(delivery: Delivery): Promise<void>;
  /** The platform's threads (forum posts, Slack parent messages), when it has them. */
  readonly threads?: ThreadPublisher;
  /** The platform's scheduled events (Discord), when it has them. */
  readonly guildEvents?: GuildEventApi;
}

/** What wording a reminder needs: the row, and the community, campaign and member it is about. */
export interface MessageInput {
  row: ReminderRow;
  community: CommunityRecord;
  campaign: CampaignRecord | null;
  member: MemberRecord | null;
  /** the member's active campaigns, for the morning message */
  memberCampaigns?: readonly CampaignRecord[];
  now: Date;
  late: boolean;
}
