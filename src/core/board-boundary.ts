import { addDays, dayStartMs } from './local-day.ts';
import { AT_RISK_LEAD_MS, IMMINENT_MS, type StepView } from './plan-state.ts';
import type { IsoDate } from './types.ts';

/** How many calendar days "releasing this week" spans, today included. */
export const RELEASING_DAYS = 7;
/** The launch phase starts this long before release-day midnight. */
export const LAUNCH_LEAD_MS = 48 * 3_600_000;

export interface BoundaryInput {
  /** the plan assessed at `now` (the daily step left out, as the board does) */
  steps: readonly StepView[];
  now: number;
  /** midnight starting release day in the campaign zone */
  releaseAt: number;
  releaseDate: IsoDate;
  timeZone: string;
}

/**
 * The first instant after `now` at which the clock alone could change an active campaign's board
 * status, so a kept status can be trusted until then. Every threshold the board's classification
 * and plan assessment compare the time with is a candidate: a window opening or closing, a step
 * becoming available or imminent, the at-risk lead before a deadline, the launch and release
 * instants, and the days "releasing this week" begins and ends. Returning an instant too early only
 * costs a needless recomputation; one too late would leave the board wrong, so every comparison
 * with the time belongs here.
 */
export function nextBoardBoundary(input: BoundaryInput): number | null {
  const { now } = input;
  let next: number | null = null;
  const consider = (ms: number | null | undefined) => {
    if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= now) return;
    if (next === null || ms < next) next = ms;
  };
  for (const s of input.steps) {
    const available = s.availableAt.getTime();
    consider(available);
    consider(available - IMMINENT_MS);
    consider(s.milestone.opensAt.getTime());
    consider(s.milestone.closesAt?.getTime());
    if (s.deadline) consider(s.deadline.getTime() - AT_RISK_LEAD_MS);
  }
  consider(input.releaseAt);
  consider(input.releaseAt - LAUNCH_LEAD_MS);
  consider(dayStartMs(addDays(input.releaseDate, -(RELEASING_DAYS - 1)), input.timeZone));
  consider(dayStartMs(addDays(input.releaseDate, 1), input.timeZone));
  return next;
}
