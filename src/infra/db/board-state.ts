import { createBoardClassifier } from '../../core/campaign-board.ts';
import type { Marketplace, Printer } from '../../core/types.ts';
import type { CampaignState } from '../../app/ports.ts';
import { marksFromSummary } from './board-marks.ts';
import { storeStatus } from './board-status-json.ts';
import type { Prisma } from './generated/client.ts';
import { toIso } from './sql-values.ts';

/**
 * Keeps campaign_board's classification current: each campaign's phase, flags, urgency, line and
 * the instant the clock alone would change them. Campaign writers call it in their own transaction;
 * the sweeper's boundary job and the board read call it for rows the clock overtook or that a write
 * outside the application marked stale (the board_state migration says which triggers mark them).
 */

/** One statement at a time, on whatever connection or transaction the caller holds. */
export interface BoardSql {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Runs on an interactive Prisma transaction, so the row commits with the change it follows. */
export const transactionSql = (tx: Prisma.TransactionClient): BoardSql => ({
  query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params),
});

interface SourceRow {
  id: string;
  /** the board row's version when read: a write that lands in between wins over ours */
  seen: string;
  title: string;
  release_date: string;
  time_zone: string;
  marketplace: Marketplace;
  printer: Printer;
  state: CampaignState;
  created_ms: number;
  progress_marks: string;
  progress_done: string;
}

const SOURCE_SQL = `
SELECT b.campaign_id AS id, b.xmin::text AS seen, c.title, to_char(c.release_date, 'YYYY-MM-DD') AS release_date,
       c.time_zone, c.marketplace::text AS marketplace, c.printer::text AS printer, c.state::text AS state,
       floor(extract(epoch FROM c.created_at) * 1000)::float8 AS created_ms,
       array_to_string(c.progress_marks, ',') AS progress_marks, c.progress_done::text AS progress_done
  FROM campaign_board b
  JOIN campaigns c ON c.id = b.campaign_id`;

const WRITE_SQL = `
UPDATE campaign_board b SET
  state = x.state::"CampaignState", phase = x.phase, releasing = x.releasing, overdue = x.overdue,
  at_risk = x.at_risk, urgency = x.urgency, title_key = x.title_key, status = x.status,
  next_boundary_at = CASE WHEN x.boundary_ms IS NULL THEN NULL ELSE to_timestamp(x.boundary_ms / 1000) AT TIME ZONE 'UTC' END,
  computed_at = to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'
  FROM jsonb_to_recordset($1::jsonb) AS x(id text, seen text, state text, phase text, releasing boolean,
       overdue boolean, at_risk boolean, urgency float8, title_key text, boundary_ms float8, status jsonb)
 WHERE b.campaign_id = x.id AND b.xmin::text = x.seen
RETURNING b.campaign_id`;

/** A parameter of epoch milliseconds as the zoneless UTC timestamps the tables keep. */
const nowParam = (index: number) => `to_timestamp($${index}::float8 / 1000) AT TIME ZONE 'UTC'`;

/** The tiebreak the full classification sorts by (see compareUrgency), in a form PostgreSQL can store. */
export const titleKey = (title: string, campaignId: string): string => `${title.toLowerCase()}\u0001${campaignId}`;

/** One campaign's row as the write statements read it. */
function classified(r: SourceRow, now: Date, classify = createBoardClassifier(now)) {
  const createdAt = new Date(r.created_ms);
  const status = classify({
    releaseDate: r.release_date,
    timeZone: r.time_zone,
    marketplace: r.marketplace,
    printer: r.printer,
    createdAt,
    state: r.state,
    marks: marksFromSummary(r.progress_marks, r.progress_done, createdAt),
    // Kept in their own columns by triggers: they follow members and reminders, not the clock.
    paused: false,
    undeliverable: false,
  });
  return {
    id: r.id,
    seen: r.seen,
    state: r.state,
    phase: status.phase,
    releasing: status.releasingThisWeek,
    overdue: status.flags.overdue,
    at_risk: status.flags.atRisk,
    urgency: status.urgency,
    title_key: titleKey(r.title, r.id),
    boundary_ms: status.changesAt?.getTime() ?? null,
    status: storeStatus(status),
  };
}

/** Classifies the rows read and writes them back unless changed meanwhile; returns how many were written. */
async function classifyAndWrite(sql: BoardSql, rows: readonly SourceRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const classify = createBoardClassifier(now);
  const out = rows.map((r) => classified(r, now, classify));
  const params = [JSON.stringify(out), now.getTime()];
  try {
    return (await sql.query<{ campaign_id: string }>(WRITE_SQL, params)).length;
  } catch (error) {
    // Two reads catching up overlapping rows may lock them in opposite orders; PostgreSQL then
    // aborts one. Its rows are written by the other, or by this retry (the version check skips
    // any the other already wrote).
    if ((error as { code?: string }).code !== DEADLOCK) throw error;
    return (await sql.query<{ campaign_id: string }>(WRITE_SQL, params)).length;
  }
}

const DEADLOCK = '40P01';

/**
 * Tells the campaigns triggers that this transaction writes its board rows itself (with
 * keepBoardRow, last): call it before the transaction's first campaign write.
 */
export async function claimBoardWrites(sql: BoardSql): Promise<void> {
  await sql.query(`SELECT set_config('preorder.board_writer', 'app', true)`);
}

