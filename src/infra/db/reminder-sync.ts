import type { CampaignRecord, Platform } from '../../app/ports.ts';
import type { DesiredReminder } from '../../app/reminders/ports.ts';
import { MODERATOR_NOTICE_KINDS } from '../../app/moderation/moderator-notices.ts';
import { UNPLANNED_KINDS } from '../../app/reminders/reminder-policy.ts';
import type { Prisma } from './generated/client.ts';
import { insertReminders } from './reminder-insert.ts';

/**
 * Daily PO reminders are stored a week ahead, not until release (up to ~90 rows a campaign, which
 * made /preorder start three times slower); the sweeper replans a campaign whenever it settles
 * one of them, which rolls the week forward. Every other reminder is stored in full, so a
 * campaign whose daily reminders stopped still gets its windows.
 */
export const DAILY_HORIZON_MS = 7 * 86_400_000;

export type ReminderPolicy = (campaign: CampaignRecord, memberTimeZone: string | null) => DesiredReminder[];

export interface SyncSubject {
  campaign: CampaignRecord;
  platform: Platform;
  memberTimeZone: string | null;
}

/**
 * Brings a campaign's stored reminders in line with its plan, inside the caller's transaction so
 * a change and its reminders commit together: pending rows the plan no longer wants are
 * cancelled, cancelled rows it wants again (an undo) come back if still ahead, and new ones are
 * inserted. Sent rows are never touched, and a key that exists is never inserted twice.
 */
export async function syncCampaignReminders(
  tx: Prisma.TransactionClient,
  subject: SyncSubject,
  policy: ReminderPolicy,
  now: Date,
): Promise<void> {
  const { campaign } = subject;
  const desired = policy(campaign, subject.memberTimeZone);
  const wanted = new Set(desired.map((d) => d.key));
  const settled = new Set<string>(campaign.progress.map((p) => p.milestoneId));
  const live = await tx.reminder.findMany({
    where: { campaignId: campaign.id, state: { in: ['pending', 'cancelled'] } },
    select: { id: true, key: true, state: true, kind: true, milestoneId: true, dueAt: true },
  });

  const paused = campaign.remindersPausedAt !== null;
  // A moderator's notice tells the member about this very change (a pause, a cancel): it always stays.
  const stillWanted = (r: (typeof live)[number]) =>
    wanted.has(r.key) ||
    MODERATOR_NOTICE_KINDS.has(r.kind) ||
    (UNPLANNED_KINDS.has(r.kind) &&
      campaign.state === 'active' &&
      !paused &&
      !(r.milestoneId && settled.has(r.milestoneId)));
  const cancel = live.filter((r) => r.state === 'pending' && !stillWanted(r)).map((r) => r.id);
  if (cancel.length > 0) {
    await tx.reminder.updateMany({
      where: { id: { in: cancel }, state: 'pending' },
      data: { state: 'cancelled', lastError: 'no longer in the plan', updatedAt: now },
    });
  }
  const byKey = new Map(desired.map((d) => [d.key, d]));
  for (const row of live) {
    const want = byKey.get(row.key);
    // An undo brings a cancelled reminder back at the plan's instant now (a redone listing-live
    // announces at the new mark), as long as that is still ahead.
    if (row.state !== 'cancelled' || !want || want.dueAt < now) continue;
    await tx.reminder.update({
      where: { id: row.id },
      data: {
        state: 'pending',
        dueAt: want.dueAt,
        runAt: want.dueAt,
        expiresAt: want.expiresAt,
        lastError: null,
        updatedAt: now,
      },
    });
  }

  const known = new Set(live.map((r) => r.key));
  const horizon = now.getTime() + DAILY_HORIZON_MS;
  const fresh = desired.filter(
    (d) =>
      !known.has(d.key) && d.dueAt.getTime() >= now.getTime() && (d.kind !== 'daily' || d.dueAt.getTime() < horizon),
  );
  if (fresh.length === 0) return;
  // A key already sent (and so not among the live rows) stays sent: never a second copy.
  await insertReminders(
    tx,
    fresh.map((d) => ({
      ...d,
      platform: subject.platform,
      communityId: campaign.communityId,
      campaignId: campaign.id,
      memberId: campaign.memberId,
    })),
    now,
  );
}
