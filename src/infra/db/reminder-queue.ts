import type { CampaignRecord, Platform } from '../../app/ports.ts';
import { MORNING_KIND } from '../../app/reminders/policy.ts';
import type {
  NewReminder,
  ReminderContext,
  ReminderOutcome,
  ReminderQueue,
  ReminderRow,
} from '../../app/reminders/ports.ts';
import { toCampaign, withDetails } from './campaign-rows.ts';
import { insertReminders } from './reminder-insert.ts';
import type { Prisma, PrismaClient, Reminder } from './generated/client.ts';

const PLATFORMS: readonly Platform[] = ['console', 'discord', 'slack'];

/** Inlined into SQL only after this check, so the list can never carry anything but an enum value. */
function platformList(platforms: readonly Platform[]): string {
  const known = platforms.filter((p) => PLATFORMS.includes(p));
  return known.length > 0 ? known.map((p) => `'${p}'`).join(', ') : 'NULL';
}

/** Timestamps travel as ISO text and become UTC `timestamp(3)` in SQL, as Prisma stores them. */
const utc = (param: number) => `($${param}::timestamptz AT TIME ZONE 'UTC')`;

function toRow(r: Reminder): ReminderRow {
  return {
    id: r.id.toString(),
    key: r.key,
    platform: r.platform,
    communityId: r.communityId,
    campaignId: r.campaignId,
    memberId: r.memberId,
    milestoneId: r.milestoneId as ReminderRow['milestoneId'],
    kind: r.kind,
    target: r.target,
    critical: r.critical,
    dueAt: r.dueAt,
    expiresAt: r.expiresAt,
    runAt: r.runAt,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    redelivered: r.redelivered,
    late: r.late,
    payload: (r.payload ?? {}) as Record<string, unknown>,
  };
}

/** The claim's inner SELECT (exported so the index test explains exactly what runs). */
export const claimCandidatesSql = (platforms: readonly Platform[], nowParam: number, limitParam: number) =>
  `SELECT "id" FROM "reminders"
    WHERE "state" = 'pending' AND "run_at" <= ${utc(nowParam)}
      AND "platform" IN (${platformList(platforms)})
    ORDER BY "run_at"
    LIMIT $${limitParam}
    FOR UPDATE SKIP LOCKED`;

/** The inner SELECT of the lease reclaim. */
export const expiredLeasesSql = (nowParam: number, limitParam: number) =>
  `SELECT "id" FROM "reminders"
    WHERE "state" = 'sending' AND "lease_until" < ${utc(nowParam)}
    ORDER BY "lease_until"
    LIMIT $${limitParam}
    FOR UPDATE SKIP LOCKED`;

const ids = (list: readonly { id: string }[]) => list.map((o) => BigInt(o.id));

/**
 * The reminder queue in PostgreSQL (or PGlite). Claiming is one statement that locks due rows
 * with SKIP LOCKED and leases them, so concurrent sweepers never share a row and never wait for
 * each other; every later write checks the lease is still ours.
 */
