import { addDays, daysBetween, localDate, localHourOn } from './local-day.ts';
import { milestoneOrder } from './milestones.ts';
import { AT_RISK_LEAD_MS, stepFacts, type StepFacts, type StepMark } from './plan-state.ts';
import type { PlannedMilestone } from './timeline.ts';
import type { IsoDate, Marketplace, MilestoneId } from './types.ts';

export type ReminderKind =
  | 'start'
  | 'heads-up'
  | 'heads-up-6h'
  | 'now'
  | 'overdue'
  | 'nudge'
  | 'at-risk'
  | 'blocked'
  | 'daily'
  | 'channel-release';

/**
 * `own`: a message of its own at its instant (critical windows, the start of a campaign, channel
 * posts). `morning`: a line in the member's one morning message of that local day.
 */
export type ReminderDelivery = 'own' | 'morning';

export interface PlannedReminder {
  /** Stable across replans, so the scheduler can tell what it has already sent. */
  key: string;
  milestoneId: MilestoneId;
  kind: ReminderKind;
  target: 'dm' | 'channel';
  delivery: ReminderDelivery;
  /** For a morning line, the morning (09:00 member time) it belongs to. */
  dueAt: Date;
  /** after this instant the reminder is stale */
  expiresAt: Date | null;
  critical: boolean;
}

export interface ReminderPlanInput {
  timeline: PlannedMilestone[];
  marketplace: Marketplace;
  marks: Partial<Record<MilestoneId, StepMark>>;
  memberTimeZone: string;
  startedAt: Date;
}

const KIND_ORDER: readonly ReminderKind[] = [
  'start',
  'blocked',
  'at-risk',
  'heads-up',
  'heads-up-6h',
  'now',
  'overdue',
  'nudge',
  'daily',
  'channel-release',
];

/** The member's morning: one message a day at this local hour gathers every non-critical reminder. */
export const MORNING_HOUR = 9;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** An "overdue" DM due at the close is still worth sending a little late, not days later. */
const OVERDUE_GRACE_MS = 24 * HOUR_MS;
/** The last steps happen around midnight and are the easiest to sleep through. */
const EXTRA_HEADS_UP: ReadonlySet<MilestoneId> = new Set(['zero-out-pos', 'check-unconfirmed-pos', 'support-ticket']);
/**
 * While nothing happens a step is mentioned less and less often: these days after it became
 * possible, then weekly. Within TIGHTEN_MS of its deadline every other day, and within the
 * at-risk lead every day.
 */
const THINNING_DAYS: readonly number[] = [1, 2, 4, 7];
const WEEKLY_DAYS = 7;
/** A new listing is usually up within a day or two and at the latest in about three: look daily till then. */
const LISTING_DAYS: readonly number[] = [0, 1, 2, 3, 7];
const TIGHTEN_MS = 14 * DAY_MS;
/** Steps the member only needs to hear about once (the optional account closing). */
const ONCE: ReadonlySet<MilestoneId> = new Set(['close-aa-account']);

interface Slot {
  date: IsoDate;
  at: number;
}

/**
 * Every reminder a campaign should ever get, past ones included: the scheduler decides what is
 * still worth sending, and the keys let it skip what it has sent before. It follows the member,
 * not only the calendar: a step waiting on another gets nothing of its own (the member hears about
 * the step it waits on, with rising urgency as the window that needs it nears), and everything
 * that is not a critical window is a line in one morning message a day.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const days = memberDays(input.startedAt.getTime(), input.memberTimeZone);
  const facts = stepFacts(input.timeline, input.marks, input.marketplace);
  const byId = new Map(input.timeline.map((m) => [m.id, m]));
  const context: PlanContext = {
    out: new PlanWriter(days),
    start: input.startedAt.getTime(),
    releaseAt: byId.get('release-day')?.opensAt.getTime() ?? Infinity,
    closeOf: (id) => byId.get(id)?.closesAt?.getTime() ?? null,
  };
  for (const f of facts) {
    if (f.mark) continue;
    if (f.blockedBy.length > 0) planBlocked(context, f, facts);
    else if (f.milestone.kind === 'daily') planDaily(context, f);
    else if (f.milestone.kind === 'window') planWindow(context, f);
    else planOpenStep(context, f);
  }
  return context.out.sorted();
}

interface PlanContext {
  out: PlanWriter;
  start: number;
  releaseAt: number;
  closeOf: (id: MilestoneId) => number | null;
}

/** Collects the plan's reminders, keyed so the scheduler can tell one it has sent before. */
class PlanWriter {
  private readonly plan: PlannedReminder[] = [];
  constructor(readonly days: Days) {}

