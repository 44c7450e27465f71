import type { CampaignRecord } from '../ports.ts';
import { onDate, reply, type Reply } from '../reply.ts';
import { planFields, type MilestoneView } from './plan-view.ts';

/** How long a cancelled campaign can be brought back with /preorder restore. */
export const RESTORE_WINDOW_DAYS = 30;

const restoreCommand = (c: CampaignRecord) => `/preorder restore campaign:${c.id}`;

/** The question before a member's own cancel, as the moderators' version asks. */
export function cancelQuestionReply(c: CampaignRecord): Reply {
  return reply({
    tone: 'question',
    title: `Cancel "${c.title}"?`,
    lines: [
      [
        `This stops every reminder of "${c.title}". Its plan, marks and history are kept, and /preorder restore ` +
          `brings it back within ${RESTORE_WINDOW_DAYS} days. Press the button (or add confirm:yes) to go ahead.`,
      ],
    ],
    actions: [
      { id: 'confirm-cancel', label: 'Yes, cancel it', command: `/preorder cancel campaign:${c.id} confirm:yes` },
      { id: 'keep', label: 'Keep it', command: `/preorder status campaign:${c.id}` },
    ],
  });
}

export function cancelledReply(c: CampaignRecord, restoreUntil: Date): Reply {
  return reply({
    tone: 'success',
    title: 'Campaign cancelled',
    lines: [
      [`"${c.title}" is cancelled and gets no more reminders. Its history is kept.`],
      ['Changed your mind? /preorder restore brings it back until ', onDate(restoreUntil, c.timeZone), '.'],
    ],
    actions: [{ id: 'restore', label: 'Undo: bring it back', command: restoreCommand(c) }],
  });
}

export function restoredReply(c: CampaignRecord, views: MilestoneView[]): Reply {
  return reply({
    tone: 'success',
    title: 'Campaign restored',
    lines: [
      [
        `"${c.title}" is active again, with its marks as they were. Reminders still ahead are back on; ` +
          'the ones that fell due while it was cancelled are not sent.',
      ],
    ],
    fields: planFields(c, views),
    actions: [{ id: 'status', label: 'Status', command: `/preorder status campaign:${c.id}` }],
  });
}
