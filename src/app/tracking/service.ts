import { DateTime } from 'luxon';
import { unwrap } from '../../core/errors.ts';
import { resolveLogDay, type LogDateInput } from '../../core/order-log-input.ts';
import { orderTrend, type OrderTrend } from '../../core/order-trend.ts';
import { auditActor, type RequestContext } from '../context.ts';
import type { CampaignRecord } from '../ports.ts';
import type { CampaignStore } from '../campaigns/ports.ts';
import type { Reply } from '../reply.ts';
import { resolveOwnCampaign } from '../campaigns/resolver.ts';
import type { OrderLogStore, OrderTrendSource } from './ports.ts';
import { loggedReply, unchangedReply } from './replies.ts';

export interface LogArgs {
  campaign?: string | undefined;
  orders: number;
  pos: number;
  date?: LogDateInput | undefined;
}

/** A completed campaign may still get its last readings in; a cancelled one is closed. */
const LOGGABLE_STATES = ['active', 'completed'] as const;

const todayIn = (zone: string, now: Date) => DateTime.fromJSDate(now, { zone }).toISODate()!;

/** Members' daily Advantage readings: recorded, corrected, and summed up as a trend. */
export class TrackingService implements OrderTrendSource {
  constructor(
    private readonly campaigns: CampaignStore,
    private readonly logs: OrderLogStore,
  ) {}

  async log(ctx: RequestContext, args: LogArgs): Promise<Reply> {
    const campaign = await resolveOwnCampaign(
      this.campaigns,
      ctx.community,
      ctx.member,
      args.campaign,
      LOGGABLE_STATES,
    );
    const day = unwrap(resolveLogDay(args.date, campaign.timeZone, ctx.now, campaign.createdAt));
    const existing = await this.logs.listEntries(campaign.id);
    const same = existing.find((e) => e.day === day);
    if (same && same.orders === args.orders && same.pos === args.pos) return unchangedReply(campaign, same);
    const { entry, previous } = await this.logs.upsertEntry(
      { campaignId: campaign.id, communityId: campaign.communityId, day, orders: args.orders, pos: args.pos },
      auditActor(ctx),
      ctx.now,
    );
    const readings = [...existing.filter((e) => e.day !== day), entry];
    const dayBefore = readings.filter((e) => e.day < day).sort((a, b) => (a.day < b.day ? 1 : -1))[0] ?? null;
    return loggedReply(campaign, entry, previous, orderTrend(readings, todayIn(campaign.timeZone, ctx.now)), dayBefore);
  }

  async trendFor(campaign: CampaignRecord, now: Date): Promise<OrderTrend | null> {
    const entries = await this.logs.listEntries(campaign.id);
    return orderTrend(entries, todayIn(campaign.timeZone, now));
  }
}
