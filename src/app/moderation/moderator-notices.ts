import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CampaignRecord, Platform } from '../ports.ts';
import { onDate, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import type { NewReminder } from '../reminders/ports.ts';
import { campaignPlan, nextStepLine } from '../campaigns/plan-view.ts';
import { advantageDateLine, campaignFeasibility, feasibilityLines } from '../campaigns/feasibility.ts';
import { doneAction } from '../reminders/step-actions.ts';

/**
 * DMs that tell a member what a moderator did to their campaign. They are reminder rows like any
 * other (written in the same transaction as the change, delivered by the sweeper through quiet
 * hours, retries and closed DMs), but no plan makes them: replanning, pausing and cancelling
 * leave them alone, and they are delivered even for a cancelled or paused campaign.
 */
export const MODERATOR_NOTICE_KINDS: ReadonlySet<string> = new Set(['moderator-change', 'moderator-nudge']);

export type ModeratorChange = 'paused' | 'resumed' | 'shifted' | 'cancelled';

export interface NoticePayload {
  change?: ModeratorChange;
  /** release dates for a shift */
  from?: string;
  to?: string;
  note?: string;
}

const DAY_MS = 86_400_000;

export function moderatorNotice(
  campaign: Pick<CampaignRecord, 'id' | 'communityId' | 'memberId'>,
  platform: Platform,
  kind: 'moderator-change' | 'moderator-nudge',
  payload: NoticePayload,
  now: Date,
): NewReminder {
  return {
    // A random part: two moderator actions in the same millisecond are still two messages.
    key: `${campaign.id}:${kind}:${payload.change ?? 'nudge'}:${now.toISOString()}:${randomUUID().slice(0, 8)}`,
    platform,
    communityId: campaign.communityId,
    campaignId: campaign.id,
    memberId: campaign.memberId,
    milestoneId: null,
    kind,
    target: 'dm',
    critical: false,
    dueAt: now,
    // A nudge is about today; a change stays worth telling for a week (quiet hours, an outage).
    expiresAt: new Date(now.getTime() + (kind === 'moderator-nudge' ? 1 : 7) * DAY_MS),
    payload: { ...payload },
  };
}

function noteLine(payload: NoticePayload): RichText[] {
  return payload.note ? [[`Note from the moderator: ${payload.note}`]] : [];
}

function nextStepLines(campaign: CampaignRecord, now: Date): { lines: RichText[]; actions: ReplyAction[] } {
  const plan = campaign.state === 'active' ? campaignPlan(campaign, now) : undefined;
  const status: ReplyAction = { id: 'status', label: 'Status', command: `/preorder status campaign:${campaign.id}` };
  const line = plan ? nextStepLine(campaign, plan) : null;
  if (!plan?.next || !line) return { lines: [], actions: [status] };
  return { lines: [line], actions: [doneAction(campaign, plan.next.milestone.id), status] };
}

/** A release date is a calendar day in the campaign zone: its start there, shown as a date. */
const releaseDay = (iso: string | undefined, zone: string): RichText =>
  iso ? [onDate(DateTime.fromISO(iso, { zone }).toJSDate(), zone)] : ['(unknown)'];

/** After a new date: Advantage's publish date has to follow, and the listing may no longer make it in time. */
function shiftLines(campaign: CampaignRecord, payload: NoticePayload, now: Date): RichText[] {
  if (campaign.state !== 'active' || !payload.to) return [];
  const plan = campaignPlan(campaign, now);
  const advantage = advantageDateLine(campaign, plan, payload.to);
  return [...(advantage ? [advantage] : []), ...feasibilityLines(campaign, campaignFeasibility(campaign, now, plan))];
}

/** Words for a moderator notice row; the payload says what changed, the campaign is read as it is now. */
export function moderatorNoticeReply(kind: string, payload: NoticePayload, campaign: CampaignRecord, now: Date): Reply {
  const title = `"${campaign.title}"`;
  const next = nextStepLines(campaign, now);
  if (kind === 'moderator-nudge') {
    return reply({
      tone: 'info',
      title: `A nudge from a moderator: ${title}`,
      lines: [
        ['A moderator of your community asked me to remind you about your pre-order campaign.'],
        ...noteLine(payload),
        ...next.lines,
      ],
      actions: next.actions,
    });
  }
  switch (payload.change) {
    case 'paused':
      return reply({
        tone: 'warning',
        title: `Reminders paused for ${title}`,
        lines: [
          ['A moderator paused the reminders for this campaign: I will send none until they resume them.'],
          ['Your plan and progress are kept; /preorder status still shows them.'],
          ...noteLine(payload),
        ],
        actions: next.actions.filter((a) => a.id === 'status'),
      });
    case 'resumed':
      return reply({
        tone: 'success',
        title: `Reminders resumed for ${title}`,
        lines: [
          [
            'A moderator resumed the reminders: steps still ahead are reminded as planned; what fell due while paused is not sent now.',
          ],
          ...noteLine(payload),
          ...next.lines,
        ],
        actions: next.actions,
      });
    case 'shifted':
      return reply({
        tone: 'warning',
        title: `New release date for ${title}`,
        lines: [
          [
            'A moderator moved the release date from ',
            ...releaseDay(payload.from, campaign.timeZone),
            ' to ',
            ...releaseDay(payload.to, campaign.timeZone),
            '. Every step not yet done is replanned; steps already done stay done.',
          ],
          ...shiftLines(campaign, payload, now),
          ...noteLine(payload),
          ...next.lines,
        ],
        actions: next.actions,
      });
    case 'cancelled':
      return reply({
        tone: 'warning',
        title: `${title} was cancelled by a moderator`,
        lines: [
          [
            'It gets no more reminders; its history is kept. If this is a mistake, ask a moderator, or start again with /preorder start.',
          ],
          ...noteLine(payload),
        ],
      });
    default:
      throw new Error(`unknown moderator change "${String(payload.change)}"`);
  }
}
