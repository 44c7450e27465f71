import type { Platform } from '../../src/app/ports.ts';
import type { Delivery } from '../../src/app/reminders/ports.ts';
import type { SqlRunner } from '../../src/infra/db/migrate.ts';

/**
 * Fast reminder seeding for the sweeper tests and benchmark: a few INSERT … SELECT generate_series
 * statements instead of one Prisma call per row, so 100,000 rows take a second or two.
 *
 * Every seeded row is a "DMs to <member> are blocked" note to the moderators (kind 'dms-closed',
 * target 'moderators'): the sweeper can word it without a campaign, and its title names the
 * member. Each row gets its own member whose display name is the row's key, so a delivery can be
 * traced back to exactly one row with `seededKeyOf`.
 */

export interface SeedCommunityOptions {
  /** Unique per database: it becomes the community's external id. */
  prefix: string;
  platform?: Platform;
}

/** A community with no announcement channel, so the sweeper schedules no digest rows for it. */
export async function seedCommunity(sql: SqlRunner, options: SeedCommunityOptions): Promise<string> {
  const id = `${options.prefix}-community`;
  await sql.query(
    `INSERT INTO "communities" ("id", "platform", "external_id", "name", "default_time_zone", "updated_at")
     VALUES ($1, $2::"Platform", $1, 'Seeded community', 'UTC', now())`,
    [id, options.platform ?? 'console'],
  );
  return id;
}

export interface SeedRemindersOptions {
  communityId: string;
  /** Unique per database: keys are `<prefix>-0000001` … and members `<prefix>-m…`. */
  prefix: string;
  count: number;
  /**
   * 'due': due_at spread over the `count` milliseconds before `now`, so every row is runnable at `now`.
   * 'future': due_at from 30 days after `now`, one second apart, so none is runnable for a month.
   */
  when: 'due' | 'future';
  now: Date;
  platform?: Platform;
  /**
   * Default true: one member per row, named by the row's key (what `seededKeyOf` reads). False: all
   * rows share one member, which is cheaper for bulk rows nobody needs to trace.
   */
  memberPerRow?: boolean;
}

/** Zero-padded so keys sort like their numbers. */
export const seededKey = (prefix: string, i: number): string => `${prefix}-${String(i).padStart(7, '0')}`;

/** Inserts `count` pending reminders (and their members); returns their keys in order. */
export async function seedReminders(sql: SqlRunner, options: SeedRemindersOptions): Promise<string[]> {
  const { prefix, count } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`seedReminders needs a positive count, got ${count}`);
  const platform = options.platform ?? 'console';
  const perRow = options.memberPerRow ?? true;
  const key = `$1 || '-' || lpad(g::text, 7, '0')`;
  await sql.query(
    `INSERT INTO "members" ("id", "platform", "external_id", "display_name", "updated_at")
     SELECT ${key} || '-m', $2::"Platform", ${key} || '-m', ${key}, now()
       FROM generate_series(1, $3::int) AS g`,
    [prefix, platform, perRow ? count : 1],
  );
  const dueAt =
    options.when === 'due'
      ? `($4::timestamptz AT TIME ZONE 'UTC') - make_interval(secs => ($3::int - g + 1) / 1000.0)`
      : `($4::timestamptz AT TIME ZONE 'UTC') + interval '30 days' + make_interval(secs => g)`;
  await sql.query(
    `INSERT INTO "reminders"
       ("key", "platform", "community_id", "member_id", "kind", "target", "due_at", "run_at", "updated_at")
     SELECT ${key}, $2::"Platform", $5, ${perRow ? key : `$1 || '-0000001'`} || '-m', 'dms-closed', 'moderators',
            ${dueAt}, ${dueAt}, now()
       FROM generate_series(1, $3::int) AS g`,
    [prefix, platform, count, options.now.toISOString(), options.communityId],
  );
  return Array.from({ length: count }, (_, i) => seededKey(prefix, i + 1));
}

const TITLE = /^Direct messages to (.+) are blocked$/;

/** The key of the seeded row a delivery came from; throws for anything the seed did not produce. */
export function seededKeyOf(delivery: Delivery): string {
  const match = TITLE.exec(delivery.reply.title);
  if (!match) throw new Error(`not a delivery of a seeded reminder: "${delivery.reply.title}"`);
  return match[1]!;
}