  push(
    f: StepFacts,
    kind: ReminderKind,
    delivery: ReminderDelivery,
    dueAt: number,
    expiresAt: number | null,
    target: 'dm' | 'channel' = 'dm',
  ): void {
    const due = new Date(dueAt);
    this.plan.push({
      key: `${f.milestone.id}:${kind}:${target}:${due.toISOString()}`,
      milestoneId: f.milestone.id,
      kind,
      target,
      delivery,
      dueAt: due,
      expiresAt: expiresAt === null ? null : new Date(expiresAt),
      critical: delivery === 'own' && target === 'dm' && (f.milestone.critical || kind === 'blocked'),
    });
  }

  /** A line in that morning's message, good until the next morning's. */
  morning(f: StepFacts, kind: ReminderKind, slot: Slot): void {
    this.push(f, kind, 'morning', slot.at, this.days.slotOn(addDays(slot.date, 1)).at);
  }

  sorted(): PlannedReminder[] {
    return this.plan.sort(
      (a, b) =>
        a.dueAt.getTime() - b.dueAt.getTime() ||
        milestoneOrder(a.milestoneId) - milestoneOrder(b.milestoneId) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.target.localeCompare(b.target),
    );
  }
}

function memberDays(start: number, zone: string): Days {
  const startDate = localDate(start, zone);
  return {
    startDate,
    slotOn: (date) => ({ date, at: localHourOn(date, MORNING_HOUR, zone) }),
    dateOf: (ms) => localDate(ms, zone),
    // The first morning at or after `ms`, never on the day the campaign started: its start DM was that day's.
    slotFrom(ms) {
      let slot = this.slotOn(localDate(ms, zone));
      if (slot.at < ms) slot = this.slotOn(addDays(slot.date, 1));
      return slot.date <= startDate ? this.slotOn(addDays(startDate, 1)) : slot;
    },
  };
}

/**
 * A critical window opening while a non-critical step before it is open gets one timely DM about
 * that step: a member who did it but forgot to mark it would otherwise hear nothing.
 */
function planBlocked({ out }: PlanContext, f: StepFacts, facts: readonly StepFacts[]): void {
  const m = f.milestone;
  const blockers = facts.filter((b) => f.blockedBy.includes(b.milestone.id));
  if (m.kind === 'window' && m.critical && blockers.every((b) => !b.milestone.critical)) {
    out.push(f, 'blocked', 'own', m.opensAt.getTime(), m.closesAt?.getTime() ?? null);
  }
}

/** An as-soon-as-possible or open-ended step: mentioned in the mornings, less often as time goes on. */
function planOpenStep({ out, start, releaseAt, closeOf }: PlanContext, f: StepFacts): void {
  const m = f.milestone;
  const available = f.availableAt.getTime();
  if (m.kind === 'asap' && available <= start) out.push(f, 'start', 'own', start, out.days.slotFrom(start).at);
  const dependentClose = f.deadlineStep ? closeOf(f.deadlineStep) : null;
  const stopAt = m.closesAt?.getTime() ?? dependentClose ?? releaseAt;
  for (const { slot, kind } of mentions(f, available, stopAt, out.days)) out.morning(f, kind, slot);
}

function planDaily({ out }: PlanContext, f: StepFacts): void {
  const closes = f.milestone.closesAt?.getTime() ?? null;
  for (
    let slot = out.days.slotFrom(f.availableAt.getTime());
    closes !== null && slot.at < closes;
    slot = out.days.slotOn(addDays(slot.date, 1))
  ) {
    out.morning(f, 'daily', slot);
  }
}

