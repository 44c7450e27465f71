import { DateTime } from 'luxon';
import { hookTimes, markBit, templateFor, withHook, type BoardStep, type TimedMark } from './board-plan.ts';
import { fail, ok, type Result } from './errors.ts';
import { MILESTONES } from './milestones.ts';
import type { MilestoneKind } from './timeline.ts';
import { pathForPrinter } from './types.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from './types.ts';

export { boardPlan, markBit, markMask, TIMED_MARKS } from './board-plan.ts';
export type { BoardPlanInput, BoardStep, TimedMark } from './board-plan.ts';

/**
 * The moderators' board: where each campaign of a community stands, what it needs next and
 * whether someone should step in. Pure rules over a compact campaign and a clock.
 */

export const BOARD_FILTERS = [
  'active',
  'releasing-this-week',
  'overdue',
  'at-risk',
  'undeliverable',
  'completed',
  'cancelled',
] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];
export const DEFAULT_BOARD_FILTER: BoardFilter = 'active';

export function parseBoardFilter(input: string, field = 'filter'): Result<BoardFilter> {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const found = BOARD_FILTERS.find((f) => f === text);
  return found
    ? ok(found)
    : fail(field, 'invalid', `${field} must be one of ${BOARD_FILTERS.join(', ')}.`, [...BOARD_FILTERS]);
}

/**
 * Where a campaign is in the process. Active campaigns move through the first four by the clock
 * and the member's marks; the last two are the campaign's end state.
 */
export const BOARD_PHASES = ['setting-up', 'collecting', 'launch', 'released', 'completed', 'cancelled'] as const;
export type BoardPhase = (typeof BOARD_PHASES)[number];

