import type { BoardFilter } from '../../core/campaign-board.ts';
import type { BoardChartItem, BoardPage } from '../../app/board/page.ts';
import type { BoardPageQuery, BoardRow, BoardStore, BoardUpkeep } from '../../app/board/ports.ts';
import { refreshDueBoardRows } from './board-state.ts';
import { readBoardPage, readChartItems } from './board-page.ts';
import { marksFromSummary } from './board-marks.ts';
import type { SqlRunner } from './migrate.ts';

/**
 * The board in one statement: campaigns with their member, progress summary, failed reminders
 * and latest order reading. Marks come from campaigns.progress_marks/progress_done, which triggers
 * on milestone_progress keep current (aggregating the marks here was half the query's time).
 * Failed reminders and order readings are aggregated once and joined by hash (a sub-select per
 * campaign is 10,000 index probes). Instants travel as epoch milliseconds, so nothing guesses a
 * zone for PostgreSQL's zoneless timestamps.
 */
const BOARD_SQL = `
WITH f AS (
  SELECT campaign_id, count(*) AS failed
    FROM reminders
   WHERE community_id = $1 AND state = 'failed' AND campaign_id IS NOT NULL
   GROUP BY campaign_id
),
fm AS (
  -- A member's morning messages belong to no campaign: one that failed for good counts for each of theirs.
  SELECT member_id, count(*) AS failed
    FROM reminders
   WHERE community_id = $1 AND state = 'failed' AND campaign_id IS NULL AND member_id IS NOT NULL
   GROUP BY member_id
),
o AS (
  SELECT DISTINCT ON (ol.campaign_id) ol.campaign_id, ol.orders, ol.pos
    FROM order_logs ol
    JOIN campaigns oc ON oc.id = ol.campaign_id
   WHERE oc.community_id = $1
   ORDER BY ol.campaign_id, ol.day DESC
)
SELECT c.id, c.title, m.display_name AS member_name, to_char(c.release_date, 'YYYY-MM-DD') AS release_date,
       c.time_zone, c.marketplace::text AS marketplace, c.printer::text AS printer, c.state::text AS state,
       floor(extract(epoch FROM c.created_at) * 1000)::float8 AS created_ms,
       floor(extract(epoch FROM c.reminders_paused_at) * 1000)::float8 AS paused_ms,
       floor(extract(epoch FROM m.dms_closed_at) * 1000)::float8 AS dms_closed_ms,
       array_to_string(c.progress_marks, ',') AS progress_marks, c.progress_done::text AS progress_done,
       (coalesce(f.failed, 0) + coalesce(fm.failed, 0))::int AS failed, o.orders, o.pos
  FROM campaigns c
  JOIN members m ON m.id = c.member_id
  LEFT JOIN f ON f.campaign_id = c.id
  LEFT JOIN fm ON fm.member_id = c.member_id
  LEFT JOIN o ON o.campaign_id = c.id
 WHERE c.community_id = $1
`;

interface RawRow {
  id: string;
  title: string;
  member_name: string;
  release_date: string;
  time_zone: string;
  marketplace: BoardRow['marketplace'];
  printer: BoardRow['printer'];
  state: BoardRow['state'];
  created_ms: number;
  paused_ms: number | null;
  dms_closed_ms: number | null;
  /** settled milestone ids, comma-separated: the driver parses a text[] column ~25 ms slower per 10,000 rows */
  progress_marks: string;
  /** JSON: milestone id to the epoch ms it was marked done (skipped steps are not in it) */
  progress_done: string;
  failed: number;
  orders: number | null;
  pos: number | null;
}

/**
 * Reads through the plain SQL runner (the same pool or PGlite instance Prisma uses): Prisma's raw
 * query path spent ~20 ms more per 10,000 rows turning values into its own types.
 */
export class SqlBoardStore implements BoardStore, BoardUpkeep {
  constructor(private readonly sql: SqlRunner) {}

  async boardRows(communityId: string): Promise<BoardRow[]> {
    const rows = await this.sql.query<RawRow>(BOARD_SQL, [communityId]);
    return rows.map((r) => ({
      campaignId: r.id,
      title: r.title,
      memberName: r.member_name,
      releaseDate: r.release_date,
      timeZone: r.time_zone,
      marketplace: r.marketplace,
      printer: r.printer,
      state: r.state,
      createdAt: new Date(r.created_ms),
      remindersPausedAt: r.paused_ms === null ? null : new Date(r.paused_ms),
      dmsClosedAt: r.dms_closed_ms === null ? null : new Date(r.dms_closed_ms),
      marks: marksFromSummary(r.progress_marks, r.progress_done, new Date(r.created_ms)),
      failedReminders: r.failed,
      orders: r.orders,
      pos: r.pos,
    }));
  }

  boardPage(query: BoardPageQuery): Promise<BoardPage> {
    return readBoardPage(this.sql, query);
  }

  chartItems(communityId: string, filter: BoardFilter): Promise<BoardChartItem[]> {
    return readChartItems(this.sql, communityId, filter);
  }

  refreshDue(now: Date, limit: number): Promise<number> {
    return refreshDueBoardRows(this.sql, now, limit);
  }
}
