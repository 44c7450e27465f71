import { quietHoursEnd, retryDelayMs } from '../core/reminder-timing.ts';
import { MODERATOR_NOTICE_KINDS } from '../app/moderation/moderator-notices.ts';
import type { CampaignRecord, ChannelPostKind, Clock, CommunityRecord, MemberRecord } from '../app/ports.ts';
import type { CampaignStore } from '../app/campaigns/ports.ts';
import {
  DeliveryError,
  type Destination,
  type NewReminder,
  type Notifier,
  type ReminderContext,
  type ReminderOutcome,
  type ReminderQueue,
  type ReminderRow,
} from '../app/reminders/ports.ts';
import {
  digestItems,
  digestReply,
  fallbackPost,
  reminderMessage,
  UnknownReminderError,
} from '../app/reminders/messages.ts';
import type { Reply } from '../app/reply.ts';
import type { PlatformPauses } from './platform-pauses.ts';

export interface SweeperLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** The part of the metrics the sweeper feeds (src/infra/metrics.ts implements it). */
export interface SweeperMetrics {
  reminderSent(event: { kind: string; target: 'dm' | 'channel' | 'moderators'; late: boolean; lagMs: number }): void;
  reminderFailed(event: {
    kind: string;
    target: string;
    reason: 'transient-exhausted' | 'dm-closed' | 'permanent' | 'poison';
  }): void;
  reminderRetried(event: { kind: string }): void;
  /** A platform refused a send for its rate limit; the reminder waits, its attempts untouched. */
  reminderRateLimited?(event: { platform: string }): void;
  remindersMissed(count: number): void;
  sweeperTick(event: { claimed: number; ms: number }): void;
}

/** What delivering reminders works with; the sweeper passes its own on. */
export interface DeliveryDeps {
  queue: ReminderQueue;
  notifier: Notifier;
  clock: Clock;
  logger: SweeperLogger;
  /** Community campaigns for the daily digest, and replanning after a send. */
  campaigns: Pick<
    CampaignStore,
    'listCommunityCampaigns' | 'replanReminders' | 'replanMemberReminders' | 'upgradePlans'
  >;
  metrics?: SweeperMetrics | undefined;
  /** Campaign id → its thread's channel id, for the digest to link (Discord forum posts). */
  threadLinks?: ((community: CommunityRecord, campaignIds: string[]) => Promise<Map<string, string>>) | undefined;
}

export interface DeliveryOptions extends DeliveryDeps {
  maxAttempts: number;
  lateAfterMs: number;
  deliveryTimeoutMs: number;
  random: () => number;
  /** Where a platform-wide rate limit is recorded, so the sweeper stops sending there until it resets. */
  pauses: PlatformPauses;
}

/** How long to wait on a rate limit that came without Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/** Which post moderators can turn off each channel reminder kind is. */
const CHANNEL_POST_OF_KIND: Record<string, ChannelPostKind> = {
  'channel-listing-live': 'listing-live',
  'channel-release': 'release-day',
  digest: 'digest',
};

/** The post a channel row is, when moderators turned that post off; null when it may go. */
function mutedPost(community: CommunityRecord, kind: string): ChannelPostKind | null {
  const post = CHANNEL_POST_OF_KIND[kind];
  return post && community.mutedPosts.includes(post) ? post : null;
}

/** One claimed row with everything needed to word and address it. */
interface AddressedReminder {
  community: CommunityRecord;
  /** the zone quiet hours are read in */
  zone: string;
  campaign: CampaignRecord | null;
  member: MemberRecord | null;
  message: Reply;
  now: Date;
  late: boolean;
}

/**
 * Decides and performs what one claimed row becomes: sent (DM, channel, fallback mention,
 * moderators), retried with back-off, failed with its reason, skipped, or missed. Every path
 * ends in an outcome; nothing here throws past `handle`.
 */
export class ReminderDelivery {
  constructor(private readonly options: DeliveryOptions) {}

  /** A row that cannot be handled fails on its own; it never stalls the queue or the batch. */
  async handle(row: ReminderRow, ctx: ReminderContext, now: Date): Promise<ReminderOutcome> {
    try {
      return await this.handleRow(row, ctx, now);
    } catch (error) {
      this.options.logger.error({ err: error, reminder: row.id, kind: row.kind }, 'reminder could not be handled');
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
      return { id: row.id, type: 'failed', error: `could not be handled: ${(error as Error).message}` };
    }
  }

