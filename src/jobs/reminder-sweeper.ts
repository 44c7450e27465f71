import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { nextLocalHour, quietHoursEnd, retryDelayMs } from '../core/reminder-timing.ts';
import type { CampaignRecord, CampaignStore, Clock, CommunityRecord, MemberRecord, Platform } from '../app/ports.ts';
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
} from '../app/reminders/reminder-messages.ts';
import type { Reply } from '../app/reply.ts';

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
  remindersMissed(count: number): void;
  sweeperTick(event: { claimed: number; ms: number }): void;
}

export interface SweeperOptions {
  queue: ReminderQueue;
  notifier: Notifier;
  clock: Clock;
  logger: SweeperLogger;
  /** Community campaigns for the daily digest. */
  campaigns: Pick<CampaignStore, 'listCommunityCampaigns'>;
  metrics?: SweeperMetrics;
  owner?: string;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Attempts (claims) before a row is failed for good; a row that keeps killing its holder ends here too. */
  maxAttempts?: number;
  /** Sent later than this after its due instant, a reminder says it is late. */
  lateAfterMs?: number;
  deliveryTimeoutMs?: number;
  concurrency?: number;
  random?: () => number;
}

export interface TickResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  missed: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Claims due reminder rows in small leased batches, words them, and delivers them through the
 * Notifier. Safe to run in any number of processes against one PostgreSQL: a row is leased by
 * one sweeper at a time, every settle checks the lease, and a dead holder's lease runs out.
 */
export class ReminderSweeper {
  readonly owner: string;
  private readonly o: Required<Omit<SweeperOptions, 'metrics' | 'owner'>> & Pick<SweeperOptions, 'metrics'>;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private inFlight: Promise<TickResult> | null = null;
  private lastDigestCheck = 0;

  constructor(options: SweeperOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.o = {
      batchSize: 50,
      leaseMs: 120_000,
      pollMs: 1_000,
      maxAttempts: 6,
      lateAfterMs: 60_000,
      deliveryTimeoutMs: 15_000,
      concurrency: 8,
      random: Math.random,
      ...options,
    };
  }

  get platforms(): readonly Platform[] {
    return this.o.notifier.platforms;
  }

