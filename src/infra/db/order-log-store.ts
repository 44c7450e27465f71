import type { OrderLogEntry, OrderLogStore, OrderLogWrite } from '../../app/tracking/ports.ts';
import { ORDER_LOG_ACTIONS } from '../../app/tracking/ports.ts';
import { isUniqueViolation, toDate, toIso } from './sql-values.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';

/**
 * OrderLog semantics: a row is the cumulative figure Amazon Advantage displayed for a campaign on
 * one calendar day of the campaign's zone (`day`), NOT that day's new orders. `orders` counts
 * customer orders, `pos` the units on Amazon's purchase orders. One row per (campaign, day);
 * logging the same day again replaces it.
 *
 * Consequences for anyone reading `order_logs` directly:
 * - a campaign's running total is its row with the greatest `day`, never SUM over its rows;
 * - a group total is the sum over campaigns of each campaign's newest row, e.g.
 *     SELECT SUM(orders), SUM(pos) FROM (
 *       SELECT DISTINCT ON (campaign_id) orders, pos FROM order_logs
 *       WHERE campaign_id IN (…) ORDER BY campaign_id, day DESC) latest;
 * - growth over a period is the newest reading at its end minus the newest reading at or before
 *   its start (src/core/order-trend.ts), and may be negative when buyers cancel.
 */
type Row = Prisma.OrderLogGetPayload<object>;

const toEntry = (row: Row): OrderLogEntry => ({
  day: toIso(row.day),
  orders: row.orders,
  pos: row.pos,
  loggedBy: row.loggedBy,
  loggedAt: row.loggedAt,
});

export class PrismaOrderLogStore implements OrderLogStore {
  constructor(private readonly prisma: PrismaClient) {}

  async listEntries(campaignId: string): Promise<OrderLogEntry[]> {
    const rows = await this.prisma.orderLog.findMany({ where: { campaignId }, orderBy: { day: 'asc' } });
    return rows.map(toEntry);
  }

  async upsertEntry(
    input: OrderLogWrite,
    actorId: string,
    now: Date,
  ): Promise<{ entry: OrderLogEntry; previous: OrderLogEntry | null }> {
    try {
      return await this.write(input, actorId, now);
    } catch (error) {
      // Two first logs of one day raced and the other insert won: this one is now a correction.
      if (!isUniqueViolation(error)) throw error;
      return this.write(input, actorId, now);
    }
  }

  private write(input: OrderLogWrite, actorId: string, now: Date) {
    const key = { campaignId_day: { campaignId: input.campaignId, day: toDate(input.day) } };
    const values = { orders: input.orders, pos: input.pos, loggedBy: actorId, loggedAt: now };
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.orderLog.findUnique({ where: key });
      const row = before
        ? await tx.orderLog.update({ where: key, data: values })
        : await tx.orderLog.create({ data: { campaignId: input.campaignId, day: toDate(input.day), ...values } });
      const previous = before ? toEntry(before) : null;
      await tx.auditEntry.create({
        data: {
          communityId: input.communityId,
          campaignId: input.campaignId,
          actorId,
          action: previous ? ORDER_LOG_ACTIONS.corrected : ORDER_LOG_ACTIONS.logged,
          details: {
            day: input.day,
            orders: input.orders,
            pos: input.pos,
            ...(previous ? { was: { orders: previous.orders, pos: previous.pos } } : {}),
          },
          at: now,
        },
      });
      return { entry: toEntry(row), previous };
    });
  }

  async latestEntries(campaignIds: readonly string[]): Promise<Map<string, OrderLogEntry>> {
    if (campaignIds.length === 0) return new Map();
    // DISTINCT ON in SQL: Prisma's own `distinct` would fetch every reading and drop them in memory.
    // The day comes back as text so no driver turns a DATE into a local-midnight instant.
    const rows = await this.prisma.$queryRawUnsafe<
      { campaign_id: string; day: string; orders: number; pos: number; logged_by: string | null; logged_at: Date }[]
    >(
      `SELECT DISTINCT ON (campaign_id) campaign_id, to_char(day, 'YYYY-MM-DD') AS day, orders, pos, logged_by, logged_at
         FROM order_logs WHERE campaign_id = ANY($1::text[]) ORDER BY campaign_id, day DESC`,
      [...campaignIds],
    );
    return new Map(
      rows.map((r) => [
        r.campaign_id,
        { day: r.day, orders: r.orders, pos: r.pos, loggedBy: r.logged_by, loggedAt: new Date(r.logged_at) },
      ]),
    );
  }
}
