import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BoardUpkeep } from '../app/board/ports.ts';
import type { Platform } from '../app/ports.ts';
import type { ReminderContext, ReminderOutcome, ReminderRow } from '../app/reminders/ports.ts';
import { MORNING_KIND } from '../app/reminders/policy.ts';
import { digestRows, foldMissed } from './reminder-catch-up.ts';
import { PlatformPauses } from './platform-pauses.ts';
import { ReminderDelivery, type DeliveryDeps } from './reminder-delivery.ts';

export type { SweeperLogger, SweeperMetrics } from './reminder-delivery.ts';

export interface SweeperOptions extends DeliveryDeps {
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
  /** the kept board's boundary job: rows the clock has overtaken are reclassified each minute */
  board?: BoardUpkeep;
}

export interface TickResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  missed: number;
}

const HOUR_MS = 3_600_000;
const PLAN_UPGRADE_BATCH = 200;
const MINUTE_MS = 60_000;
/** Board rows reclassified per boundary run; at local midnights many campaigns cross one together. */
const BOARD_BATCH = 2_000;

/** Back in the queue as it was claimed: due at `runAt`, the claim not counted as an attempt. */
const putBack = (row: ReminderRow, runAt: Date, why: string): ReminderOutcome => ({
  id: row.id,
  type: 'retry',
  runAt,
  error: why,
  countsAsAttempt: false,
});

/**
 * Claims due reminder rows in small leased batches, words them, and delivers them through the
 * Notifier. Safe to run in any number of processes against one PostgreSQL: a row is leased by
 * one sweeper at a time, every settle checks the lease, and a dead holder's lease runs out.
 */
export class ReminderSweeper {
  readonly owner: string;
  private readonly options: Required<Omit<SweeperOptions, 'metrics' | 'owner' | 'threadLinks' | 'board'>> &
    Pick<SweeperOptions, 'metrics' | 'threadLinks' | 'board'>;
  /** Platforms whose rate limit is in force (see platform-pauses.ts). */
  readonly pauses = new PlatformPauses();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private inFlight: Promise<TickResult> | null = null;
  private lastDigestCheck = 0;
  private lastBoardCheck = 0;
  private readonly delivery: ReminderDelivery;

