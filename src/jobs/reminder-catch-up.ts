import { nextDigestRow, type DigestCommunity } from '../app/reminders/digest-schedule.ts';
import type { NewReminder, ReminderContext, ReminderOutcome, ReminderRow } from '../app/reminders/ports.ts';
import type { DeliveryOptions } from './reminder-delivery.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Stale reminders become one "missed while I was offline" DM per campaign, never a flood. */
export async function foldMissed(
  deps: Pick<DeliveryOptions, 'queue' | 'logger' | 'metrics'>,
  rows: readonly ReminderRow[],
  outcomes: readonly ReminderOutcome[],
  ctx: ReminderContext,
  now: Date,
): Promise<void> {
  const missedIds = new Set(outcomes.filter((o) => o.type === 'missed').map((o) => o.id));
  if (missedIds.size === 0) return;
  deps.metrics?.remindersMissed(missedIds.size);
  const byCampaign = new Map<string, ReminderRow[]>();
  for (const row of rows) {
    if (!missedIds.has(row.id) || row.target !== 'dm' || !row.campaignId || !row.memberId) continue;
    // A missed summary is about named steps; a stale first-steps nudge is followed by the next one anyway.
    if (row.kind === 'missed-summary' || !row.milestoneId) continue;
    byCampaign.set(row.campaignId, [...(byCampaign.get(row.campaignId) ?? []), row]);
  }
  for (const [campaignId, missed] of byCampaign) {
    const first = missed[0]!;
    if (!ctx.campaigns.has(campaignId)) continue;
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString();
    try {
      await deps.queue.addMissedSummary(
        {
          key: `${campaignId}:missed-summary:dm:${hour}`,
          platform: first.platform,
          communityId: first.communityId,
          campaignId,
          memberId: first.memberId,
          milestoneId: null,
          kind: 'missed-summary',
          target: 'dm',
          dueAt: now,
          expiresAt: new Date(now.getTime() + 7 * DAY_MS),
          critical: false,
        },
        missed.map((r) => ({ milestoneId: r.milestoneId, kind: r.kind, dueAt: r.dueAt.toISOString() })),
        now,
      );
    } catch (error) {
      // One campaign (deleted mid-batch, say) must not cost the others their summary.
      deps.logger.warn({ err: error, campaign: campaignId }, 'could not record the missed-reminders summary');
    }
  }
}

/** Each community with a channel gets its next digest row; idempotent by key, so any process may run it. */
export function digestRows(communities: readonly DigestCommunity[], now: Date): NewReminder[] {
  return communities.map((c) => nextDigestRow(c, now));
}