export class PrismaReminderQueue implements ReminderQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(input: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    platforms: readonly Platform[];
  }): Promise<ReminderRow[]> {
    const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
    const claimed = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "reminders"
          SET "state" = 'sending', "lease_owner" = $1, "lease_until" = ${utc(2)},
              "attempts" = "attempts" + 1, "updated_at" = ${utc(3)}
        WHERE "id" IN (${claimCandidatesSql(input.platforms, 3, 4)})
        RETURNING "id"::text AS "id"`,
      input.owner,
      leaseUntil.toISOString(),
      input.now.toISOString(),
      Math.max(1, Math.floor(input.limit)),
    );
    if (claimed.length === 0) return [];
    const rows = await this.prisma.reminder.findMany({
      where: { id: { in: ids(claimed) }, leaseOwner: input.owner },
      orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toRow);
  }

  async reclaimExpiredLeases(now: Date, limit: number): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `UPDATE "reminders"
          SET "state" = 'pending', "lease_owner" = NULL, "lease_until" = NULL, "run_at" = ${utc(1)},
              "redelivered" = true, "last_error" = 'lease expired: the process holding it stopped', "updated_at" = ${utc(1)}
        WHERE "id" IN (${expiredLeasesSql(1, 2)})`,
      now.toISOString(),
      Math.max(1, Math.floor(limit)),
    );
  }

  async loadContext(rows: readonly ReminderRow[]): Promise<ReminderContext> {
    const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
    // A morning message speaks of every active campaign of its member, on this platform.
    const mornings = unique(rows.filter((r) => r.kind === MORNING_KIND).map((r) => r.memberId));
    const [communities, campaigns, members, memberCampaigns] = await Promise.all([
      this.prisma.community.findMany({ where: { id: { in: unique(rows.map((r) => r.communityId)) } } }),
      this.prisma.campaign.findMany({
        where: { id: { in: unique(rows.map((r) => r.campaignId)) } },
        include: withDetails,
      }),
      this.prisma.member.findMany({ where: { id: { in: unique(rows.map((r) => r.memberId)) } } }),
      mornings.length === 0
        ? Promise.resolve([])
        : this.prisma.campaign.findMany({
            where: { memberId: { in: mornings }, state: 'active' },
            include: withDetails,
            orderBy: [{ releaseDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
          }),
    ]);
    const byMember = new Map<string, CampaignRecord[]>();
    for (const row of memberCampaigns) {
      byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), toCampaign(row)]);
    }
    return {
      communities: new Map(communities.map((c) => [c.id, c])),
      campaigns: new Map(campaigns.map((c) => [c.id, toCampaign(c)])),
      members: new Map(members.map((m) => [m.id, m])),
      memberCampaigns: byMember,
    };
  }

  async renewLeases(list: readonly string[], owner: string, until: Date): Promise<number> {
    if (list.length === 0) return 0;
    const result = await this.prisma.reminder.updateMany({
      where: { id: { in: list.map((id) => BigInt(id)) }, leaseOwner: owner, state: 'sending' },
      data: { leaseUntil: until },
    });
    return result.count;
  }

  async settle(outcomes: readonly ReminderOutcome[], owner: string, now: Date): Promise<number> {
    if (outcomes.length === 0) return 0;
    const held = (list: readonly ReminderOutcome[]) => ({
      id: { in: ids(list) },
      leaseOwner: owner,
      state: 'sending' as const,
    });
    const release = { leaseOwner: null, leaseUntil: null, updatedAt: now };
    const writes: Prisma.PrismaPromise<unknown>[] = [];
    // Sent rows are the bulk: one statement per (channel, lateness) pair, not one per row.
    const sentGroups = new Map<string, Extract<ReminderOutcome, { type: 'sent' }>[]>();
    for (const o of outcomes) {
      if (o.type !== 'sent') continue;
      const key = `${o.via}|${o.late}`;
      sentGroups.set(key, [...(sentGroups.get(key) ?? []), o]);
    }
    for (const group of sentGroups.values()) {
      const { via, late } = group[0]!;
      writes.push(
        this.prisma.reminder.updateMany({
          where: held(group),
          data: { ...release, state: 'sent', sentAt: now, deliveredVia: via, late },
        }),
      );
    }
    const missed = outcomes.filter((o) => o.type === 'missed');
    if (missed.length > 0) {
      writes.push(this.prisma.reminder.updateMany({ where: held(missed), data: { ...release, state: 'missed' } }));
    }
    for (const o of outcomes) {
      if (o.type === 'retry') {
        writes.push(
          this.prisma.reminder.updateMany({
            where: held([o]),
            data: {
              ...release,
              state: 'pending',
              runAt: o.runAt,
              lastError: o.error.slice(0, 500),
              ...(o.late ? { late: true } : {}),
              ...(o.countsAsAttempt ? {} : { attempts: { decrement: 1 } }),
            },
          }),
        );
      } else if (o.type === 'failed') {
        writes.push(
          this.prisma.reminder.updateMany({
            where: held([o]),
            data: { ...release, state: 'failed', lastError: o.error.slice(0, 500) },
          }),
        );
      } else if (o.type === 'skipped') {
        writes.push(
          this.prisma.reminder.updateMany({
            where: held([o]),
            data: { ...release, state: 'skipped', lastError: o.reason.slice(0, 500) },
          }),
        );
      }
    }
    const results = (await this.prisma.$transaction(writes)) as { count: number }[];
    return results.reduce((sum, r) => sum + r.count, 0);
  }

  async release(list: readonly string[], owner: string): Promise<void> {
    if (list.length === 0) return;
    await this.prisma.reminder.updateMany({
      where: { id: { in: list.map((id) => BigInt(id)) }, leaseOwner: owner, state: 'sending' },
      data: { state: 'pending', leaseOwner: null, leaseUntil: null, attempts: { decrement: 1 } },
    });
  }

  async add(rows: readonly NewReminder[], now: Date): Promise<number> {
    return insertReminders(this.prisma, rows, now);
  }

  async addMissedSummary(row: NewReminder, items: readonly Record<string, unknown>[], now: Date): Promise<void> {
    const inserted = await insertReminders(this.prisma, [{ ...row, payload: { ...row.payload, items } }], now);
    if (inserted > 0) return;
    // The summary exists (this sweeper's earlier batch, or another process): append in one atomic
    // statement. Only a summary not yet sent takes more; a sent one stays as it was sent.
    await this.prisma.$executeRawUnsafe(
      `UPDATE "reminders"
          SET "payload" = jsonb_set("payload", '{items}', COALESCE("payload"->'items', '[]'::jsonb) || $2::jsonb),
              "updated_at" = ${utc(3)}
        WHERE "key" = $1 AND "state" = 'pending'`,
      row.key,
      JSON.stringify(items),
      now.toISOString(),
    );
  }

  async closeDms(memberId: string, now: Date): Promise<boolean> {
    const result = await this.prisma.member.updateMany({
      where: { id: memberId, dmsClosedAt: null },
      data: { dmsClosedAt: now, updatedAt: now },
    });
    return result.count === 1;
  }

  async digestCommunities(
    platforms: readonly Platform[],
  ): Promise<{ id: string; platform: Platform; defaultTimeZone: string; digestHour: number }[]> {
    return this.prisma.community.findMany({
      where: { platform: { in: [...platforms] }, announcementChannelId: { not: null } },
      select: { id: true, platform: true, defaultTimeZone: true, digestHour: true },
    });
  }

  async nextRunAt(platforms: readonly Platform[]): Promise<Date | null> {
    const next = await this.prisma.reminder.findFirst({
      where: { state: 'pending', platform: { in: [...platforms] } },
      orderBy: { runAt: 'asc' },
      select: { runAt: true },
    });
    return next?.runAt ?? null;
  }
}
