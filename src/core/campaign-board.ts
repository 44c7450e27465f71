import { DateTime } from 'luxon';
import { fail, ok, type Result } from './errors.ts';
import { getMilestone } from './milestones.ts';
import { LAUNCH_LEAD_MS, nextBoardBoundary, RELEASING_DAYS } from './board-boundary.ts';
import { assessPlan, type StepMark, type StepState, type StepView } from './plan-state.ts';
import { planTimeline, type MilestoneKind } from './timeline.ts';
import { pathForPrinter } from './types.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from './types.ts';

/**
 * The moderators' board: where each campaign of a community stands, what it needs next and
 * whether someone should step in. It reads the same plan assessment as the member's status, so
 * the two never disagree about a step.
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
  /** the member's marks: done with when, or skipped */
  marks: Partial<Record<MilestoneId, StepMark>>;
  /** a moderator paused its reminders */
  paused: boolean;
  /** the member's DMs are closed or a reminder failed for good */
  undeliverable: boolean;
}

export interface BoardNext {
  id: MilestoneId;
  title: string;
  kind: MilestoneKind;
  state: 'open' | 'overdue' | 'upcoming';
  opensAt: Date;
  closesAt: Date | null;
  expectedBy: Date | null;
}

export interface BoardFlags {
  /** a step's window closed with the step unmarked (never the daily PO check) */
  overdue: boolean;
  /** a step a critical window waits on is still open within a week of that window */
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
  /** the next instant at which the clock alone may change this status; null: it never will */
  changesAt: Date | null;
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

/** Steps whose settling ends the setting-up phase, by path. */
const SETUP_STEP = { aa: 'listing-live', ingram: 'ingram-preorder-setup' } as const;
const UNSETTLED: ReadonlySet<StepState> = new Set(['open', 'upcoming', 'waiting']);

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
    const plan = planTimeline({
      releaseDate: c.releaseDate,
      timeZone: c.timeZone,
      marketplace: c.marketplace,
      printer: c.printer,
      now,
      startedAt: c.createdAt,
      done: doneTimes(c.marks),
    });
    const midnight = plan.find((m) => m.id === 'release-day')!.opensAt.getTime();
    if (!active) return endedStatus(c, midnight);
    // The daily PO check runs through the whole collecting phase, which the phase already says: the
    // board's "next" looks past it to the next step with a date.
    const state = assessPlan({
      plan,
      marketplace: c.marketplace,
      marks: c.marks,
      now,
      timeZone: c.timeZone,
      daily: false,
    });

    const deadline = firstDeadline(state.steps, t);
    const risky = state.steps.find((s) => s.atRisk);
    const setup = state.steps.find((s) => s.milestone.id === SETUP_STEP[pathForPrinter(c.printer)]);
    const setupDone = setup !== undefined && (setup.state === 'done' || setup.state === 'skipped');
    const phase: BoardPhase =
      t >= midnight ? 'released' : t >= midnight - LAUNCH_LEAD_MS ? 'launch' : setupDone ? 'collecting' : 'setting-up';
    const flags: BoardFlags = {
      overdue: state.missed.length > 0,
      atRisk: risky !== undefined,
      undeliverable: c.undeliverable,
      paused: c.paused,
    };
    const next = state.next;
    const changesAt = nextBoardBoundary({
      steps: state.steps,
      now: t,
      releaseAt: midnight,
      releaseDate: c.releaseDate,
      timeZone: c.timeZone,
    });
    return {
      phase,
      releaseAt: new Date(midnight),
      next: next ? boardNext(next) : null,
      flags,
      overdueSteps: state.missed.map((s) => s.milestone.id),
      atRiskStep: risky?.deadlineStep ?? null,
      deadline: deadline === null ? null : new Date(deadline),
      releasingThisWeek: c.releaseDate >= week.from && c.releaseDate <= week.to,
      urgency: urgencyOf(c.state, flags, deadline, midnight),
      changesAt: changesAt === null ? null : new Date(changesAt),
    };
  };
}

/** The earliest window still to close on an unmarked step: what urgency sorts by. */
function firstDeadline(steps: readonly StepView[], t: number): number | null {
  let deadline: number | null = null;
  for (const s of steps) {
    const closes = s.milestone.closesAt?.getTime();
    if (UNSETTLED.has(s.state) && closes !== undefined && closes > t && (deadline === null || closes < deadline)) {
      deadline = closes;
    }
  }
  return deadline;
}

function boardNext(next: StepView): BoardNext {
  return {
    id: next.milestone.id,
    title: getMilestone(next.milestone.id).title,
    kind: next.milestone.kind,
    state: next.state as BoardNext['state'],
    opensAt: next.availableAt,
    closesAt: next.milestone.closesAt,
    expectedBy: next.milestone.expectedBy,
  };
}

function doneTimes(marks: BoardCampaign['marks']): Partial<Record<MilestoneId, Date>> {
  const done: Partial<Record<MilestoneId, Date>> = {};
  for (const [id, mark] of Object.entries(marks) as [MilestoneId, StepMark][])
    if (mark.status === 'done') done[id] = mark.at;
  return done;
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
    changesAt: null,
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
