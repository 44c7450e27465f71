import type { OrderReading, OrderTrend } from '../../core/order-trend.ts';
import type { IsoDate } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';

/** One stored reading (see OrderReading: cumulative figures as Advantage shows them). */
export interface OrderLogEntry extends OrderReading {
  loggedBy: string | null;
  loggedAt: Date;
}

export interface OrderLogWrite {
  campaignId: string;
  communityId: string;
  day: IsoDate;
  orders: number;
  pos: number;
}

export const ORDER_LOG_ACTIONS = { logged: 'orders.logged', corrected: 'orders.corrected' } as const;

export interface OrderLogStore {
  /** A campaign's readings, oldest day first. */
  listEntries(campaignId: string): Promise<OrderLogEntry[]>;
  /**
   * Records the reading for (campaign, day), replacing one already there; audited as
   * `orders.logged` or `orders.corrected` in the same transaction. `previous` is what it replaced.
   */
  upsertEntry(
    input: OrderLogWrite,
    actorId: string,
    now: Date,
  ): Promise<{ entry: OrderLogEntry; previous: OrderLogEntry | null }>;
  /** Each campaign's newest reading (its running total); campaigns with none are absent. */
  latestEntries(campaignIds: readonly string[]): Promise<Map<string, OrderLogEntry>>;
}

/** What `/preorder status` needs from tracking, so the campaign service stays unaware of the store. */
export interface OrderTrendSource {
  trendFor(campaign: CampaignRecord, now: Date): Promise<OrderTrend | null>;
}
