import { addDays, dayStartMs, localDate } from './local-day.ts';
import { milestoneOrder } from './milestones.ts';
import { dependentsOf, provenBy } from './plan-graph.ts';
import type { PlannedMilestone } from './timeline.ts';
import type { IsoDate, Marketplace, MilestoneId, MilestoneStatus } from './types.ts';

/**
 * Where each step of a plan stands for the member right now, read from the dependency graph and
 * the member's marks, not from the calendar alone. Status, the board, the chart, the calendar
 * and the reminders all read this one assessment, so they never disagree about a step.
 */

export type StepState = 'done' | 'skipped' | 'open' | 'overdue' | 'upcoming' | 'waiting' | 'closed';

export interface StepMark {
  status: MilestoneStatus;
  at: Date;
}

export interface PlanStateInput {
  plan: readonly PlannedMilestone[];
  marketplace: Marketplace;
  /** the member's own marks */
  marks: Partial<Record<MilestoneId, StepMark>>;
  now: Date;
  /** the campaign zone: the daily step's days are its calendar days */
  timeZone: string;
  /** days (campaign zone) on which the daily PO check was confirmed */
  confirmedDays?: readonly IsoDate[];
  /**
   * False: leave the daily PO check out of "next" and of the daily record. The board does, since
   * the check runs through the whole collecting phase and its days are not loaded there.
   */
  daily?: boolean;
}

export interface StepView {
  milestone: PlannedMilestone;
  state: StepState;
  /** done because a later step that proves it is marked done, without a mark of its own */
  implied: boolean;
  /** prerequisites still open (state 'waiting', or a window that closed while waiting) */
  blockedBy: MilestoneId[];
  /** when it can really be done: its opening, or later if its prerequisites were done later */
  availableAt: Date;
  /** the fixed instant it is needed by: its own close, or the opening of a critical window that waits on it */
  deadline: Date | null;
  /** the step whose window sets the deadline: itself, or the step waiting on it */
  deadlineStep: MilestoneId | null;
  /** still open within a week of a critical window that waits on it */
  atRisk: boolean;
}

/** How the daily PO check has gone: days confirmed against days it ran, over the recent past. */
export interface DailyRecord {
  confirmedToday: boolean;
  confirmed: number;
  days: number;
}

