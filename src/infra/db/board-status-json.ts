import type { BoardFlags, BoardNext, BoardPhase, BoardStatus } from '../../core/campaign-board.ts';
import type { MilestoneId } from '../../core/types.ts';

/**
 * A board status as campaign_board.status keeps it: instants as epoch milliseconds, and without the
 * two flags triggers keep in their own columns (undeliverable, paused), which follow other tables.
 */
interface StoredNext extends Omit<BoardNext, 'opensAt' | 'closesAt' | 'expectedBy'> {
  opensAt: number;
  closesAt: number | null;
  expectedBy: number | null;
}

export interface StoredStatus {
  phase: BoardPhase;
  releaseAt: number;
  next: StoredNext | null;
  overdue: boolean;
  atRisk: boolean;
  overdueSteps: MilestoneId[];
  atRiskStep: MilestoneId | null;
  deadline: number | null;
  releasingThisWeek: boolean;
  urgency: number;
  changesAt: number | null;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const date = (n: number | null): Date | null => (n === null ? null : new Date(n));

export function storeStatus(s: BoardStatus): StoredStatus {
  return {
    phase: s.phase,
    releaseAt: s.releaseAt.getTime(),
    next: s.next
      ? {
          id: s.next.id,
          title: s.next.title,
          kind: s.next.kind,
          state: s.next.state,
          opensAt: s.next.opensAt.getTime(),
          closesAt: ms(s.next.closesAt),
          expectedBy: ms(s.next.expectedBy),
        }
      : null,
    overdue: s.flags.overdue,
    atRisk: s.flags.atRisk,
    overdueSteps: s.overdueSteps,
    atRiskStep: s.atRiskStep,
    deadline: ms(s.deadline),
    releasingThisWeek: s.releasingThisWeek,
    urgency: s.urgency,
    changesAt: ms(s.changesAt),
  };
}

/** The status a full classification would give, with the flags read from their columns. */
export function loadStatus(s: StoredStatus, kept: Pick<BoardFlags, 'undeliverable' | 'paused'>): BoardStatus {
  return {
    phase: s.phase,
    releaseAt: new Date(s.releaseAt),
    next: s.next
      ? {
          ...s.next,
          opensAt: new Date(s.next.opensAt),
          closesAt: date(s.next.closesAt),
          expectedBy: date(s.next.expectedBy),
        }
      : null,
    flags: { overdue: s.overdue, atRisk: s.atRisk, undeliverable: kept.undeliverable, paused: kept.paused },
    overdueSteps: s.overdueSteps,
    atRiskStep: s.atRiskStep,
    deadline: date(s.deadline),
    releasingThisWeek: s.releasingThisWeek,
    urgency: s.urgency,
    changesAt: date(s.changesAt),
  };
}
