/**
 * Bulk seeding of a realistic community for the board and export benchmarks: members, campaigns
 * spread from 60 days ago to 150 days ahead in several zones, progress marks where the plan says a
 * member would have got to, closed DMs, failed reminders and order logs. Everything is derived from
 * `seed`, so two runs with the same options write the same rows (ids included).
 *
 * Rows go in as one JSON document per chunk expanded by `json_populate_recordset`: Prisma's
 * `createMany` binds every value separately and was about 20 times slower here (18 s for 10,000
 * campaigns on PGlite), and the JSON route lets PostgreSQL cast enums and dates itself.
 */
import type { PrismaClient } from '../src/infra/db/generated/client.ts';
import { planTimeline } from '../src/core/timeline.ts';
import type { Marketplace, MilestoneId, Printer } from '../src/core/types.ts';
import { prng } from '../test/support/prng.ts';

export interface SeedCampaignsOptions {
  /** Seed into this community (it must exist); default: create one. */
  communityId?: string;
  count: number;
  now: Date;
  /** Default 1. Use different seeds to seed twice into one database. */
  seed?: number;
}

const DAY_MS = 86_400_000;
const PLANNED_REMINDERS = 18;
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC'] as const;
const PRINTER_WEIGHTS: readonly [Printer, number][] = [
  ['kdp', 0.8],
  ['createspace', 0.05],
  ['ingramspark', 0.1],
  ['lightningsource', 0.05],
];
/** Rows per INSERT; one bind parameter each, so this only bounds the size of one JSON text. */
const CHUNK = 5000;

type Row = Record<string, string | number | boolean | Date | null>;

