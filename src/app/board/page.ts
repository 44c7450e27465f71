import {
  BOARD_FILTERS,
  BOARD_PHASES,
  type BoardFilter,
  type BoardFlags,
  type BoardPhase,
  type BoardStatus,
} from '../../core/campaign-board.ts';
import type { IsoDate, Marketplace } from '../../core/types.ts';
import type { CampaignState } from '../ports.ts';

/** One campaign on the board, classified; the shape a chart of the board takes too. */
export interface BoardEntry {
  campaignId: string;
  title: string;
  memberName: string;
  releaseDate: IsoDate;
  zone: string;
  marketplace: Marketplace;
  state: CampaignState;
  status: BoardStatus;
  flags: BoardFlags;
  /** the newest logged reading; null when the member logged nothing */
  orders: number | null;
  pos: number | null;
}

export interface OrderTotals {
  orders: number;
  pos: number;
  /** how many of the campaigns logged anything */
  logging: number;
}

/**
 * One page of the board and the community-wide counts around it: all a board reply shows, and no
 * more, so reading it costs a page whatever the size of the community.
 */
export interface BoardPage {
  filter: BoardFilter;
  /** the page shown: the one asked for, or the last one when that is past the end */
  page: number;
  pages: number;
  /** how many campaigns the filter lists */
  total: number;
  /** the campaigns on this page, most urgent first */
  entries: BoardEntry[];
  phaseCounts: Record<BoardPhase, number>;
  filterCounts: Record<BoardFilter, number>;
  /** active campaigns whose reminders a moderator paused */
  paused: number;
  /** logged pre-orders of every campaign the filter lists */
  totals: OrderTotals;
}

/** The board chart's input: campaigns, or one item standing for `count` alike ones. */
export interface BoardChartItem {
  releaseDate: IsoDate;
  state: CampaignState;
  flags: BoardFlags;
  count?: number;
}

export const zeroPhaseCounts = (): Record<BoardPhase, number> =>
  Object.fromEntries(BOARD_PHASES.map((p) => [p, 0])) as Record<BoardPhase, number>;
export const zeroFilterCounts = (): Record<BoardFilter, number> =>
  Object.fromEntries(BOARD_FILTERS.map((f) => [f, 0])) as Record<BoardFilter, number>;

/** Which page a request lands on: a page past the end shows the last one. */
export function pageWindow(total: number, requested: number, pageSize: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, requested), pages), pages };
}

/** A stack of the board chart (src/charts/board-chart.ts names the same five). */
export type BoardChartCategory = 'overdue' | 'at-risk' | 'undeliverable' | 'on-track' | 'other';

const NO_FLAGS: BoardFlags = { overdue: false, atRisk: false, undeliverable: false, paused: false };

/**
 * A chart item standing for `count` campaigns of one release day and category: the chart reads
 * only the category a campaign's state and flags give, so any campaign of the category will do.
 */
export function chartItemOf(releaseDate: IsoDate, category: BoardChartCategory, count: number): BoardChartItem {
  const active = (flags: Partial<BoardFlags>): BoardChartItem => ({
    releaseDate,
    state: 'active',
    flags: { ...NO_FLAGS, ...flags },
    count,
  });
  switch (category) {
    case 'overdue':
      return active({ overdue: true });
    case 'at-risk':
      return active({ atRisk: true });
    case 'undeliverable':
      return active({ undeliverable: true });
    case 'on-track':
      return active({});
    case 'other':
      return { releaseDate, state: 'completed', flags: NO_FLAGS, count };
  }
}