  /** One claim-deliver-settle round; ticks never overlap within a sweeper. */
  async tick(): Promise<TickResult> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    this.inFlight = this.runTick();
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  /** Ticks until nothing is due (the console's simulated clock and tests use it). */
  async drain(maxTicks = 1_000): Promise<TickResult> {
    const total: TickResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, missed: 0 };
    for (let i = 0; i < maxTicks; i++) {
      const r = await this.tick();
      for (const k of Object.keys(total) as (keyof TickResult)[]) total[k] += r[k];
      if (r.claimed === 0) break;
    }
    return total;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let claimed = 0;
        try {
          claimed = (await this.tick()).claimed;
        } catch (error) {
          this.o.logger.error({ err: error }, 'reminder sweep failed; retrying after the poll interval');
        }
        // A full batch means more is probably due: go again at once instead of waiting.
        if (claimed < this.o.batchSize && this.running) await this.sleep(this.o.pollMs);
      }
    })();
  }

  /** Stops claiming, lets the batch in hand finish (its leases settle or are released), then returns. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async runTick(): Promise<TickResult> {
    const started = performance.now();
    const now = this.o.clock.now();
    const { queue } = this.o;
    const result: TickResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, missed: 0 };
    const reclaimed = await queue.reclaimExpiredLeases(now, this.o.batchSize);
    if (reclaimed > 0) this.o.logger.warn({ reclaimed }, 'took back reminders whose lease ran out');
    await this.scheduleDigests(now);

    const rows = await queue.claimDue({
      owner: this.owner,
      now,
      leaseMs: this.o.leaseMs,
      limit: this.o.batchSize,
      platforms: this.platforms,
    });
    result.claimed = rows.length;
    if (rows.length === 0) {
      this.o.metrics?.sweeperTick({ claimed: 0, ms: performance.now() - started });
      return result;
    }
    let context: ReminderContext;
    try {
      context = await queue.loadContext(rows);
    } catch (error) {
      await queue.release(
        rows.map((r) => r.id),
        this.owner,
      );
      throw error;
    }
    // A campaign's catch-up summary waits while the batch still holds that campaign's other rows:
    // they may be folded into it, and a sent summary takes no more.
    const busy = new Set(rows.filter((r) => r.kind !== 'missed-summary').map((r) => r.campaignId));
    const outcomes = await this.withLeaseRenewal(rows, () =>
      this.mapLimited(rows, (row) =>
        row.kind === 'missed-summary' && busy.has(row.campaignId)
          ? Promise.resolve<ReminderOutcome>({
              id: row.id,
              type: 'retry',
              runAt: now,
              error: 'waiting for the rest of the catch-up',
              countsAsAttempt: false,
            })
          : this.handleSafely(row, context, now),
      ),
    );
    const recorded = await queue.settle(outcomes, this.owner, this.o.clock.now());
    if (recorded < outcomes.length) {
      // Only possible if the lease ran out anyway (a stalled process): another sweeper owns those rows now.
      this.o.logger.warn({ claimed: outcomes.length, recorded }, 'lost the lease on part of a batch');
    }
    await this.foldMissed(rows, outcomes, context, now);

    for (const o of outcomes) {
      if (o.type === 'sent') result.sent++;
      else if (o.type === 'retry') result.retried++;
      else if (o.type === 'failed') result.failed++;
      else if (o.type === 'skipped') result.skipped++;
      else result.missed++;
    }
    this.o.metrics?.sweeperTick({ claimed: rows.length, ms: performance.now() - started });
    this.o.logger.debug({ ...result, owner: this.owner }, 'reminder sweep');
    return result;
  }

  /**
   * Keeps the batch's leases alive while it is worked on: a slow platform (timeouts, a DM refusal
   * then a channel fallback) must not let another sweeper take rows this one is still sending.
   */
  private async withLeaseRenewal<T>(rows: readonly ReminderRow[], work: () => Promise<T>): Promise<T> {
    const ids = rows.map((r) => r.id);
    const renew = () =>
      void this.o.queue
        .renewLeases(ids, this.owner, new Date(this.o.clock.now().getTime() + this.o.leaseMs))
        .catch((error: unknown) => this.o.logger.warn({ err: error }, 'could not renew reminder leases'));
    const timer = setInterval(renew, Math.max(1_000, Math.floor(this.o.leaseMs / 3)));
    timer.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, items.length) }, worker));
    return out;
  }

  /** A row that cannot be handled fails on its own; it never stalls the queue or the batch. */
  private async handleSafely(row: ReminderRow, ctx: ReminderContext, now: Date): Promise<ReminderOutcome> {
    try {
      return await this.handle(row, ctx, now);
    } catch (error) {
      this.o.logger.error({ err: error, reminder: row.id, kind: row.kind }, 'reminder could not be handled');
      this.o.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
      return { id: row.id, type: 'failed', error: `could not be handled: ${(error as Error).message}` };
    }
  }

  private async handle(row: ReminderRow, ctx: ReminderContext, now: Date): Promise<ReminderOutcome> {
    if (row.attempts > this.o.maxAttempts) {
      this.o.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
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
    if (campaign?.state === 'cancelled') return { id: row.id, type: 'skipped', reason: 'campaign cancelled' };
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
      now.getTime() - row.runAt.getTime() > this.o.lateAfterMs ||
      (row.redelivered && now.getTime() - row.dueAt.getTime() > this.o.lateAfterMs);
    let message: Reply | null;
    try {
      message = reminderMessage({ row, community, campaign, member, now, late });
    } catch (error) {
      if (!(error instanceof UnknownReminderError)) throw error;
      this.o.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'poison' });
      return { id: row.id, type: 'failed', error: `cannot be worded by this version: ${error.message}` };
    }
    if (!message) return { id: row.id, type: 'skipped', reason: 'every step it was about is settled' };

    switch (row.target) {
      case 'channel':
        if (!community.announcementChannelId) return { id: row.id, type: 'skipped', reason: 'no announcement channel' };
        return this.attempt(row, now, late, 'channel', {
          platform: row.platform,
          to: {
            kind: 'channel',
            communityExternalId: community.externalId,
            channelId: community.announcementChannelId,
          },
          reply: message,
        });
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
      case 'dm':
        return this.sendDm(row, { community, campaign, member, message, now, late });
    }
  }

  private async sendDm(
    row: ReminderRow,
    c: {
      community: CommunityRecord;
      campaign: CampaignRecord | null;
      member: MemberRecord | null;
      message: Reply;
      now: Date;
      late: boolean;
    },
  ): Promise<ReminderOutcome> {
    const { member, now } = c;
    if (!member) return { id: row.id, type: 'skipped', reason: 'member no longer exists' };
    if (!member.dmReminders) return { id: row.id, type: 'skipped', reason: 'member turned DM reminders off' };
    if (member.dmsClosedAt) return this.fallback(row, c);

    if (member.quietHoursStart !== null && member.quietHoursEnd !== null) {
      const zone = member.timeZone ?? c.campaign?.timeZone ?? c.community.defaultTimeZone;
      const end = quietHoursEnd(now, zone, { start: member.quietHoursStart, end: member.quietHoursEnd });
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

    const to: Destination = { kind: 'dm', memberExternalId: member.externalId, displayName: member.displayName };
    try {
      await this.deliver({ platform: row.platform, to, reply: c.message });
      this.recordSent(row, c.late, 'dm');
      return { id: row.id, type: 'sent', via: 'dm', late: c.late };
    } catch (error) {
      if (error instanceof DeliveryError && error.reason === 'dm-closed') {
        this.o.metrics?.reminderFailed({ kind: row.kind, target: 'dm', reason: 'dm-closed' });
        if (await this.o.queue.closeDms(member.id, now)) await this.tellModerators(row, now);
        this.o.logger.info({ reminder: row.id, member: member.id }, 'DMs closed; using the fallback');
        return this.fallback(row, c);
      }
      return this.retryOrFail(row, now, error);
    }
  }

  /** A refused DM: critical steps go to the announcement channel with one mention, others wait for settings. */
  private async fallback(
    row: ReminderRow,
    c: {
      community: CommunityRecord;
      campaign: CampaignRecord | null;
      member: MemberRecord | null;
      message: Reply;
      now: Date;
      late: boolean;
    },
  ): Promise<ReminderOutcome> {
    if (!row.critical || !c.campaign || !c.member) {
      return { id: row.id, type: 'skipped', reason: 'DMs closed and the step is not critical' };
    }
    if (!c.community.announcementChannelId) {
      this.o.metrics?.reminderFailed({ kind: row.kind, target: 'dm', reason: 'dm-closed' });
      return { id: row.id, type: 'failed', error: 'DMs closed and the community has no announcement channel' };
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
    if (reason === 'permanent' || reason === 'dm-closed') {
      this.o.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'permanent' });
      return { id: row.id, type: 'failed', error: message };
    }
    const retryAfter = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    const runAt = new Date(now.getTime() + retryDelayMs(row.attempts, this.o.random, retryAfter));
    const stale = row.expiresAt !== null && runAt.getTime() > row.expiresAt.getTime();
    // Rate limits count too: a platform that never stops refusing must end in a visible failure.
    if (row.attempts >= this.o.maxAttempts || stale) {
      this.o.metrics?.reminderFailed({ kind: row.kind, target: row.target, reason: 'transient-exhausted' });
      const why = stale ? 'the next retry would be after the window closed' : `${row.attempts} attempts`;
      return { id: row.id, type: 'failed', error: `${message} (gave up: ${why})` };
    }
    this.o.metrics?.reminderRetried({ kind: row.kind });
    this.o.logger.warn({ reminder: row.id, kind: row.kind, runAt, err: message }, 'reminder delivery will be retried');
    return { id: row.id, type: 'retry', runAt, error: message, countsAsAttempt: true };
  }

  private async deliver(delivery: Parameters<Notifier['deliver']>[0]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryError('transient', `no answer within ${this.o.deliveryTimeoutMs} ms`)),
        this.o.deliveryTimeoutMs,
      );
    });
    try {
      await Promise.race([this.o.notifier.deliver(delivery), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private recordSent(row: ReminderRow, late: boolean, target: 'dm' | 'channel' | 'moderators'): void {
    const lagMs = Math.max(0, this.o.clock.now().getTime() - row.dueAt.getTime());
    this.o.metrics?.reminderSent({ kind: row.kind, target, late, lagMs });
    if (row.redelivered) {
      // Its previous holder died mid-batch and may have delivered it too: keep a trace of the possible duplicate.
      this.o.logger.warn({ reminder: row.id, kind: row.kind }, 'reminder re-sent after a lost lease');
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
    await this.o.queue.add([notice], now);
  }

  /** Stale reminders become one "missed while I was offline" DM per campaign, never a flood. */
  private async foldMissed(
    rows: readonly ReminderRow[],
    outcomes: readonly ReminderOutcome[],
    ctx: ReminderContext,
    now: Date,
  ): Promise<void> {
    const missedIds = new Set(outcomes.filter((o) => o.type === 'missed').map((o) => o.id));
    if (missedIds.size === 0) return;
    this.o.metrics?.remindersMissed(missedIds.size);
    const byCampaign = new Map<string, ReminderRow[]>();
    for (const row of rows) {
      if (!missedIds.has(row.id) || row.target !== 'dm' || !row.campaignId || !row.memberId) continue;
      // A missed summary is about named steps; a stale first-steps nudge is followed by the next one anyway.
      if (row.kind === 'missed-summary' || !row.milestoneId) continue;
      byCampaign.set(row.campaignId, [...(byCampaign.get(row.campaignId) ?? []), row]);
    }
    for (const [campaignId, missed] of byCampaign) {
      const first = missed[0]!;
      if (!ctx.campaigns.has(campaignId)) continue;
      const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString();
      try {
        await this.o.queue.addMissedSummary(
          {
            key: `${campaignId}:missed-summary:dm:${hour}`,
            platform: first.platform,
            communityId: first.communityId,
            campaignId,
            memberId: first.memberId,
            milestoneId: null,
            kind: 'missed-summary',
            target: 'dm',
            dueAt: now,
            expiresAt: new Date(now.getTime() + 7 * DAY_MS),
            critical: false,
          },
          missed.map((r) => ({ milestoneId: r.milestoneId, kind: r.kind, dueAt: r.dueAt.toISOString() })),
          now,
        );
      } catch (error) {
        // One campaign (deleted mid-batch, say) must not cost the others their summary.
        this.o.logger.warn({ err: error, campaign: campaignId }, 'could not record the missed-reminders summary');
      }
    }
  }

  private async sendDigest(row: ReminderRow, community: CommunityRecord, now: Date): Promise<ReminderOutcome> {
    if (!community.announcementChannelId) return { id: row.id, type: 'skipped', reason: 'no announcement channel' };
    if (row.expiresAt && now > row.expiresAt) return { id: row.id, type: 'skipped', reason: 'digest went stale' };
    const campaigns = await this.o.campaigns.listCommunityCampaigns(community.id, ['active'], 500);
    const items = digestItems(campaigns, now);
    if (items.length === 0) return { id: row.id, type: 'skipped', reason: 'nothing due in the next 24 hours' };
    return this.attempt(row, now, false, 'channel', {
      platform: row.platform,
      to: { kind: 'channel', communityExternalId: community.externalId, channelId: community.announcementChannelId },
      reply: digestReply(community, items),
    });
  }

  /** Makes sure each community with a channel has its next digest row; hourly, and idempotent by key. */
  private async scheduleDigests(now: Date): Promise<void> {
    if (now.getTime() - this.lastDigestCheck < HOUR_MS && this.lastDigestCheck <= now.getTime()) return;
    this.lastDigestCheck = now.getTime();
    const communities = await this.o.queue.digestCommunities(this.platforms);
    const rows: NewReminder[] = communities.map((c) => {
      const dueAt = nextLocalHour(new Date(now.getTime() - 1), c.defaultTimeZone, c.digestHour);
      return {
        key: `digest:${c.id}:${dueAt.toISOString()}`,
        platform: c.platform,
        communityId: c.id,
        campaignId: null,
        memberId: null,
        milestoneId: null,
        kind: 'digest',
        target: 'channel',
        dueAt,
        expiresAt: new Date(dueAt.getTime() + 6 * HOUR_MS),
        critical: false,
      };
    });
    await this.o.queue.add(rows, now);
  }
}
