import { createBoardClassifier } from '../../core/campaign-board.ts';
import type { StepMark } from '../../core/plan-state.ts';
import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import type { ThreadLook, ThreadPhase } from './ports.ts';

/** The campaign's board phase as its thread shows it; a completed campaign reads as released. */
export function threadLook(campaign: CampaignRecord, now: Date): ThreadLook {
  const marks: Partial<Record<MilestoneId, StepMark>> = {};
  for (const p of campaign.progress) marks[p.milestoneId] = { status: p.status, at: p.markedAt };
  const status = createBoardClassifier(now)({
    releaseDate: campaign.releaseDate,
    timeZone: campaign.timeZone,
    marketplace: campaign.marketplace,
    printer: campaign.printer,
    createdAt: campaign.createdAt,
    state: campaign.state,
    marks,
    paused: campaign.remindersPausedAt !== null,
    undeliverable: false,
  });
  const phase: ThreadPhase = status.phase === 'completed' || status.phase === 'cancelled' ? 'released' : status.phase;
  return { title: campaign.title, phase, atRisk: campaign.state === 'active' && status.flags.atRisk };
}
