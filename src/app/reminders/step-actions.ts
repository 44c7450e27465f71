import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import type { ReplyAction } from '../reply.ts';

/** The one-tap "done" for a step; for the daily PO check it confirms today only. */
export function doneAction(
  campaign: Pick<CampaignRecord, 'id'>,
  milestoneId: MilestoneId,
  label = 'Done',
): ReplyAction {
  return {
    id: `done:${milestoneId}`,
    label: milestoneId === 'confirm-pos' ? 'Confirmed today' : label,
    command: `/preorder done ${milestoneId} campaign:${campaign.id}`,
  };
}