export const PHASE_LABELS: Record<BoardPhase, string> = {
  'setting-up': 'Setting up',
  collecting: 'Collecting pre-orders',
  launch: 'Launch window',
  released: 'Released',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export type CampaignState = 'active' | 'completed' | 'cancelled';

export interface BoardCampaign {
  releaseDate: IsoDate;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  createdAt: Date;
  state: CampaignState;
  /** steps marked done or skipped, as a bitmask (see markMask) */
  marked: number;
  /** when TIMED_MARKS steps were marked done (a skipped step has no time here) */
  doneAt: Partial<Record<TimedMark, Date>>;
  /** a moderator paused its reminders */
  paused: boolean;
  /** the member's DMs are closed or a reminder failed for good */
  undeliverable: boolean;
}

export type StepState = 'open' | 'overdue' | 'upcoming';

export interface BoardNext {
  id: MilestoneId;
  title: string;
  kind: MilestoneKind;
  state: StepState;
  opensAt: Date;
  closesAt: Date | null;
  expectedBy: Date | null;
}

export interface BoardFlags {
  /** a windowed step's window closed with the step unmarked */
  overdue: boolean;
  /** a critical window opens within 48 hours (or is open) while an earlier step that is already open is unmarked */
  atRisk: boolean;
  undeliverable: boolean;
  paused: boolean;
}

export interface BoardStatus {
  phase: BoardPhase;
  /** midnight starting release day in the campaign's zone */
  releaseAt: Date;
  next: BoardNext | null;
  flags: BoardFlags;
  overdueSteps: MilestoneId[];
  /** the critical step that makes the campaign at risk */
  atRiskStep: MilestoneId | null;
  /** the earliest window still to close on an unmarked step: what urgency sorts by */
  deadline: Date | null;
  releasingThisWeek: boolean;
  /** smaller is more urgent; see compareUrgency */
  urgency: number;
}

const HOUR_MS = 3_600_000;
const AT_RISK_LEAD_MS = 48 * HOUR_MS;
const LAUNCH_LEAD_MS = 48 * HOUR_MS;
const RELEASING_DAYS = 7;

const TITLES = new Map(MILESTONES.map((m) => [m.id, m.title]));

/** When a step is due for sorting the candidates for "next": its close, else when it is expected. */
const dueOf = (s: BoardStep) => s.closesAt ?? s.expectedBy ?? s.opensAt;

function stateOf(step: BoardStep, now: number): StepState {
  if (step.closesAt !== null && now >= step.closesAt) return 'overdue';
  return now >= step.opensAt ? 'open' : 'upcoming';
}

/*
 * Urgency as one number, smaller first, so 10,000 campaigns sort without comparing objects:
 * overdue, then at risk, then other active campaigns, each by the soonest deadline (none last, by
 * release); ended campaigns last, newest release first. Millisecond instants stay below 5e13
 * until the year 3500, so each band fits inside 1e14 and the sum stays an exact integer.
 */
const BAND = 1e14;
const NO_DEADLINE = 5e13;

function urgencyOf(state: CampaignState, flags: BoardFlags, deadline: number | null, midnight: number): number {
  if (state !== 'active') return 3 * BAND + (NO_DEADLINE - midnight);
  const band = flags.overdue ? 0 : flags.atRisk ? 1 : 2;
  return band * BAND + (deadline ?? NO_DEADLINE + midnight);
}

const LISTING_BIT = markBit('listing-live');
const INGRAM_SETUP_BIT = markBit('ingram-preorder-setup');

/** Returns a classifier bound to one instant; it keeps per-zone "today" between campaigns. */
export function createBoardClassifier(now: Date): (campaign: BoardCampaign) => BoardStatus {
  const t = now.getTime();
  const weekByZone = new Map<string, { from: IsoDate; to: IsoDate }>();
  const weekIn = (zone: string) => {
    let week = weekByZone.get(zone);
    if (!week) {
      const today = DateTime.fromJSDate(now, { zone });
      week = { from: today.toISODate()!, to: today.plus({ days: RELEASING_DAYS - 1 }).toISODate()! };
      weekByZone.set(zone, week);
    }
    return week;
  };

  return (c) => {
    const week = weekIn(c.timeZone);
    const active = c.state === 'active';
    const releasingThisWeek = active && c.releaseDate >= week.from && c.releaseDate <= week.to;
    const marked = c.marked;
    const { midnight, steps } = templateFor(c.releaseDate, c.timeZone, c.marketplace, c.printer);
    if (!active) return endedStatus(c, midnight);
    const hooks = hookTimes(c.createdAt, c.doneAt);

    // One pass in plan order. The step a moderator wants next is the unmarked one due soonest
    // among those still open or ahead; the daily PO confirmation only when nothing else is left
    // (it runs through the whole collecting phase, which the phase already says), and a closed
    // window only when nothing is ahead: overdue steps are shown by the flag.
    const overdueSteps: MilestoneId[] = [];
    let atRiskStep: MilestoneId | null = null;
    let earlierUndone = false;
    let deadline: number | null = null;
    let best: BoardStep | undefined;
    let daily: BoardStep | undefined;
    let closedFirst: BoardStep | undefined;
    for (const planned of steps) {
      if ((marked & planned.bit) !== 0) continue;
      const step = planned.hook === null ? planned : withHook(planned, planned.hook, hooks);
      const closed = step.closesAt !== null && t >= step.closesAt;
      if (closed) {
        if (step.kind === 'window') overdueSteps.push(step.id);
        if (!closedFirst || step.closesAt! < closedFirst.closesAt!) closedFirst = step;
      } else {
        if (step.closesAt !== null && (deadline === null || step.closesAt < deadline)) deadline = step.closesAt;
        if (step.kind === 'daily') daily ??= step;
        else if (!best || dueOf(step) < dueOf(best)) best = step;
        if (step.critical && step.opensAt - t <= AT_RISK_LEAD_MS && earlierUndone) atRiskStep ??= step.id;
      }
      // Only a step that could have been done by now puts what follows at risk; the daily PO
      // confirmation is never finished before its window ends, so it blocks nothing.
      if (step.kind !== 'daily' && step.opensAt <= t) earlierUndone = true;
    }

    const next = active ? (best ?? daily ?? closedFirst) : undefined;
    const setupDone = (marked & (pathForPrinter(c.printer) === 'aa' ? LISTING_BIT : INGRAM_SETUP_BIT)) !== 0;
    const phase: BoardPhase =
      c.state !== 'active'
        ? c.state
        : t >= midnight
          ? 'released'
          : t >= midnight - LAUNCH_LEAD_MS
            ? 'launch'
            : setupDone
              ? 'collecting'
              : 'setting-up';
    const flags: BoardFlags = {
      overdue: active && overdueSteps.length > 0,
      atRisk: active && atRiskStep !== null,
      undeliverable: c.undeliverable,
      paused: active && c.paused,
    };
    const due = active ? deadline : null;

    return {
      phase,
      releaseAt: new Date(midnight),
      next: next
        ? {
            id: next.id,
            title: TITLES.get(next.id)!,
            kind: next.kind,
            state: stateOf(next, t),
            opensAt: new Date(next.opensAt),
            closesAt: next.closesAt === null ? null : new Date(next.closesAt),
            expectedBy: next.expectedBy === null ? null : new Date(next.expectedBy),
          }
        : null,
      flags,
      overdueSteps: active ? overdueSteps : [],
      atRiskStep: active ? atRiskStep : null,
      deadline: due === null ? null : new Date(due),
      releasingThisWeek,
      urgency: urgencyOf(c.state, flags, due, midnight),
    };
  };
}

/** An ended campaign has no next step, deadline or warnings to chase: its steps need no look. */
function endedStatus(c: BoardCampaign, midnight: number): BoardStatus {
  const flags: BoardFlags = { overdue: false, atRisk: false, undeliverable: c.undeliverable, paused: false };
  return {
    phase: c.state as BoardPhase,
    releaseAt: new Date(midnight),
    next: null,
    flags,
    overdueSteps: [],
    atRiskStep: null,
    deadline: null,
    releasingThisWeek: false,
    urgency: urgencyOf(c.state, flags, null, midnight),
  };
}

/**
 * Which campaigns a filter shows. The warning filters look at active campaigns only: an ended
 * campaign has nothing left for a moderator to chase.
 */
export function matchesBoardFilter(filter: BoardFilter, state: CampaignState, status: BoardStatus): boolean {
  switch (filter) {
    case 'active':
      return state === 'active';
    case 'releasing-this-week':
      return state === 'active' && status.releasingThisWeek;
    case 'overdue':
      return state === 'active' && status.flags.overdue;
    case 'at-risk':
      return state === 'active' && status.flags.atRisk;
    case 'undeliverable':
      return state === 'active' && status.flags.undeliverable;
    case 'completed':
      return state === 'completed';
    case 'cancelled':
      return state === 'cancelled';
  }
}

export interface Rankable {
  status: Pick<BoardStatus, 'urgency'>;
  /** breaks remaining ties so pages are stable, e.g. the title then the id */
  tiebreak: string;
}

/**
 * Most urgent first: overdue, then at risk, then the soonest deadline (none last), then the
 * earliest release. Ended campaigns, which have no deadlines, come newest release first.
 */
export function compareUrgency(a: Rankable, b: Rankable): number {
  const d = a.status.urgency - b.status.urgency;
  if (d !== 0) return d;
  return a.tiebreak < b.tiebreak ? -1 : a.tiebreak > b.tiebreak ? 1 : 0;
}