/** The whole row, inserted or replaced: what the campaigns triggers would copy, and the classification. */
const UPSERT_SQL = `
INSERT INTO campaign_board AS b (campaign_id, community_id, state, phase, release_date, releasing, overdue, at_risk,
       undeliverable, paused, urgency, title_key, next_boundary_at, status, computed_at)
SELECT c.id, c.community_id, c.state, x.phase, c.release_date, x.releasing, x.overdue, x.at_risk,
       board_undeliverable(c.id, c.member_id, c.community_id), c.reminders_paused_at IS NOT NULL,
       x.urgency, x.title_key,
       CASE WHEN x.boundary_ms IS NULL THEN NULL ELSE to_timestamp(x.boundary_ms / 1000) AT TIME ZONE 'UTC' END,
       x.status, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'
  FROM jsonb_to_recordset($1::jsonb) AS x(id text, phase text, releasing boolean, overdue boolean,
       at_risk boolean, urgency float8, title_key text, boundary_ms float8, status jsonb)
  JOIN campaigns c ON c.id = x.id
ON CONFLICT (campaign_id) DO UPDATE SET
  state = EXCLUDED.state, phase = EXCLUDED.phase, release_date = EXCLUDED.release_date,
  releasing = EXCLUDED.releasing, overdue = EXCLUDED.overdue, at_risk = EXCLUDED.at_risk,
  undeliverable = EXCLUDED.undeliverable, paused = EXCLUDED.paused, urgency = EXCLUDED.urgency,
  title_key = EXCLUDED.title_key, next_boundary_at = EXCLUDED.next_boundary_at, status = EXCLUDED.status,
  computed_at = EXCLUDED.computed_at`;

/** A campaign as its writer just read it back in the transaction (a Prisma campaign row). */
export interface WrittenCampaign {
  id: string;
  title: string;
  releaseDate: Date;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  state: CampaignState;
  createdAt: Date;
  progressMarks: string[];
  progressDone: unknown;
}

/** The audit line of the change a board row follows, written by the same statement. */
export interface AuditLine {
  communityId: string;
  campaignId: string;
  actorId: string;
  action: string;
  details: Record<string, unknown>;
}

/** Parameters $3 to $7 are the audit line's; $2 (now) is its time. */
const WITH_AUDIT_SQL = `
WITH audit AS (
  INSERT INTO audit_log (community_id, campaign_id, actor_id, action, details, at)
  VALUES ($3, $4, $5, $6, $7::jsonb, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC')
)`;

/**
 * Writes a campaign's board row in the transaction that just changed it (after claimBoardWrites),
 * classified from the row the writer read back, and last, so the tally rows are held only to commit.
 * With `audit`, the change's audit line goes in the same statement: one round trip less per change.
 */
export async function keepBoardRow(sql: BoardSql, c: WrittenCampaign, now: Date, audit?: AuditLine): Promise<void> {
  const row: SourceRow = {
    id: c.id,
    seen: '',
    title: c.title,
    release_date: toIso(c.releaseDate),
    time_zone: c.timeZone,
    marketplace: c.marketplace,
    printer: c.printer,
    state: c.state,
    created_ms: c.createdAt.getTime(),
    progress_marks: c.progressMarks.join(','),
    progress_done: JSON.stringify(c.progressDone ?? {}),
  };
  const params = [JSON.stringify([classified(row, now)]), now.getTime()];
  if (!audit) return void (await sql.query(UPSERT_SQL, params));
  await sql.query(`${WITH_AUDIT_SQL}${UPSERT_SQL}`, [
    ...params,
    audit.communityId,
    audit.campaignId,
    audit.actorId,
    audit.action,
    JSON.stringify(audit.details),
  ]);
}

/**
 * The boundary job: reclassifies up to `limit` rows, of any community, whose boundary has passed.
 * Returns how many it read, so the caller knows whether more are due.
 */
export async function refreshDueBoardRows(sql: BoardSql, now: Date, limit: number): Promise<number> {
  const rows = await sql.query<SourceRow>(
    `${SOURCE_SQL} WHERE b.next_boundary_at <= ${nowParam(1)} ORDER BY b.next_boundary_at LIMIT $2::int`,
    [now.getTime(), limit],
  );
  await classifyAndWrite(sql, rows, now);
  return rows.length;
}

/** Rows per statement when catching a community up: the JSON of a batch stays a few megabytes. */
const CATCH_UP_BATCH = 5_000;

/**
 * Brings one community's rows up to date for a read at `now`: those the clock has overtaken, and
 * those classified after `now` (a clock set back). Usually nothing, found through two index probes.
 */
export async function catchUpCommunity(sql: BoardSql, communityId: string, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await sql.query<SourceRow>(
      `${SOURCE_SQL} WHERE b.community_id = $1 AND b.next_boundary_at <= ${nowParam(2)}
       UNION ALL
       ${SOURCE_SQL} WHERE b.community_id = $1 AND b.computed_at > ${nowParam(2)}
       LIMIT $3::int`,
      [communityId, now.getTime(), CATCH_UP_BATCH],
    );
    const written = await classifyAndWrite(sql, rows, now);
    total += written;
    // A row another writer changed in between was skipped; a batch that wrote nothing would repeat.
    if (rows.length < CATCH_UP_BATCH || written === 0) return total;
  }
}
