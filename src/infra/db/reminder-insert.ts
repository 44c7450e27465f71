import type { NewReminder } from '../../app/reminders/ports.ts';

/** What both a PrismaClient and a transaction client offer for raw statements. */
interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * Inserts reminder rows whose key is new, in one statement with one JSON parameter. A campaign
 * start plans about ninety rows (the daily PO reminders alone are one per day until release);
 * Prisma's createMany spent ~30 ms building their 1,600 bind parameters, this takes a few.
 * Existing keys (pending, sent or cancelled) are left as they are.
 */
export async function insertReminders(db: RawExecutor, rows: readonly NewReminder[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRawUnsafe(INSERT_SQL, rowsJson(rows), now.toISOString());
}

/** Rows as the one JSON parameter the statements read with jsonb_to_recordset. */
function rowsJson(rows: readonly NewReminder[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      key: r.key,
      platform: r.platform,
      community_id: r.communityId,
      campaign_id: r.campaignId,
      member_id: r.memberId,
      milestone_id: r.milestoneId,
      kind: r.kind,
      target: r.target,
      critical: r.critical,
      due_at: r.dueAt.toISOString(),
      expires_at: r.expiresAt?.toISOString() ?? null,
      payload: r.payload ?? {},
    })),
  );
}

const ROWS = `jsonb_to_recordset($1::jsonb) AS r("key" text, "platform" text, "community_id" text, "campaign_id" text,
            "member_id" text, "milestone_id" text, "kind" text, "target" text, "critical" boolean, "due_at" text,
            "expires_at" text, "payload" jsonb)`;

const INSERT_SQL = `
INSERT INTO "reminders" ("key", "platform", "community_id", "campaign_id", "member_id", "milestone_id", "kind",
            "target", "critical", "due_at", "expires_at", "run_at", "payload", "created_at", "updated_at")
     SELECT r."key", r."platform"::"Platform", r."community_id", r."campaign_id", r."member_id", r."milestone_id", r."kind",
            r."target"::"ReminderTarget", r."critical",
            (r."due_at"::timestamptz AT TIME ZONE 'UTC'), (r."expires_at"::timestamptz AT TIME ZONE 'UTC'),
            (r."due_at"::timestamptz AT TIME ZONE 'UTC'), r."payload",
            ($2::timestamptz AT TIME ZONE 'UTC'), ($2::timestamptz AT TIME ZONE 'UTC')
       FROM ${ROWS}
     ON CONFLICT ("key") DO NOTHING`;

/**
 * $3 are the keys that may move; $4 whether a pending one moves too (a cancelled one always
 * comes back). The insert after it skips those keys, as any other stored key.
 */
const MOVE_SQL = `
WITH moved AS (
  UPDATE "reminders" AS t
     SET "state" = 'pending', "due_at" = (r."due_at"::timestamptz AT TIME ZONE 'UTC'),
         "run_at" = (r."due_at"::timestamptz AT TIME ZONE 'UTC'),
         "expires_at" = (r."expires_at"::timestamptz AT TIME ZONE 'UTC'), "last_error" = NULL,
         "updated_at" = ($2::timestamptz AT TIME ZONE 'UTC')
    FROM ${ROWS}
   WHERE t."key" = r."key" AND t."key" = ANY($3::text[]) AND t."state" IN ('pending', 'cancelled')
     AND NOT (t."state" = 'pending' AND (t."due_at" = (r."due_at"::timestamptz AT TIME ZONE 'UTC') OR NOT $4::boolean))
)`;

/**
 * Stores `rows` as insertReminders does, and in the same statement brings back or moves the
 * stored rows among them whose key is in `movable`: a cancelled one is pending again at the
 * row's instant; a pending one moves there when `movePending`. Sent rows stay as they are. One
 * round trip where looking the rows up first took two (issue 17).
 */
export async function insertOrMoveReminders(
  db: RawExecutor,
  rows: readonly NewReminder[],
  now: Date,
  move: { movable: readonly string[]; movePending: boolean },
): Promise<number> {
  if (rows.length === 0) return 0;
  if (move.movable.length === 0) return insertReminders(db, rows, now);
  return db.$executeRawUnsafe(
    `${MOVE_SQL}${INSERT_SQL}`,
    rowsJson(rows),
    now.toISOString(),
    move.movable,
    move.movePending,
  );
}
