import type { FieldError } from '../../core/errors.ts';
import type { PlanState } from '../../core/plan-state.ts';
import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import { at, reply, type Reply } from '../reply.ts';

/**
 * Marking kdp-publish done before its window opens asks first: the Advantage pre-order only works
 * while the book is unpublished on KDP, so an early Publish is worth a second look, and the plain
 * command changes nothing. Null when no question is needed.
 */
export function confirmEarlyPublish(
  campaign: CampaignRecord,
  plan: PlanState,
  id: MilestoneId,
  now: Date,
): Reply | null {
  if (id !== 'kdp-publish') return null;
  const step = plan.steps.find((s) => s.milestone.id === id);
  if (!step || step.state === 'done' || step.state === 'skipped' || now >= step.milestone.opensAt) return null;
  const zone = campaign.timeZone;
  return reply({
    tone: 'question',
    title: 'Publish on KDP before the window?',
    lines: [
      [
        `The KDP publish window for "${campaign.title}" opens `,
        at(step.milestone.opensAt, zone),
        ', 48 hours before release day begins. The pre-order through Amazon Advantage only works while the book is not yet published on KDP, so publishing earlier can end it.',
      ],
      [
        'If you have not pressed Publish yet, please wait: I will remind you when the window opens. If you already did, confirm below and I will plan the rest from there.',
      ],
    ],
    actions: [
      {
        id: 'confirm-early-publish',
        label: 'I already pressed Publish',
        command: `/preorder done kdp-publish campaign:${campaign.id} confirm:yes`,
      },
      { id: 'status', label: 'Status', command: `/preorder status campaign:${campaign.id}` },
    ],
  });
}

/** Why today's PO check cannot be confirmed, or null when it can. */
export function dailyCheckError(campaign: CampaignRecord, plan: PlanState): FieldError | null {
  const step = plan.steps.find((s) => s.milestone.id === 'confirm-pos');
  if (!step) return null;
  switch (step.state) {
    case 'skipped':
      return {
        field: 'milestone',
        code: 'invalid',
        message: `You skipped the daily purchase-order check on "${campaign.title}". /preorder undo confirm-pos brings it back.`,
      };
    case 'waiting':
      return {
        field: 'milestone',
        code: 'invalid',
        message:
          'Purchase orders only come in once your Advantage listing is live. If it is, mark that first: /preorder done listing-live.',
        choices: ['listing-live'],
      };
    case 'closed':
      return {
        field: 'milestone',
        code: 'invalid',
        message: `The daily purchase-order check on "${campaign.title}" ended an hour before release day began; there is nothing to confirm now.`,
      };
    default:
      return null;
  }
}