  constructor(options: SweeperOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.options = {
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
    this.delivery = new ReminderDelivery({ ...this.options, pauses: this.pauses });
  }

  get platforms(): readonly Platform[] {
    return this.options.notifier.platforms;
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

  /**
   * When there is next something to send: the earliest pending run instant, or, when a due row
   * waits on a platform's rate limit, the moment that limit resets (the console's /clock and the
   * tests step the clock through these).
   */
  async nextRunAt(): Promise<Date | null> {
    const next = await this.options.queue.nextRunAt(this.platforms);
    const now = this.options.clock.now();
    if (!next || next > now) return next;
    return this.pauses.nextResume(now) ?? next;
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
          this.options.logger.error({ err: error }, 'reminder sweep failed; retrying after the poll interval');
        }
        // A full batch means more is probably due: go again at once instead of waiting.
        if (claimed < this.options.batchSize && this.running) await this.sleep(this.idleMs());
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

  /** The poll interval, or less when a paused platform opens again sooner. */
  private idleMs(): number {
    const now = this.options.clock.now();
    const resume = this.pauses.nextResume(now);
    if (!resume) return this.options.pollMs;
    return Math.min(this.options.pollMs, Math.max(10, resume.getTime() - now.getTime()));
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
    const now = this.options.clock.now();
    const { queue } = this.options;
    const result: TickResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, missed: 0 };
    const reclaimed = await queue.reclaimExpiredLeases(now, this.options.batchSize);
    if (reclaimed > 0) this.options.logger.warn({ reclaimed }, 'took back reminders whose lease ran out');
    await this.scheduleDigests(now);
    await this.keepBoard(now);

    // A rate-limited platform's reminders stay in the queue until its limit resets.
    // Each platform is claimed (and sent) on its own, so one platform's limits never hold back
    // another's reminders; a rate-limited platform's stay in the queue until its limit resets.
    const rows: ReminderRow[] = [];
    for (const platform of this.pauses.open(this.platforms, now)) {
      rows.push(
        ...(await queue.claimDue({
          owner: this.owner,
          now,
          leaseMs: this.options.leaseMs,
          limit: this.options.batchSize,
          platforms: [platform],
        })),
      );
    }
    result.claimed = rows.length;
    if (rows.length === 0) {
      this.options.metrics?.sweeperTick({ claimed: 0, ms: performance.now() - started });
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
      this.mapByPlatform(rows, (row) => {
        if (row.kind === 'missed-summary' && busy.has(row.campaignId)) {
          return Promise.resolve(putBack(row, now, 'waiting for the rest of the catch-up'));
        }
        // A platform that hit its rate limit while this batch was in hand: the rest waits, untouched.
        const paused = this.pauses.pausedUntil(row.platform, this.options.clock.now());
        if (paused) {
          return Promise.resolve(
            putBack(row, paused, `not sent yet: ${row.platform} rate limit until ${paused.toISOString()}`),
          );
        }
        return this.delivery.handle(row, context, now);
      }),
    );
    const recorded = await queue.settle(outcomes, this.owner, this.options.clock.now());
    if (recorded < outcomes.length) {
      // Only possible if the lease ran out anyway (a stalled process): another sweeper owns those rows now.
      this.options.logger.warn({ claimed: outcomes.length, recorded }, 'lost the lease on part of a batch');
    }
    await foldMissed(this.options, rows, outcomes, context, now);
    await this.rollDailyReminders(rows, now);

    for (const o of outcomes) {
      if (o.type === 'sent') result.sent++;
      else if (o.type === 'retry') result.retried++;
      else if (o.type === 'failed') result.failed++;
      else if (o.type === 'skipped') result.skipped++;
      else result.missed++;
    }
    this.options.metrics?.sweeperTick({ claimed: rows.length, ms: performance.now() - started });
    this.options.logger.debug({ ...result, owner: this.owner }, 'reminder sweep');
    return result;
  }

  /**
   * Keeps the batch's leases alive while it is worked on: a slow platform (timeouts, a DM refusal
   * then a channel fallback) must not let another sweeper take rows this one is still sending.
   */
  private async withLeaseRenewal<T>(rows: readonly ReminderRow[], work: () => Promise<T>): Promise<T> {
    const ids = rows.map((r) => r.id);
    const renew = () =>
      void this.options.queue
        .renewLeases(ids, this.owner, new Date(this.options.clock.now().getTime() + this.options.leaseMs))
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not renew reminder leases'));
    const timer = setInterval(renew, Math.max(1_000, Math.floor(this.options.leaseMs / 3)));
    timer.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** `fn` over the rows, `concurrency` at a time per platform, platforms side by side; results in row order. */
  private async mapByPlatform<R>(rows: readonly ReminderRow[], fn: (row: ReminderRow) => Promise<R>): Promise<R[]> {
    const out = new Array<R>(rows.length);
    const lanes = new Map<Platform, number[]>();
    rows.forEach((row, i) => lanes.set(row.platform, [...(lanes.get(row.platform) ?? []), i]));
    const lane = async (indexes: number[]) => {
      let next = 0;
      const worker = async () => {
        while (next < indexes.length) {
          const i = indexes[next++]!;
          out[i] = await fn(rows[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, indexes.length) }, worker));
    };
    await Promise.all([...lanes.values()].map(lane));
    return out;
  }

  /** A settled morning (or older daily) reminder moves the stored week of mornings forward. */
  private async rollDailyReminders(rows: readonly ReminderRow[], now: Date): Promise<void> {
    const campaigns = new Set(rows.filter((r) => r.kind === 'daily' && r.campaignId).map((r) => r.campaignId!));
    const members = new Set(rows.filter((r) => r.kind === MORNING_KIND && r.memberId).map((r) => r.memberId!));
    const roll = async (what: string, id: string, replan: () => Promise<void>) => {
      try {
        await replan();
      } catch (error) {
        this.options.logger.warn({ err: error, [what]: id }, 'could not roll daily reminders forward');
      }
    };
    for (const id of campaigns) await roll('campaign', id, () => this.options.campaigns.replanReminders(id, now));
    for (const id of members) await roll('member', id, () => this.options.campaigns.replanMemberReminders(id, now));
  }

  /**
   * The boundary job: board rows whose classification the clock has overtaken are reclassified,
   * a batch a minute (a board read catches its own community up anyway, so this only keeps reads cheap).
   */
  private async keepBoard(now: Date): Promise<void> {
    const board = this.options.board;
    if (!board) return;
    if (now.getTime() - this.lastBoardCheck < MINUTE_MS && this.lastBoardCheck <= now.getTime()) return;
    this.lastBoardCheck = now.getTime();
    const refreshed = await board.refreshDue(now, BOARD_BATCH);
    this.options.logger.debug({ refreshed }, 'board rows past a boundary reclassified');
  }

  /** Makes sure each community with a channel has its next digest row; hourly, and idempotent by key. */
  private async scheduleDigests(now: Date): Promise<void> {
    if (now.getTime() - this.lastDigestCheck < HOUR_MS && this.lastDigestCheck <= now.getTime()) return;
    this.lastDigestCheck = now.getTime();
    const communities = await this.options.queue.digestCommunities(this.platforms);
    await this.options.queue.add(digestRows(communities, now), now);
    // Campaigns an older version of the bot planned get today's plan, a batch an hour.
    const upgraded = await this.options.campaigns.upgradePlans(now, PLAN_UPGRADE_BATCH);
    if (upgraded > 0) this.options.logger.info({ upgraded }, 'replanned campaigns stored by an older reminder policy');
  }
}