  private async handleRow(row: ReminderRow, ctx: ReminderContext, now: Date): Promise<ReminderOutcome> {
    if (row.attempts > this.options.maxAttempts) {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
      return {
        id: row.id,
        type: 'failed',
        error: `gave up after ${row.attempts - 1} attempts: ${row.lastError ?? ''}`,
      };
    }
    const community = ctx.communities.get(row.communityId);
    if (!community) return { id: row.id, type: 'skipped', reason: 'community no longer exists' };
    if (row.kind === 'digest') return this.sendDigest(row, community, now);

    const campaign = row.campaignId ? (ctx.campaigns.get(row.campaignId) ?? null) : null;
    if (row.campaignId && !campaign) return { id: row.id, type: 'skipped', reason: 'campaign no longer exists' };
    const fromModerator = MODERATOR_NOTICE_KINDS.has(row.kind);
    if (campaign?.state === 'cancelled' && !fromModerator)
      return { id: row.id, type: 'skipped', reason: 'campaign cancelled' };
    // Replanning cancels a paused campaign's rows; this catches one claimed before the pause committed.
    if (campaign?.remindersPausedAt && !fromModerator)
      return { id: row.id, type: 'skipped', reason: 'reminders paused by a moderator' };
    const settled = campaign?.progress.find((p) => p.milestoneId === row.milestoneId);
    const announcement = row.kind === 'channel-listing-live' || row.kind === 'missed-summary';
    if (settled && !announcement)
      return { id: row.id, type: 'skipped', reason: `step already marked ${settled.status}` };
    if (row.expiresAt && now.getTime() > row.expiresAt.getTime()) return { id: row.id, type: 'missed' };

    const member = row.memberId ? (ctx.members.get(row.memberId) ?? null) : null;
    // Late means "I was not there on time" (downtime, a lost lease), not a delay the member asked for
    // (quiet hours) or a retry the platform asked for; those move run_at, so lateness counts from it.
    const late =
      row.late ||
      now.getTime() - row.runAt.getTime() > this.options.lateAfterMs ||
      (row.redelivered && now.getTime() - row.dueAt.getTime() > this.options.lateAfterMs);
    const memberCampaigns = row.memberId ? (ctx.memberCampaigns.get(row.memberId) ?? []) : [];
    let message: Reply | null;
    try {
      message = reminderMessage({ row, community, campaign, member, memberCampaigns, now, late });
    } catch (error) {
      if (!(error instanceof UnknownReminderError)) throw error;
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
      return { id: row.id, type: 'failed', error: `cannot be worded by this version: ${error.message}` };
    }
    if (!message) return { id: row.id, type: 'skipped', reason: 'every step it was about is settled' };

    switch (row.target) {
      case 'channel': {
        if (!community.announcementChannelId) return { id: row.id, type: 'skipped', reason: 'no announcement channel' };
        const muted = mutedPost(community, row.kind);
        if (muted) return { id: row.id, type: 'skipped', reason: `moderators turned off ${muted} posts` };
        return this.attempt(row, now, late, 'channel', {
          platform: row.platform,
          to: {
            kind: 'channel',
            communityExternalId: community.externalId,
            channelId: community.announcementChannelId,
          },
          reply: message,
          ...(campaign ? { campaign } : {}),
        });
      }
      case 'moderators':
        return this.attempt(row, now, late, 'moderators', {
          platform: row.platform,
          to: {
            kind: 'moderators',
            communityExternalId: community.externalId,
            channelId: community.announcementChannelId,
          },
          reply: message,
        });
      case 'dm': {
        // The member's day: their own zone, else the campaign's (a morning row's: any of their campaigns').
        const zone = member?.timeZone ?? (campaign ?? memberCampaigns[0])?.timeZone ?? community.defaultTimeZone;
        return this.sendDm(row, { community, campaign, member, message, now, late, zone });
      }
    }
  }

