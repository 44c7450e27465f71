import type { CampaignRecord, Platform } from '../../app/ports.ts';
import type { DesiredReminder, NewReminder } from '../../app/reminders/ports.ts';
import { MODERATOR_NOTICE_KINDS } from '../../app/moderation/moderator-notices.ts';
import { UNPLANNED_KINDS } from '../../app/reminders/policy.ts';
import type { Prisma, ReminderState } from './generated/client.ts';
import { insertOrMoveReminders } from './reminder-insert.ts';
import { toCampaign, type CampaignRow } from './campaign-rows.ts';

/**
 * Daily PO reminders are stored a week ahead, not until release (up to ~90 rows a campaign, which
 * made /preorder start three times slower); the sweeper replans a campaign whenever it settles
 * one of them, which rolls the week forward. Every other reminder is stored in full, so a
 * campaign whose daily reminders stopped still gets its windows.
 */
export const DAILY_HORIZON_MS = 7 * 86_400_000;

/** Kinds stored only a week ahead and rolled forward as they are sent. */
const ROLLED_KINDS: ReadonlySet<string> = new Set(['daily', 'morning']);

export type ReminderPolicy = (campaign: CampaignRecord, memberTimeZone: string | null) => DesiredReminder[];

export interface SyncSubject {
  campaign: CampaignRecord;
  platform: Platform;
  memberTimeZone: string | null;
  /** Created in this transaction: none of its own reminders can be stored yet. */
  fresh?: boolean;
}

/** Replans a campaign row just read or written in `tx`. */
export async function replanRow(
  tx: Prisma.TransactionClient,
  row: CampaignRow,
  policy: ReminderPolicy,
  now: Date,
  how: { fresh?: boolean } = {},
): Promise<void> {
  await syncCampaignReminders(
    tx,
    {
      campaign: toCampaign(row),
      platform: row.member.platform,
      memberTimeZone: row.member.timeZone,
      fresh: how.fresh === true,
    },
    policy,
    now,
  );
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
  const all = policy(campaign, subject.memberTimeZone);
  const inHorizon = storedNow(all, now);
  // A member's mornings are shared by all their campaigns (stored with no campaign), so one
  // campaign's plan never cancels them; a morning with nothing left to say is skipped when it comes.
  // The insert below stores new ones, brings back cancelled ones, and moves pending ones only for
  // the member's own zone (their setting), so campaigns in two zones never pull a morning back and
  // forth. One already sent stays as it was.
  const mornings = storedRows(
    subject,
    all.filter((d) => d.memberWide && inHorizon(d)),
    null,
  );
  const desired = all.filter((d) => !d.memberWide);
  const live: LiveRow[] = subject.fresh
    ? []
    : await tx.reminder.findMany({
        where: { campaignId: campaign.id, state: { in: ['pending', 'cancelled'] } },
        select: { id: true, key: true, state: true, kind: true, milestoneId: true, dueAt: true },
      });
  await cancelUnwanted(tx, campaign, live, new Set(desired.map((d) => d.key)), now);
  await reviveWanted(tx, live, desired, now);

  const known = new Set(live.map((r) => r.key));
  const fresh = desired.filter((d) => !known.has(d.key) && inHorizon(d));
  // One statement for both: a key already stored (a sent one is not among the live rows) is never
  // stored twice; only the mornings may move.
  await insertOrMoveReminders(tx, [...mornings, ...storedRows(subject, fresh, campaign.id)], now, {
    movable: mornings.map((m) => m.key),
    movePending: subject.memberTimeZone !== null,
  });
}

interface LiveRow {
  id: bigint;
  key: string;
  state: ReminderState;
  kind: string;
  milestoneId: string | null;
  dueAt: Date;
}

/**
 * Which of the plan's reminders are stored now: everything ahead, except rolled kinds beyond the
 * week ahead. At least the next one of each rolled kind is kept: settling it rolls the rest
 * forward, so a gap longer than the horizon (weekly nudges) must not end the chain.
 */
function storedNow(all: readonly DesiredReminder[], now: Date): (d: DesiredReminder) => boolean {
  const firstAhead = new Map<string, number>();
  for (const d of all) {
    const due = d.dueAt.getTime();
    if (ROLLED_KINDS.has(d.kind) && due > now.getTime() && due < (firstAhead.get(d.kind) ?? Infinity)) {
      firstAhead.set(d.kind, due);
    }
  }
  const horizon = now.getTime() + DAILY_HORIZON_MS;
  return (d) =>
    d.dueAt.getTime() >= now.getTime() &&
    (!ROLLED_KINDS.has(d.kind) || d.dueAt.getTime() < horizon || d.dueAt.getTime() === firstAhead.get(d.kind));
}

async function cancelUnwanted(
  tx: Prisma.TransactionClient,
  campaign: CampaignRecord,
  live: readonly LiveRow[],
  wanted: ReadonlySet<string>,
  now: Date,
): Promise<void> {
  const paused = campaign.remindersPausedAt !== null;
  const settled = new Set<string>(campaign.progress.map((p) => p.milestoneId));
  // A moderator's notice tells the member about this very change (a pause, a cancel): it always stays.
  const stillWanted = (r: LiveRow) =>
    wanted.has(r.key) ||
    MODERATOR_NOTICE_KINDS.has(r.kind) ||
    (UNPLANNED_KINDS.has(r.kind) &&
      campaign.state === 'active' &&
      !paused &&
      !(r.milestoneId && settled.has(r.milestoneId)));
  const cancel = live.filter((r) => r.state === 'pending' && !stillWanted(r)).map((r) => r.id);
  if (cancel.length === 0) return;
  await tx.reminder.updateMany({
    where: { id: { in: cancel }, state: 'pending' },
    data: { state: 'cancelled', lastError: 'no longer in the plan', updatedAt: now },
  });
}

/**
 * An undo brings a cancelled reminder back at the plan's instant now (a redone listing-live
 * announces at the new mark), as long as that is still ahead.
 */
async function reviveWanted(
  tx: Prisma.TransactionClient,
  live: readonly LiveRow[],
  desired: readonly DesiredReminder[],
  now: Date,
): Promise<void> {
  const byKey = new Map(desired.map((d) => [d.key, d]));
  for (const row of live) {
    const want = byKey.get(row.key);
    if (row.state !== 'cancelled' || !want || want.dueAt < now) continue;
    await tx.reminder.update({ where: { id: row.id }, data: pendingAgain(want, now) });
  }
}

/** The rows to insert for a subject's new reminders. */
const storedRows = (
  subject: SyncSubject,
  fresh: readonly DesiredReminder[],
  campaignId: string | null,
): NewReminder[] =>
  fresh.map((d) => ({
    ...d,
    platform: subject.platform,
    communityId: subject.campaign.communityId,
    campaignId,
    memberId: subject.campaign.memberId,
  }));

/** A stored row made pending again at the plan's instant. */
const pendingAgain = (d: DesiredReminder, now: Date) => ({
  state: 'pending' as const,
  dueAt: d.dueAt,
  runAt: d.dueAt,
  expiresAt: d.expiresAt,
  lastError: null,
  updatedAt: now,
});
