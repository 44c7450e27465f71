import { DateTime } from 'luxon';
import { milestoneOrder } from './milestones.ts';
import type { MilestoneId, MilestoneStatus } from './types.ts';
import type { PlannedMilestone } from './timeline.ts';

export type ReminderKind =
  'start' | 'heads-up' | 'heads-up-6h' | 'now' | 'overdue' | 'nudge' | 'daily' | 'channel-release';

export interface PlannedReminder {
  /** Stable across replans, so the scheduler can tell what it has already sent. */
  key: string;
  milestoneId: MilestoneId;
  kind: ReminderKind;
  target: 'dm' | 'channel';
  dueAt: Date;
  /** after this instant the reminder is stale */
  expiresAt: Date | null;
  critical: boolean;
}

export interface ReminderPlanInput {
  timeline: PlannedMilestone[];
  statuses: Partial<Record<MilestoneId, MilestoneStatus>>;
  memberTimeZone: string;
  startedAt: Date;
}

const KIND_ORDER: readonly ReminderKind[] = [
  'start',
  'heads-up',
  'heads-up-6h',
  'now',
  'overdue',
  'nudge',
  'daily',
  'channel-release',
];

/** Local hour for the once-a-day DMs: a sociable time, whatever the campaign zone. */
const DAILY_HOUR = 9;
const MAX_NUDGE_DAYS = 7;
/** The last steps happen around midnight and are the easiest to sleep through. */
const EXTRA_HEADS_UP: ReadonlySet<MilestoneId> = new Set(['zero-out-pos', 'check-unconfirmed-pos', 'support-ticket']);

const HOUR_MS = 3_600_000;
/** An "overdue" DM due at the close is still worth sending a little late, not days later. */
const OVERDUE_GRACE_HOURS = 24;

/** The first member-local 09:00 strictly after `instant`; luxon keeps it 09:00 across DST. */
function nextDailySlot(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  const today = local.set({ hour: DAILY_HOUR, minute: 0, second: 0, millisecond: 0 });
  return today > local ? today : today.plus({ days: 1 });
}

function remindersFor(
  milestone: PlannedMilestone,
  input: ReminderPlanInput,
): Omit<PlannedReminder, 'key' | 'critical' | 'milestoneId'>[] {
  const dm = (kind: ReminderKind, dueAt: Date, expiresAt: Date | null = null) => ({
    kind,
    target: 'dm' as const,
    dueAt,
    expiresAt,
  });
  const { opensAt, closesAt } = milestone;

  if (milestone.id === 'release-day') {
    return [dm('now', opensAt, closesAt), { ...dm('channel-release', opensAt, closesAt), target: 'channel' }];
  }

  switch (milestone.kind) {
    case 'asap': {
      const first = nextDailySlot(input.startedAt, input.memberTimeZone);
      // Each DM goes stale when the next one is due, so a long outage never sends a pile of them.
      const nudges = Array.from({ length: MAX_NUDGE_DAYS }, (_, i) =>
        dm('nudge', first.plus({ days: i }).toJSDate(), first.plus({ days: i + 1 }).toJSDate()),
      );
      return [dm('start', input.startedAt, first.toJSDate()), ...nudges];
    }
    case 'open-ended':
      return milestone.escalateAt ? [dm('now', opensAt), dm('nudge', milestone.escalateAt)] : [dm('now', opensAt)];
    case 'daily': {
      const out: ReturnType<typeof dm>[] = [];
      // Inclusive of opensAt itself: done at exactly 09:00 still gets that morning's reminder.
      let slot = nextDailySlot(new Date(opensAt.getTime() - 1), input.memberTimeZone);
      while (closesAt && slot.toMillis() < closesAt.getTime()) {
        const next = slot.plus({ days: 1 });
        // A daily reminder is stale once the next one is due (or the window has closed).
        const expires = Math.min(next.toMillis(), closesAt.getTime());
        out.push(dm('daily', slot.toJSDate(), new Date(expires)));
        slot = next;
      }
      return out;
    }
    case 'window': {
      const shift = (at: Date, h: number): Date => new Date(at.getTime() + h * HOUR_MS);
      // A heads-up is pointless once the window is open: the "now" DM says the same.
      const out = [dm('heads-up', shift(opensAt, -24), opensAt)];
      if (EXTRA_HEADS_UP.has(milestone.id)) out.push(dm('heads-up-6h', shift(opensAt, -6), opensAt));
      out.push(dm('now', opensAt, closesAt));
      if (closesAt) out.push(dm('overdue', closesAt, shift(closesAt, OVERDUE_GRACE_HOURS)));
      return out;
    }
  }
}

/**
 * Every reminder a campaign should ever get, past ones included: the scheduler decides what is
 * still worth sending, and the keys let it skip what it has sent before.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const plan: PlannedReminder[] = [];
  for (const milestone of input.timeline) {
    if (input.statuses[milestone.id]) continue;
    for (const r of remindersFor(milestone, input)) {
      plan.push({
        key: `${milestone.id}:${r.kind}:${r.target}:${r.dueAt.toISOString()}`,
        milestoneId: milestone.id,
        critical: milestone.critical,
        ...r,
      });
    }
  }
  return plan.sort(
    (a, b) =>
      a.dueAt.getTime() - b.dueAt.getTime() ||
      milestoneOrder(a.milestoneId) - milestoneOrder(b.milestoneId) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.target.localeCompare(b.target),
  );
}
