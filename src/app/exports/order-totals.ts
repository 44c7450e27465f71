import type { DailyReading } from './ports.ts';

export interface OrderTotals {
  /** null when the member never logged anything, so a blank cell differs from a logged zero */
  orders: number | null;
  pos: number | null;
}

/**
 * The one place the export decides what a campaign's order logs add up to. A log row is the
 * cumulative figure Advantage showed that day (see src/core/order-trend.ts), so the running
 * total is the newest reading; adding readings together would count the same orders again.
 */
export function orderTotals(logs: readonly DailyReading[]): OrderTotals {
  let latest: DailyReading | undefined;
  for (const log of logs) if (!latest || log.day > latest.day) latest = log;
  return latest ? { orders: latest.orders, pos: latest.pos } : { orders: null, pos: null };
}