  private async sendDm(row: ReminderRow, c: AddressedReminder): Promise<ReminderOutcome> {
    const { member, now } = c;
    if (!member) return { id: row.id, type: 'skipped', reason: 'member no longer exists' };
    if (!member.dmReminders) return { id: row.id, type: 'skipped', reason: 'member turned DM reminders off' };
    if (member.dmsClosedAt) return this.fallback(row, c);

    if (member.quietHoursStart !== null && member.quietHoursEnd !== null) {
      const end = quietHoursEnd(now, c.zone, { start: member.quietHoursStart, end: member.quietHoursEnd });
      const expires = row.expiresAt?.getTime() ?? Infinity;
      // Non-critical reminders wait for morning; critical ones wait only if morning is still inside their window.
      if (end && end.getTime() < expires) {
        return {
          id: row.id,
          type: 'retry',
          runAt: end,
          error: 'waiting for quiet hours to end',
          countsAsAttempt: false,
          late: c.late,
        };
      }
      if (end && !row.critical) return { id: row.id, type: 'skipped', reason: 'stale before quiet hours end' };
    }

    const to: Destination = {
      kind: 'dm',
      memberExternalId: member.externalId,
      displayName: member.displayName,
      communityExternalId: c.community.externalId,
    };
    try {
      await this.deliver({ platform: row.platform, to, reply: c.message });
      this.recordSent(row, c.late, 'dm');
      return { id: row.id, type: 'sent', via: 'dm', late: c.late };
    } catch (error) {
      if (error instanceof DeliveryError && error.reason === 'dm-closed') {
        this.options.metrics?.reminderFailed({ kind: row.kind, target: 'dm', reason: 'dm-closed' });
        if (await this.options.queue.closeDms(member.id, now)) await this.tellModerators(row, now);
        this.options.logger.info({ reminder: row.id, member: member.id }, 'DMs closed; using the fallback');
        return this.fallback(row, c);
      }
      return this.retryOrFail(row, now, error);
    }
  }

