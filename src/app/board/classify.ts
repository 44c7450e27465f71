import {
  BOARD_FILTERS,
  compareUrgency,
  createBoardClassifier,
  matchesBoardFilter,
  type BoardFilter,
  type BoardPhase,
} from '../../core/campaign-board.ts';
import {
  pageWindow,
  zeroFilterCounts,
  zeroPhaseCounts,
  type BoardEntry,
  type BoardPage,
  type OrderTotals,
} from './page.ts';
import type { BoardRow } from './ports.ts';

export type { BoardEntry, OrderTotals } from './page.ts';

export interface ClassifiedBoard {
  now: Date;
  /** every campaign of the community, most urgent first */
  entries: BoardEntry[];
  phaseCounts: Record<BoardPhase, number>;
  filterCounts: Record<BoardFilter, number>;
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

  const phaseCounts = zeroPhaseCounts();
  const filterCounts = zeroFilterCounts();
  for (const { e } of ranked) {
    phaseCounts[e.status.phase] += 1;
    for (const f of BOARD_FILTERS) if (matchesBoardFilter(f, e.state, e.status)) filterCounts[f] += 1;
  }
  return { now, entries: ranked.map(({ e }) => e), phaseCounts, filterCounts };
}

/**
 * A page of a full classification: the board before issue 17, kept as the reference the kept
 * state is checked against (tests) and measured beside (bench/board.bench.ts).
 */
export function pageOfClassified(
  data: ClassifiedBoard,
  filter: BoardFilter,
  requested: number,
  size: number,
): BoardPage {
  const listed = entriesFor(data, filter);
  const { page, pages } = pageWindow(listed.length, requested, size);
  return {
    filter,
    page,
    pages,
    total: listed.length,
    entries: listed.slice((page - 1) * size, page * size),
    phaseCounts: data.phaseCounts,
    filterCounts: data.filterCounts,
    paused: data.entries.filter((e) => e.flags.paused).length,
    totals: orderTotals(listed),
  };
}
