import {
  BOARD_FILTERS,
  BOARD_PHASES,
  compareUrgency,
  createBoardClassifier,
  matchesBoardFilter,
  type BoardFilter,
  type BoardFlags,
  type BoardPhase,
  type BoardStatus,
} from '../../core/campaign-board.ts';
import type { IsoDate, Marketplace } from '../../core/types.ts';
import type { CampaignState } from '../ports.ts';
import type { BoardRow } from './ports.ts';

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

export interface ClassifiedBoard {
  now: Date;
  /** every campaign of the community, most urgent first */
  entries: BoardEntry[];
  phaseCounts: Record<BoardPhase, number>;
  filterCounts: Record<BoardFilter, number>;
}

export interface OrderTotals {
  orders: number;
  pos: number;
  /** how many of the campaigns logged anything */
  logging: number;
}

export const entriesFor = (data: ClassifiedBoard, filter: BoardFilter): BoardEntry[] =>
  data.entries.filter((e) => matchesBoardFilter(filter, e.state, e.status));

/** Readings are running totals, so a campaign adds its newest reading, never a sum of days. */
export function orderTotals(entries: readonly BoardEntry[]): OrderTotals {
  const totals = { orders: 0, pos: 0, logging: 0 };
  for (const e of entries) {
    if (e.orders === null && e.pos === null) continue;
    totals.orders += e.orders ?? 0;
    totals.pos += e.pos ?? 0;
    totals.logging += 1;
  }
  return totals;
}

/** Classifies every campaign at `now` and orders them most urgent first. */
export function classifyBoard(rows: readonly BoardRow[], now: Date): ClassifiedBoard {
  const classify = createBoardClassifier(now);
  const entries: BoardEntry[] = rows.map((row) => {
    const status = classify({
      releaseDate: row.releaseDate,
      timeZone: row.timeZone,
      marketplace: row.marketplace,
      printer: row.printer,
      createdAt: row.createdAt,
      state: row.state,
      marks: row.marks,
      paused: row.remindersPausedAt !== null,
      undeliverable: row.dmsClosedAt !== null || row.failedReminders > 0,
    });
    return {
      campaignId: row.campaignId,
      title: row.title,
      memberName: row.memberName,
      releaseDate: row.releaseDate,
      zone: row.timeZone,
      marketplace: row.marketplace,
      state: row.state,
      status,
      flags: status.flags,
      orders: row.orders,
      pos: row.pos,
    };
  });
  const ranked = entries.map((e) => ({
    e,
    status: e.status,
    tiebreak: `${e.title.toLowerCase()}\u0000${e.campaignId}`,
  }));
  ranked.sort(compareUrgency);

  const phaseCounts = Object.fromEntries(BOARD_PHASES.map((p) => [p, 0])) as Record<BoardPhase, number>;
  const filterCounts = Object.fromEntries(BOARD_FILTERS.map((f) => [f, 0])) as Record<BoardFilter, number>;
  for (const { e } of ranked) {
    phaseCounts[e.status.phase] += 1;
    for (const f of BOARD_FILTERS) if (matchesBoardFilter(f, e.state, e.status)) filterCounts[f] += 1;
  }
  return { now, entries: ranked.map(({ e }) => e), phaseCounts, filterCounts };
}