export interface PlanState {
  steps: StepView[];
  /** the most urgent step the member can act on; undefined when nothing is left */
  next: StepView | undefined;
  /** windows that closed with the step unmarked (never the daily step) */
  missed: StepView[];
  /** steps the member can act on that put a critical window at risk, soonest deadline first */
  atRisk: StepView[];
  /** the daily PO check, once it has begun (null too when left out with `daily: false`) */
  daily: DailyRecord | null;
  /** today in the campaign zone ('' when the daily check was left out) */
  today: IsoDate;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A prerequisite still open this long before the critical window that needs it is at risk. */
export const AT_RISK_LEAD_MS = 7 * DAY_MS;
/** A critical step opening this soon outranks everything that is merely open. */
export const IMMINENT_MS = DAY_MS;
/** "Confirmed N of the last DAILY_LOOKBACK days". */
export const DAILY_LOOKBACK = 14;

/** Marks as they count: the member's own, plus (in `implied`) the steps a done step proves happened. */
export function effectiveMarks(
  marks: Partial<Record<MilestoneId, StepMark>>,
  marketplace: Marketplace,
): { marks: Map<MilestoneId, StepMark>; implied: Set<MilestoneId> } {
  const out = new Map<MilestoneId, StepMark>();
  const implied = new Set<MilestoneId>();
  const ids = Object.keys(marks) as MilestoneId[];
  for (const id of ids) out.set(id, marks[id]!);
  for (const id of ids) {
    const mark = marks[id]!;
    if (mark.status !== 'done') continue;
    for (const proven of provenBy(id, marketplace)) {
      const existing = out.get(proven);
      // The earliest proof wins: a step is done by the time the first later step was.
      if (!existing || (implied.has(proven) && existing.at > mark.at)) {
        out.set(proven, mark.status === 'done' ? { status: 'done', at: mark.at } : mark);
        implied.add(proven);
      }
    }
  }
  return { marks: out, implied };
}

/** What a step's marks and prerequisites make of it, whatever the time: the reminder plan needs only this. */
export interface StepFacts {
  milestone: PlannedMilestone;
  mark: StepMark | undefined;
  /** the mark is implied by a later step marked done */
  implied: boolean;
  blockedBy: MilestoneId[];
  availableAt: Date;
  /** when the last prerequisite was done (null: none to wait for, or one was skipped without a time) */
  readyAt: Date | null;
  deadline: Date | null;
  deadlineStep: MilestoneId | null;
}

export function stepFacts(
  plan: readonly PlannedMilestone[],
  marks: Partial<Record<MilestoneId, StepMark>>,
  marketplace: Marketplace,
): StepFacts[] {
  const { marks: effective, implied } = effectiveMarks(marks, marketplace);
  const byId = new Map(plan.map((m) => [m.id, m]));
  const deadlines = deadlinesOf(plan, byId, marketplace);
  return plan.map((m) => {
    let ready: number | null = null;
    for (const p of m.after) {
      const pm = effective.get(p);
      if (pm?.status === 'done') ready = Math.max(ready ?? -Infinity, pm.at.getTime());
    }
    const { deadline, deadlineStep } = deadlines.get(m.id)!;
    return {
      milestone: m,
      mark: effective.get(m.id),
      implied: implied.has(m.id),
      blockedBy: m.after.filter((p) => byId.has(p) && !effective.has(p)),
      availableAt: new Date(Math.max(m.opensAt.getTime(), ready ?? -Infinity)),
      readyAt: ready === null ? null : new Date(ready),
      deadline: deadline === null ? null : new Date(deadline),
      deadlineStep,
    };
  });
}

export function assessPlan(input: PlanStateInput): PlanState {
  const { plan, now } = input;
  const t = now.getTime();
  const byId = new Map(plan.map((m) => [m.id, m]));
  const releaseAt = byId.get('release-day')?.opensAt.getTime() ?? Infinity;

  const steps: StepView[] = stepFacts(plan, input.marks, input.marketplace).map((f) => {
    const m = f.milestone;
    const closed = m.closesAt !== null && t >= m.closesAt.getTime();
    let state: StepState;
    if (f.mark) state = f.mark.status;
    else if (closed) state = m.kind === 'daily' ? 'closed' : 'overdue';
    else if (f.blockedBy.length > 0) state = 'waiting';
    else state = t >= f.availableAt.getTime() ? 'open' : 'upcoming';
    const dependentWindow = f.deadlineStep && f.deadlineStep !== m.id ? byId.get(f.deadlineStep) : undefined;
    const atRisk =
      !f.mark &&
      !closed &&
      dependentWindow !== undefined &&
      dependentWindow.critical &&
      f.deadline !== null &&
      t >= f.deadline.getTime() - AT_RISK_LEAD_MS &&
      (dependentWindow.closesAt === null || t < dependentWindow.closesAt.getTime());
    return {
      milestone: m,
      state,
      implied: f.implied,
      blockedBy: f.blockedBy,
      availableAt: f.availableAt,
      deadline: f.deadline,
      deadlineStep: f.deadlineStep,
      atRisk,
    };
  });

  const withDaily = input.daily ?? true;
  const today = withDaily ? localDate(t, input.timeZone) : '';
  const daily = withDaily ? dailyRecord(steps, input, today) : null;
  return {
    steps,
    next: pickNext(
      steps,
      t,
      releaseAt,
      withDaily ? daily : { confirmedToday: true, confirmed: 0, days: 0 },
      input.timeZone,
    ),
    missed: steps.filter((s) => s.state === 'overdue'),
    atRisk: steps
      .filter((s) => s.atRisk && s.state !== 'waiting')
      .sort((a, b) => a.deadline!.getTime() - b.deadline!.getTime() || order(a) - order(b)),
    daily,
    today,
  };
}

/** Deadlines depend on the windows only, so they are the same for every plan of a release instant, site and path. */
const deadlineCache = new Map<
  string,
  Map<MilestoneId, { deadline: number | null; deadlineStep: MilestoneId | null }>
>();
const DEADLINE_CACHE_LIMIT = 20_000;

/**
 * A window's deadline is its own close. A step without a window (an account, a listing, the
 * print files) is needed by the time the first critical window waiting on it opens.
 */
function deadlinesOf(
  plan: readonly PlannedMilestone[],
  byId: ReadonlyMap<MilestoneId, PlannedMilestone>,
  marketplace: Marketplace,
): Map<MilestoneId, { deadline: number | null; deadlineStep: MilestoneId | null }> {
  // Every close and critical opening hangs off R0, and the path shows in the plan's length.
  const key = `${byId.get('release-day')?.opensAt.getTime() ?? 0}|${marketplace}|${plan.length}`;
  const cached = deadlineCache.get(key);
  if (cached) return cached;
  const out = new Map<MilestoneId, { deadline: number | null; deadlineStep: MilestoneId | null }>();
  for (const m of plan) {
    let deadline = m.closesAt?.getTime() ?? null;
    let deadlineStep: MilestoneId | null = deadline === null ? null : m.id;
    if (m.kind === 'asap' || m.kind === 'open-ended') {
      for (const id of dependentsOf(m.id, marketplace)) {
        const dependent = byId.get(id);
        if (!dependent || dependent.kind !== 'window' || !dependent.critical) continue;
        const opens = dependent.opensAt.getTime();
        if (deadline === null || opens <= deadline) {
          deadline = opens;
          deadlineStep = id;
        }
      }
    }
    out.set(m.id, { deadline, deadlineStep });
  }
  if (deadlineCache.size >= DEADLINE_CACHE_LIMIT) deadlineCache.clear();
  deadlineCache.set(key, out);
  return out;
}

const order = (s: StepView): number => milestoneOrder(s.milestone.id);

/**
 * The most urgent step the member can act on: an open critical window first, then a critical
 * window opening within a day, then whatever is due soonest among open and upcoming steps (the
 * daily PO check counts as due tonight, and only while today is unconfirmed), and only when
 * nothing else is left a window that closed unmarked. A step waiting on another is never next:
 * the step it waits on is.
 */
function pickNext(
  steps: readonly StepView[],
  t: number,
  releaseAt: number,
  daily: DailyRecord | null,
  zone: string,
): StepView | undefined {
  let best: { view: StepView; tier: number; key: number } | undefined;
  const consider = (view: StepView, tier: number, key: number) => {
    if (
      !best ||
      tier < best.tier ||
      (tier === best.tier && (key < best.key || (key === best.key && order(view) < order(best.view))))
    ) {
      best = { view, tier, key };
    }
  };
  for (const s of steps) {
    const m = s.milestone;
    const available = s.availableAt.getTime();
    if (s.state === 'open' && m.critical && m.kind === 'window') consider(s, 0, m.closesAt!.getTime());
    else if (s.state === 'upcoming' && m.critical && available - t <= IMMINENT_MS) consider(s, 1, available);
    else if (s.state === 'open' && m.kind === 'daily') {
      if (daily?.confirmedToday) continue;
      consider(s, 2, Math.min(endOfToday(t, zone), m.closesAt?.getTime() ?? Infinity));
    } else if (s.state === 'open')
      consider(s, 2, s.deadline?.getTime() ?? (m.opensAt.getTime() < releaseAt ? releaseAt : Infinity));
    else if (s.state === 'upcoming') consider(s, 2, available);
    else if (s.state === 'overdue') consider(s, 3, m.closesAt!.getTime());
  }
  return best?.view;
}

const endOfToday = (t: number, zone: string): number => dayStartMs(addDays(localDate(t, zone), 1), zone);

function dailyRecord(steps: readonly StepView[], input: PlanStateInput, today: IsoDate): DailyRecord | null {
  const view = steps.find((s) => s.milestone.kind === 'daily');
  if (!view || view.state === 'waiting' || view.state === 'upcoming') return null;
  const zone = input.timeZone;
  const confirmed = new Set(input.confirmedDays ?? []);
  const firstDay = localDate(view.availableAt.getTime(), zone);
  const closes = view.milestone.closesAt;
  const lastDay = closes ? localDate(closes.getTime() - 1, zone) : today;
  const confirmedToday = confirmed.has(today);
  // Days that have ended count, and today once confirmed; the day the listing went live counts only if used.
  const from = [
    confirmed.has(firstDay) ? firstDay : addDays(firstDay, 1),
    addDays(today, -(DAILY_LOOKBACK - 1)),
  ].sort()[1]!;
  const until = [lastDay, confirmedToday ? today : addDays(today, -1)].sort()[0]!;
  let days = 0;
  let count = 0;
  for (let d = from; d <= until; d = addDays(d, 1)) {
    days += 1;
    if (confirmed.has(d)) count += 1;
  }
  return { confirmedToday, confirmed: count, days };
}
