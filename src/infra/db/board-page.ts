import { BOARD_FILTERS, BOARD_PHASES, type BoardFilter, type BoardPhase } from '../../core/campaign-board.ts';
import type { Marketplace } from '../../core/types.ts';
import type { CampaignState } from '../../app/ports.ts';
import {
  chartItemOf,
  pageWindow,
  zeroFilterCounts,
  zeroPhaseCounts,
  type BoardChartCategory,
  type BoardChartItem,
  type BoardEntry,
  type BoardPage,
  type OrderTotals,
} from '../../app/board/page.ts';
import type { BoardPageQuery } from '../../app/board/ports.ts';
import { catchUpCommunity, type BoardSql } from './board-state.ts';
import { loadStatus, type StoredStatus } from './board-status-json.ts';

/**
 * Which kept rows a filter lists (matchesBoardFilter in src/core/campaign-board.ts). Each reads an
 * index in board order: the state index for active, completed and cancelled, a partial index for
 * each warning.
 */
const FILTER_SQL: Record<BoardFilter, string> = {
  active: `b.state = 'active'`,
  'releasing-this-week': `b.state = 'active' AND b.releasing`,
  overdue: `b.state = 'active' AND b.overdue`,
  'at-risk': `b.state = 'active' AND b.at_risk`,
  undeliverable: `b.state = 'active' AND b.undeliverable`,
  completed: `b.state = 'completed'`,
  cancelled: `b.state = 'cancelled'`,
};

/** One page, then its campaigns' titles and members: the joins run for the page's rows only. */
const pageSql = (filter: BoardFilter) => `
SELECT b.campaign_id, c.title, m.display_name AS member_name, to_char(c.release_date, 'YYYY-MM-DD') AS release_date,
       c.time_zone, c.marketplace::text AS marketplace, b.state::text AS state, b.status::text AS status,
       b.undeliverable, b.paused, b.orders, b.pos
  FROM (SELECT * FROM campaign_board b
         WHERE b.community_id = $1 AND ${FILTER_SQL[filter]}
         ORDER BY b.urgency, b.title_key
         LIMIT $2::int OFFSET $3::int) b
  JOIN campaigns c ON c.id = b.campaign_id
  JOIN members m ON m.id = c.member_id
 ORDER BY b.urgency, b.title_key`;

interface PageRow {
  campaign_id: string;
  title: string;
  member_name: string;
  release_date: string;
  time_zone: string;
  marketplace: Marketplace;
  state: CampaignState;
  /** text, not jsonb: parsed here once rather than by the driver and again for the dates */
  status: string;
  undeliverable: boolean;
  paused: boolean;
  orders: number | null;
  pos: number | null;
}

interface CountRow {
  bucket: string;
  campaigns: number;
  logging: number;
  orders: number;
  pos: number;
}

interface Counts {
  phaseCounts: Record<BoardPhase, number>;
  filterCounts: Record<BoardFilter, number>;
  paused: number;
  totals: Record<BoardFilter, OrderTotals>;
}

async function readCounts(sql: BoardSql, communityId: string): Promise<Counts> {
  const rows = await sql.query<CountRow>(
    `SELECT bucket, campaigns, logging, orders::float8 AS orders, pos::float8 AS pos
       FROM board_counts WHERE community_id = $1`,
    [communityId],
  );
  const counts: Counts = {
    phaseCounts: zeroPhaseCounts(),
    filterCounts: zeroFilterCounts(),
    paused: 0,
    totals: Object.fromEntries(BOARD_FILTERS.map((f) => [f, { orders: 0, pos: 0, logging: 0 }])) as Record<
      BoardFilter,
      OrderTotals
    >,
  };
  const phases = new Set<string>(BOARD_PHASES);
  const filters = new Set<string>(BOARD_FILTERS);
  for (const r of rows) {
    const [kind, name = ''] = r.bucket.split(':');
    if (kind === 'phase' && phases.has(name)) counts.phaseCounts[name as BoardPhase] = r.campaigns;
    else if (kind === 'filter' && filters.has(name)) {
      counts.filterCounts[name as BoardFilter] = r.campaigns;
      counts.totals[name as BoardFilter] = { orders: r.orders, pos: r.pos, logging: r.logging };
    } else if (kind === 'paused') counts.paused = r.campaigns;
  }
  return counts;
}

function entryOf(r: PageRow): BoardEntry {
  const status = loadStatus(JSON.parse(r.status) as StoredStatus, {
    undeliverable: r.undeliverable,
    // A moderator's pause shows only while the campaign runs, as the full classification has it.
    paused: r.state === 'active' && r.paused,
  });
  return {
    campaignId: r.campaign_id,
    title: r.title,
    memberName: r.member_name,
    releaseDate: r.release_date,
    zone: r.time_zone,
    marketplace: r.marketplace,
    state: r.state,
    status,
    flags: status.flags,
    orders: r.orders,
    pos: r.pos,
  };
}

/** One page of the kept board: a catch-up probe, the community's tally rows and one page through an index. */
export async function readBoardPage(sql: BoardSql, q: BoardPageQuery): Promise<BoardPage> {
  await catchUpCommunity(sql, q.communityId, q.now);
  const counts = await readCounts(sql, q.communityId);
  const total = counts.filterCounts[q.filter];
  const { page, pages } = pageWindow(total, q.page, q.pageSize);
  const rows =
    total === 0
      ? []
      : await sql.query<PageRow>(pageSql(q.filter), [q.communityId, q.pageSize, (page - 1) * q.pageSize]);
  return {
    filter: q.filter,
    page,
    pages,
    total,
    entries: rows.map(entryOf),
    phaseCounts: counts.phaseCounts,
    filterCounts: counts.filterCounts,
    paused: counts.paused,
    totals: counts.totals[q.filter],
  };
}

/** The listed campaigns by release day and chart category, from the kept tallies. */
export async function readChartItems(
  sql: BoardSql,
  communityId: string,
  filter: BoardFilter,
): Promise<BoardChartItem[]> {
  const rows = await sql.query<{ release_date: string; category: BoardChartCategory; campaigns: number }>(
    `SELECT to_char(release_date, 'YYYY-MM-DD') AS release_date, category, campaigns
       FROM board_release_counts
      WHERE community_id = $1 AND filter = $2 AND campaigns > 0
      ORDER BY release_date, category`,
    [communityId, filter],
  );
  return rows.map((r) => chartItemOf(r.release_date, r.category, r.campaigns));
}