function planWindow({ out, start }: PlanContext, f: StepFacts): void {
  const m = f.milestone;
  const { days } = out;
  const opens = m.opensAt.getTime();
  const closes = m.closesAt?.getTime() ?? null;
  const available = f.availableAt.getTime();
  if (m.id === 'release-day') out.push(f, 'channel-release', 'own', opens, closes, 'channel');
  if (!m.critical) {
    out.morning(f, 'now', days.slotFrom(opens));
    if (m.escalateAt) out.morning(f, 'overdue', days.slotFrom(m.escalateAt.getTime()));
    return;
  }
  // The heads-up is a line in the last morning message before the window opens; like the
  // 6-hour one, it is only said if the step was no longer waiting on another by then.
  const ready = Math.max(start, f.readyAt?.getTime() ?? -Infinity);
  let headsUp = days.slotOn(days.dateOf(opens - 1));
  if (headsUp.at >= opens) headsUp = days.slotOn(addDays(headsUp.date, -1));
  if (headsUp.date > days.startDate && headsUp.at >= ready) out.morning(f, 'heads-up', headsUp);
  if (EXTRA_HEADS_UP.has(m.id) && opens - 6 * HOUR_MS >= ready) {
    out.push(f, 'heads-up-6h', 'own', opens - 6 * HOUR_MS, opens);
  }
  if (closes === null || available < closes) out.push(f, 'now', 'own', Math.max(opens, available), closes);
  if (closes !== null) out.push(f, 'overdue', 'own', closes, closes + OVERDUE_GRACE_MS);
}

/** Calendar days in the member's zone, as the plan needs them. */
interface Days {
  startDate: IsoDate;
  slotOn(date: IsoDate): Slot;
  slotFrom(ms: number): Slot;
  dateOf(ms: number): IsoDate;
}

/**
 * The mornings on which an open step without a window of its own (an account, a listing, the
 * print files) is mentioned: thinning out from the day it became possible while nothing happens,
 * every other day in the fortnight before the deadline that needs it, and every day in the last
 * week, "at risk" when a critical window waits on it. Nothing from `stopAt` on.
 */
function mentions(f: StepFacts, available: number, stopAt: number, days: Days): { slot: Slot; kind: ReminderKind }[] {
  const m = f.milestone;
  const first = days.slotFrom(available);
  if (first.at >= stopAt) return [];
  if (ONCE.has(m.id)) return [{ slot: first, kind: 'now' }];
  const listing = m.kind === 'open-ended';
  const deadline = f.deadline?.getTime() ?? null;
  const tightenFrom = deadline === null ? stopAt : Math.min(stopAt, deadline - TIGHTEN_MS);
  const mornings = new Map<IsoDate, Slot>();
  const add = (slot: Slot) => {
    if (slot.at >= first.at && slot.at < stopAt) mornings.set(slot.date, slot);
  };

  // Counted from the first morning for a listing (look at it then), from the day it became possible otherwise.
  const base = listing ? first.date : days.dateOf(available);
  const offsets = listing ? LISTING_DAYS : THINNING_DAYS;
  for (let i = 0, d = offsets[0]!; ; i += 1, d = i < offsets.length ? offsets[i]! : d + WEEKLY_DAYS) {
    const slot = days.slotOn(addDays(base, d));
    if (slot.at >= tightenFrom) break;
    add(slot);
  }
  if (deadline !== null) {
    const deadlineDate = days.dateOf(deadline);
    for (
      let slot = days.slotFrom(Math.max(available, tightenFrom));
      slot.at < stopAt;
      slot = days.slotOn(addDays(slot.date, 1))
    ) {
      if (slot.at >= deadline - AT_RISK_LEAD_MS || daysBetween(slot.date, deadlineDate) % 2 === 0) add(slot);
    }
  }

  const riskFrom = deadline === null ? Infinity : deadline - AT_RISK_LEAD_MS;
  const dependent = f.deadlineStep !== null && f.deadlineStep !== m.id;
  return [...mornings.values()]
    .sort((a, b) => a.at - b.at)
    .map((slot, i) => ({
      slot,
      kind: dependent && slot.at >= riskFrom ? 'at-risk' : listing && i === 0 ? 'now' : 'nudge',
    }));
}
