import type { StepMark } from '../../core/plan-state.ts';
import type { MilestoneId } from '../../core/types.ts';

/**
 * Marks as the plan reads them, from campaigns.progress_marks (settled ids, comma-separated) and
 * progress_done (JSON: id to the epoch ms it was marked done). A skipped step carries the
 * campaign's start, since no time is kept for it.
 */
export function marksFromSummary(
  settled: string,
  doneJson: string,
  createdAt: Date,
): Partial<Record<MilestoneId, StepMark>> {
  const marks: Partial<Record<MilestoneId, StepMark>> = {};
  if (settled === '') return marks;
  const done = JSON.parse(doneJson) as Record<string, number>;
  // A CHECK constraint on milestone_progress keeps these to MILESTONE_IDS.
  for (const id of settled.split(',') as MilestoneId[]) {
    const at = done[id];
    marks[id] = at === undefined ? { status: 'skipped', at: createdAt } : { status: 'done', at: new Date(at) };
  }
  return marks;
}