  /** A refused DM: critical steps go to the announcement channel with one mention, others wait for settings. */
  private async fallback(row: ReminderRow, c: AddressedReminder): Promise<ReminderOutcome> {
    if (!row.critical || !c.campaign || !c.member) {
      return { id: row.id, type: 'skipped', reason: 'DMs closed and the step is not critical' };
    }
    if (!c.community.announcementChannelId) {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: 'dm', reason: 'dm-closed' });
      return { id: row.id, type: 'failed', error: 'DMs closed and the community has no announcement channel' };
    }
    if (c.community.mutedPosts.includes('dm-fallback')) {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: 'dm', reason: 'dm-closed' });
      return {
        id: row.id,
        type: 'failed',
        error: 'DMs closed and moderators turned off dm-fallback posts in the announcement channel',
      };
    }
    return this.attempt(row, c.now, c.late, 'channel-fallback', {
      platform: row.platform,
      to: {
        kind: 'channel',
        communityExternalId: c.community.externalId,
        channelId: c.community.announcementChannelId,
        mentionMemberExternalId: c.member.externalId,
      },
      reply: fallbackPost(c.message, c.campaign),
    });
  }

  private async attempt(
    row: ReminderRow,
    now: Date,
    late: boolean,
    via: 'channel' | 'channel-fallback' | 'moderators',
    delivery: Parameters<Notifier['deliver']>[0],
  ): Promise<ReminderOutcome> {
    try {
      await this.deliver(delivery);
      this.recordSent(row, late, via === 'moderators' ? 'moderators' : 'channel');
      return { id: row.id, type: 'sent', via, late };
    } catch (error) {
      return this.retryOrFail(row, now, error);
    }
  }

  private retryOrFail(row: ReminderRow, now: Date, error: unknown): ReminderOutcome {
    const reason = error instanceof DeliveryError ? error.reason : 'transient';
    const message = `${reason}: ${(error as Error)?.message ?? String(error)}`;
    if (error instanceof DeliveryError && reason === 'rate-limited') return this.rateLimited(row, error, message);
    if (reason === 'permanent' || reason === 'dm-closed') {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'permanent' });
      return { id: row.id, type: 'failed', error: message };
    }
    const retryAfter = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    const runAt = new Date(now.getTime() + retryDelayMs(row.attempts, this.options.random, retryAfter));
    const stale = row.expiresAt !== null && runAt.getTime() > row.expiresAt.getTime();
    if (row.attempts >= this.options.maxAttempts || stale) {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'transient-exhausted' });
      const why = stale ? 'the next retry would be after the window closed' : `${row.attempts} attempts`;
      return { id: row.id, type: 'failed', error: `${message} (gave up: ${why})` };
    }
    this.options.metrics?.reminderRetried({ kind: row.kind });
    this.options.logger.warn(
      { reminder: row.id, kind: row.kind, runAt, err: message },
      'reminder delivery will be retried',
    );
    return { id: row.id, type: 'retry', runAt, error: message, countsAsAttempt: true };
  }

  /**
   * A rate limit is the platform asking us to wait, not a failed attempt: the reminder goes back
   * with its attempts untouched, due again when the limit resets, and a platform-wide limit
   * pauses every send there. It fails only if the wait would outlast its window.
   */
  private rateLimited(row: ReminderRow, error: DeliveryError, message: string): ReminderOutcome {
    const now = this.options.clock.now();
    const resume = new Date(now.getTime() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS));
    this.options.metrics?.reminderRateLimited?.({ platform: row.platform });
    if (error.platformWide && this.options.pauses.pause(row.platform, resume, now)) {
      this.options.logger.info(
        { platform: row.platform, until: resume },
        'rate limited: pausing reminders there until it resets',
      );
    }
    if (row.expiresAt && resume > row.expiresAt) {
      this.options.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'transient-exhausted' });
      return { id: row.id, type: 'failed', error: `${message} (gave up: the rate limit lasts past the window)` };
    }
    return { id: row.id, type: 'retry', runAt: resume, error: message, countsAsAttempt: false };
  }

  private async deliver(delivery: Parameters<Notifier['deliver']>[0]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryError('transient', `no answer within ${this.options.deliveryTimeoutMs} ms`)),
        this.options.deliveryTimeoutMs,
      );
    });
    try {
      await Promise.race([this.options.notifier.deliver(delivery), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private recordSent(row: ReminderRow, late: boolean, target: 'dm' | 'channel' | 'moderators'): void {
    const lagMs = Math.max(0, this.options.clock.now().getTime() - row.dueAt.getTime());
    this.options.metrics?.reminderSent({ kind: row.kind, target, late, lagMs });
    if (row.redelivered) {
      // Its previous holder died mid-batch and may have delivered it too: keep a trace of the possible duplicate.
      this.options.logger.warn({ reminder: row.id, kind: row.kind }, 'reminder re-sent after a lost lease');
    }
  }

  private async tellModerators(row: ReminderRow, now: Date): Promise<void> {
    const notice: NewReminder = {
      key: `dms-closed:${row.memberId}:${row.communityId}:${now.toISOString()}`,
      platform: row.platform,
      communityId: row.communityId,
      campaignId: row.campaignId,
      memberId: row.memberId,
      milestoneId: null,
      kind: 'dms-closed',
      target: 'moderators',
      dueAt: now,
      expiresAt: null,
      critical: false,
    };
    await this.options.queue.add([notice], now);
  }

  private async sendDigest(row: ReminderRow, community: CommunityRecord, now: Date): Promise<ReminderOutcome> {
    if (!community.announcementChannelId) return { id: row.id, type: 'skipped', reason: 'no announcement channel' };
    if (community.mutedPosts.includes('digest'))
      return { id: row.id, type: 'skipped', reason: 'moderators turned off digest posts' };
    if (row.expiresAt && now > row.expiresAt) return { id: row.id, type: 'skipped', reason: 'digest went stale' };
    const campaigns = await this.options.campaigns.listCommunityCampaigns(community.id, ['active'], 500);
    const items = digestItems(campaigns, now);
    if (items.length === 0) return { id: row.id, type: 'skipped', reason: 'nothing due in the next 24 hours' };
    return this.attempt(row, now, false, 'channel', {
      platform: row.platform,
      to: { kind: 'channel', communityExternalId: community.externalId, channelId: community.announcementChannelId },
      reply: digestReply(
        community,
        items,
        await this.options.threadLinks?.(
          community,
          campaigns.map((c) => c.id),
        ),
      ),
    });
  }
}