/** A UUID-shaped id from the generator, so seeded ids look like the ones Prisma makes. */
function idFrom(random: () => number): string {
  const word = () =>
    Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  const [a, b, c, d] = [word(), word(), word(), word()];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function isbn13(n: number): string {
  const first12 = `979${String(n % 1e9).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

function pickWeighted<T>(random: () => number, weights: readonly [T, number][]): T {
  let r = random();
  for (const [value, weight] of weights) {
    if (r < weight) return value;
    r -= weight;
  }
  return weights[weights.length - 1]![0];
}

const isoDay = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** `table` and the column names are ours, never input; the values travel as one JSON parameter. */
async function insertRows(prisma: PrismaClient, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    await prisma.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
      JSON.stringify(rows.slice(i, i + CHUNK)),
    );
  }
}

interface SeedContext {
  random: () => number;
  nowMs: number;
  tag: string;
  seed: number;
  communityId: string;
  platform: string;
}

interface Member {
  id: string;
  time_zone: string;
}

/** The rows one campaign brings: itself, its marks, its reminders and its order readings. */
interface CampaignRows {
  campaign: Row;
  progress: Row[];
  reminders: Row[];
  orderLogs: Row[];
}

/** The community to seed into, or a new one; returns its id and platform. */
async function seedCommunity(
  prisma: PrismaClient,
  communityId: string | undefined,
  random: () => number,
  seed: number,
  tag: string,
): Promise<{ communityId: string; platform: string }> {
  if (communityId) {
    const community = await prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    return { communityId, platform: community.platform };
  }
  const id = idFrom(random);
  await prisma.community.create({
    data: { id, platform: 'console', externalId: `seeded-${tag}`, name: `Seeded community ${seed}` },
  });
  return { communityId: id, platform: 'console' };
}

function memberRows(ctx: SeedContext, count: number, now: Date): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: idFrom(ctx.random),
    platform: ctx.platform,
    external_id: `seeded-${ctx.tag}-${i}`,
    display_name: `Author ${ctx.seed}-${i}`,
    time_zone: ZONES[i % ZONES.length]!,
    dms_closed_at: ctx.random() < 0.03 ? new Date(ctx.nowMs - Math.floor(ctx.random() * 20) * DAY_MS) : null,
    created_at: now,
    updated_at: now,
  }));
}

/**
 * Earlier steps done: a step whose deadline (or, for ASAP steps, a few days after the start) has
 * passed is usually marked; one that is open now sometimes is. A few are skipped. Returns the marks
 * and whether the listing was marked live (readings are logged only then).
 */
function progressRows(
  ctx: SeedContext,
  campaign: Row,
  member: Member,
  createdAt: Date,
): { rows: Row[]; listingLive: boolean } {
  const { random, nowMs } = ctx;
  const plan = planTimeline({
    releaseDate: campaign.release_date as string,
    timeZone: campaign.time_zone as string,
    marketplace: campaign.marketplace as Marketplace,
    printer: campaign.printer as Printer,
    now: createdAt,
    startedAt: createdAt,
  });
  const rows: Row[] = [];
  let order = 0;
  let listingLive = false;
  for (const step of plan) {
    order += 1;
    const dueMs =
      step.kind === 'asap'
        ? createdAt.getTime() + order * 2 * DAY_MS
        : step.id === 'listing-live'
          ? createdAt.getTime() + 12 * DAY_MS
          : (step.closesAt?.getTime() ?? step.opensAt.getTime());
    const opensMs = step.opensAt.getTime();
    const chance = campaign.state === 'completed' ? 1 : dueMs <= nowMs ? 0.92 : opensMs <= nowMs ? 0.3 : 0;
    if (chance === 0 || random() >= chance) continue;
    const markedMs = Math.min(nowMs - 60_000, Math.max(opensMs, dueMs - DAY_MS / 2));
    rows.push({
      id: idFrom(random),
      campaign_id: campaign.id as string,
      milestone_id: step.id satisfies MilestoneId,
      status: random() < 0.04 && !step.critical ? 'skipped' : 'done',
      marked_at: new Date(markedMs),
      marked_by: member.id,
    });
    if (step.id === 'listing-live') listingLive = true;
  }
  return { rows, listingLive };
}

/**
 * A real active campaign holds a couple of dozen reminder rows (sent ones and those ahead), so the
 * board's failed-reminder count runs against a table of realistic size; a few failed for good.
 */
function reminderRows(ctx: SeedContext, i: number, campaign: Row, member: Member): Row[] {
  const { random, nowMs } = ctx;
  const reminder = (key: string, dueAt: Date, state: string, attempts: number, lastError: string | null) => ({
    key: `seeded-${ctx.tag}-${i}:${key}`,
    platform: ctx.platform,
    community_id: ctx.communityId,
    campaign_id: campaign.id as string,
    member_id: member.id,
    milestone_id: 'confirm-pos',
    kind: 'daily',
    target: 'dm',
    critical: false,
    due_at: dueAt,
    run_at: dueAt,
    state,
    attempts,
    last_error: lastError,
    late: false,
    redelivered: false,
    payload: '{}',
    created_at: dueAt,
    updated_at: dueAt,
  });
  const rows: Row[] = [];
  if (campaign.state !== 'active') return rows;
  for (let r = 0; r < PLANNED_REMINDERS; r += 1) {
    const dueAt = new Date(nowMs + (r - PLANNED_REMINDERS / 3) * DAY_MS);
    rows.push(reminder(`planned-${r}`, dueAt, dueAt.getTime() < nowMs ? 'sent' : 'pending', 0, null));
  }
  if (random() < 0.04) {
    const dueAt = new Date(nowMs - (1 + Math.floor(random() * 72)) * 3_600_000);
    rows.push(reminder('failed', dueAt, 'failed', 3, 'Cannot send messages to this user'));
  }
  return rows;
}

/** A few days of running totals up to today or release, whichever is first. */
function orderLogRows(ctx: SeedContext, campaign: Row, member: Member, releaseMs: number): Row[] {
  const { random, nowMs } = ctx;
  const rows: Row[] = [];
  const days = 1 + Math.floor(random() * 5);
  let orders = Math.floor(random() * 10);
  let pos = 0;
  for (let d = days; d >= 1; d -= 1) {
    const dayMs = Math.min(nowMs, releaseMs) - d * DAY_MS;
    orders += Math.floor(random() * 4);
    pos += Math.floor(random() * 3);
    rows.push({
      id: idFrom(random),
      campaign_id: campaign.id as string,
      day: isoDay(dayMs),
      orders,
      pos,
      logged_by: member.id,
      logged_at: new Date(dayMs + 12 * 3_600_000),
    });
  }
  return rows;
}

/** Campaign number `i`: release spread from 60 days ago to 150 ahead, in one of several zones. */
function campaignRows(ctx: SeedContext, i: number, member: Member): CampaignRows {
  const { random, nowMs } = ctx;
  const zone = ZONES[Math.floor(random() * ZONES.length)]!;
  const marketplace: Marketplace = random() < 0.7 ? 'US' : 'UK';
  const printer = pickWeighted(random, PRINTER_WEIGHTS);
  const releaseDate = isoDay(nowMs + (Math.floor(random() * 211) - 60) * DAY_MS);
  const releaseMs = Date.parse(`${releaseDate}T00:00:00Z`);
  const createdAt = new Date(Math.min(nowMs - DAY_MS, releaseMs - (20 + Math.floor(random() * 150)) * DAY_MS));
  const released = releaseMs + 3 * DAY_MS < nowMs;
  const roll = random();
  const state = roll < 0.04 ? 'cancelled' : released && roll < 0.6 ? 'completed' : 'active';
  const campaign: Row = {
    id: idFrom(random),
    community_id: ctx.communityId,
    member_id: member.id,
    title: `Seeded Book ${ctx.seed}-${i}`,
    isbn13: isbn13(ctx.seed * 1_000_003 + i),
    marketplace,
    printer,
    time_zone: zone,
    release_date: releaseDate,
    state,
    created_at: createdAt,
    updated_at: createdAt,
    ended_at: state === 'active' ? null : new Date(Math.min(nowMs, releaseMs + 10 * DAY_MS)),
    reminders_paused_at: state === 'active' && random() < 0.02 ? new Date(nowMs - DAY_MS) : null,
  };
  const progress = progressRows(ctx, campaign, member, createdAt);
  const reminders = reminderRows(ctx, i, campaign, member);
  const orderLogs = progress.listingLive && random() < 0.4 ? orderLogRows(ctx, campaign, member, releaseMs) : [];
  return { campaign, progress: progress.rows, reminders, orderLogs };
}

/** Campaigns per round of inserts: 100,000 campaigns' reminder rows would not fit in memory at once. */
const CAMPAIGNS_PER_ROUND = 10_000;

export async function seedCampaigns(
  prisma: PrismaClient,
  options: SeedCampaignsOptions,
): Promise<{ communityId: string }> {
  const { count, now } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`seedCampaigns needs a positive count, got ${count}`);
  const seed = options.seed ?? 1;
  const random = prng(seed * 7919 + count);
  // Ids and external ids carry a per-call tag so a second call with another seed does not collide.
  const tag = `s${seed}`;
  const community = await seedCommunity(prisma, options.communityId, random, seed, tag);
  const ctx: SeedContext = { random, nowMs: now.getTime(), tag, seed, ...community };

  const members = memberRows(ctx, Math.max(1, Math.round(count / 3)), now);
  await insertRows(prisma, 'members', members);
  for (let from = 0; from < count; from += CAMPAIGNS_PER_ROUND) {
    const rows: CampaignRows[] = [];
    for (let i = from; i < Math.min(count, from + CAMPAIGNS_PER_ROUND); i += 1) {
      rows.push(campaignRows(ctx, i, members[i % members.length] as unknown as Member));
    }
    await insertRows(
      prisma,
      'campaigns',
      rows.map((r) => r.campaign),
    );
    await insertRows(
      prisma,
      'milestone_progress',
      rows.flatMap((r) => r.progress),
    );
    await insertRows(
      prisma,
      'reminders',
      rows.flatMap((r) => r.reminders),
    );
    await insertRows(
      prisma,
      'order_logs',
      rows.flatMap((r) => r.orderLogs),
    );
  }
  return { communityId: community.communityId };
}
