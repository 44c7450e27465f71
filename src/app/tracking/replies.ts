import type { OrderTrend, TrendDirection } from '../../core/order-trend.ts';
import { calendarDate, MARKETPLACE_NAMES } from '../../core/names.ts';
import type { CampaignRecord } from '../ports.ts';
import { reply, type Reply, type RichText } from '../reply.ts';
import type { OrderLogEntry } from './ports.ts';

/**
 * A reading's day is a calendar day in the campaign's zone, so it is written out as text: a
 * platform timestamp would be shown in the reader's own zone and could land on the wrong day.
 */
const dayText = calendarDate;

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const change = (n: number, one: string) => `${signed(n)} ${Math.abs(n) === 1 ? one : `${one}s`}`;

const DIRECTION_WORDS: Record<TrendDirection, string> = {
  up: 'picking up',
  down: 'slowing down',
  steady: 'holding steady',
};

/** Running total, recent change and direction, for the log reply and `/preorder status`. */
export function orderTrendLines(trend: OrderTrend): RichText[] {
  const { latest } = trend;
  const lines: RichText[] = [
    [
      `Pre-orders so far: ${plural(latest.orders, 'customer order')} and ${plural(latest.pos, 'unit')} on purchase orders (Advantage, ${dayText(latest.day)}).`,
    ],
  ];
  if (trend.sincePrevious) {
    const { day, orders, pos } = trend.sincePrevious;
    lines.push([`Since ${dayText(day)}: ${change(orders, 'customer order')}, ${change(pos, 'purchase-order unit')}.`]);
  }
  if (trend.recent !== null) {
    const week = `Last ${trend.windowDays} days: ${change(trend.recent, 'customer order')}`;
    lines.push([
      trend.earlier === null || trend.direction === null
        ? `${week}.`
        : `${week}, against ${signed(trend.earlier)} the ${trend.windowDays} days before: ${DIRECTION_WORDS[trend.direction]}.`,
    ]);
  }
  if (trend.daysSinceLatest >= 2) {
    lines.push([
      `Last logged ${plural(trend.daysSinceLatest, 'day')} ago; Advantage refreshes daily, so /preorder log keeps this current.`,
    ]);
  }
  return lines;
}

const numbers = (e: Pick<OrderLogEntry, 'orders' | 'pos'>) =>
  `${plural(e.orders, 'customer order')}, ${plural(e.pos, 'purchase-order unit')}`;

export function loggedReply(
  campaign: CampaignRecord,
  entry: OrderLogEntry,
  previous: OrderLogEntry | null,
  trend: OrderTrend | null,
  dayBefore: OrderLogEntry | null,
): Reply {
  const lines: RichText[] = [
    [`"${campaign.title}" (${MARKETPLACE_NAMES[campaign.marketplace]}) on ${dayText(entry.day)}: ${numbers(entry)}.`],
  ];
  if (previous) lines.push([`Replaced what was logged for that day: ${numbers(previous)}.`]);
  if (dayBefore && entry.orders < dayBefore.orders) {
    // The likeliest reason is a member typing the day's new orders instead of the total on screen.
    lines.push([
      `That is fewer customer orders than on ${dayText(dayBefore.day)} (${dayBefore.orders}). Cancellations can do that; if you typed only the day's new orders, log the total Advantage shows instead.`,
    ]);
  }
  if (trend) lines.push(...orderTrendLines(trend));
  if (!previous && trend?.entries === 1) {
    lines.push([
      'Log the totals Advantage shows (not just the new ones); I work out the daily change and the trend from them.',
    ]);
  }
  return reply({
    tone: dayBefore && entry.orders < dayBefore.orders ? 'warning' : 'success',
    title: previous ? `Corrected ${dayText(entry.day)}` : `Recorded ${dayText(entry.day)}`,
    lines,
    actions: [{ id: 'status', label: 'Status', command: `/preorder status campaign:${campaign.id}` }],
  });
}

export function unchangedReply(campaign: CampaignRecord, entry: OrderLogEntry): Reply {
  return reply({
    tone: 'info',
    title: `Already recorded ${dayText(entry.day)}`,
    lines: [[`"${campaign.title}" already has ${numbers(entry)} for ${dayText(entry.day)}; nothing changed.`]],
  });
}
