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
  const json = JSON.stringify(
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
  return db.$executeRawUnsafe(
    `INSERT INTO "reminders" ("key", "platform", "community_id", "campaign_id", "member_id", "milestone_id", "kind",
            "target", "critical", "due_at", "expires_at", "run_at", "payload", "created_at", "updated_at")
     SELECT r."key", r."platform"::"Platform", r."community_id", r."campaign_id", r."member_id", r."milestone_id", r."kind",
            r."target"::"ReminderTarget", r."critical",
            (r."due_at"::timestamptz AT TIME ZONE 'UTC'), (r."expires_at"::timestamptz AT TIME ZONE 'UTC'),
            (r."due_at"::timestamptz AT TIME ZONE 'UTC'), r."payload",
            ($2::timestamptz AT TIME ZONE 'UTC'), ($2::timestamptz AT TIME ZONE 'UTC')
       FROM jsonb_to_recordset($1::jsonb) AS r("key" text, "platform" text, "community_id" text, "campaign_id" text,
            "member_id" text, "milestone_id" text, "kind" text, "target" text, "critical" boolean, "due_at" text,
            "expires_at" text, "payload" jsonb)
     ON CONFLICT ("key") DO NOTHING`,
    json,
    now.toISOString(),
  );
}
