import type { StepMark } from '../../core/plan-state.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from '../../core/types.ts';
import type { BoardFilter } from '../../core/campaign-board.ts';
import type { CampaignState } from '../ports.ts';
import type { BoardChartItem, BoardPage } from './page.ts';

/** One campaign as the board needs it: enough to classify it and write its line, nothing more. */
export interface BoardRow {
  campaignId: string;
  title: string;
  memberName: string;
  releaseDate: IsoDate;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  state: CampaignState;
  createdAt: Date;
  remindersPausedAt: Date | null;
  dmsClosedAt: Date | null;
  /** the member's marks: done (with when) or skipped */
  marks: Partial<Record<MilestoneId, StepMark>>;
  /** reminders that failed for good */
  failedReminders: number;
  /** the newest logged reading (Advantage shows running totals); null when nothing was logged */
  orders: number | null;
  pos: number | null;
}

export interface BoardPageQuery {
  communityId: string;
  filter: BoardFilter;
  /** from 1; a page past the end reads the last one */
  page: number;
  pageSize: number;
  now: Date;
}

export interface BoardStore {
  /** Every campaign of the community, whatever its state, in one round trip: the full classification's input. */
  boardRows(communityId: string): Promise<BoardRow[]>;
  /**
   * One page of the kept board with the community's counts. Rows the clock has overtaken, or that
   * a write outside the application left stale, are brought up to date first.
   */
  boardPage(query: BoardPageQuery): Promise<BoardPage>;
  /** The campaigns a filter lists, grouped by release day and chart category: the board chart's input. */
  chartItems(communityId: string, filter: BoardFilter): Promise<BoardChartItem[]>;
}

/** The boundary job's side of the kept board: rows whose classification the clock has overtaken. */
export interface BoardUpkeep {
  /** Reclassifies up to `limit` overtaken rows of any community; returns how many it found. */
  refreshDue(now: Date, limit: number): Promise<number>;
}
