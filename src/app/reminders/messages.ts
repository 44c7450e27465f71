import { getMilestone, isMilestoneId, stepSummary } from '../../core/milestones.ts';
import { MARKETPLACE_NAMES, marketplaceLabel } from '../../core/names.ts';
import { SNOOZE_CHOICES } from '../../core/reminder-timing.ts';
import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord, CommunityRecord } from '../ports.ts';
import { at, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { campaignPlan, campaignTimeline, listingLine, supportTicketText, windowText } from '../campaigns/plan-view.ts';
import { logNumbersAction } from '../tracking/log-action.ts';
import { MODERATOR_NOTICE_KINDS, moderatorNoticeReply } from '../moderation/moderator-notices.ts';
import { morningMessage } from './morning-message.ts';
import { MORNING_KIND } from './policy.ts';
import type { MessageInput, ReminderRow } from './ports.ts';
import { doneAction } from './step-actions.ts';

/** Thrown for a row this version cannot word (an unknown kind or step): the sweeper fails it, visibly. */
export class UnknownReminderError extends Error {
  override readonly name = 'UnknownReminderError';
}

const SNOOZE_LABEL: Record<(typeof SNOOZE_CHOICES)[number], string> = {
  '1h': 'Snooze 1 h',
  '3h': 'Snooze 3 h',
  tomorrow: 'Tomorrow 09:00',
};

/** Done, the three snoozes and the step's FAQ entry; the campaign id keeps them unambiguous. */
export function reminderActions(campaign: CampaignRecord, milestoneId: MilestoneId): ReplyAction[] {
  const target = `${milestoneId} campaign:${campaign.id}`;
  const log = milestoneId === 'confirm-pos' ? [logNumbersAction(campaign.id)] : [];
  return [
    doneAction(campaign, milestoneId),
    ...log,
    ...SNOOZE_CHOICES.map((choice) => ({
      id: `snooze-${choice}:${milestoneId}`,
      label: SNOOZE_LABEL[choice],
      command: `/preorder snooze ${target} for:${choice}`,
    })),
    {
      id: `faq:${getMilestone(milestoneId).faqTopic}`,
      label: 'What does this mean?',
      command: `/preorder faq ${getMilestone(milestoneId).faqTopic}`,
    },
  ];
}

function stepOf(row: ReminderRow, campaign: CampaignRecord) {
  const id = row.milestoneId;
  if (!id || !isMilestoneId(id)) throw new UnknownReminderError(`unknown milestone "${String(id)}"`);
  const planned = campaignTimeline(campaign, campaign.createdAt).find((m) => m.id === id);
  if (!planned) throw new UnknownReminderError(`"${id}" is not a step of this campaign any more`);
  return planned;
}

// 'heads-up', 'nudge' and 'daily' are morning lines now; rows an older version stored still get words.
const HEADLINES: Record<string, (title: string) => string> = {
  start: (t) => `Time to start: ${t}`,
  'heads-up': (t) => `Tomorrow: ${t}`,
  'heads-up-6h': (t) => `In 6 hours: ${t}`,
  now: (t) => `Now open: ${t}`,
  overdue: (t) => `Window closed, not marked done: ${t}`,
  nudge: (t) => `Still to do: ${t}`,
  daily: (t) => `Today: ${t}`,
  snooze: (t) => `Snoozed reminder: ${t}`,
};

/** What to do right after the PO step, and what to do when its window closed unmarked. */
const AFTER_PO_STEP =
  'Straight after, ask Advantage to hand the title over to KDP: mark this step done and I send you the support-ticket text.';
const PO_STEP_CLOSED =
  'If you did it, mark it done, then open the support ticket right away: its window runs until release day begins.';

function kindLines(kind: string, step: MilestoneId, campaign: CampaignRecord, now: Date): RichText[] {
  const poStep = step === 'zero-out-pos' || step === 'check-unconfirmed-pos';
  if (kind === 'overdue') {
    return [[poStep ? PO_STEP_CLOSED : 'If you did it, mark it done. If not, do it now if you still can.']];
  }
  if (kind === 'now' && poStep) return [[AFTER_PO_STEP]];
  if (kind === 'now' && step === 'support-ticket') {
    return [['Text to paste into the ticket: ', supportTicketText(campaign, campaignPlan(campaign, now))]];
  }
  return [];
}

function lateLine(input: MessageInput): RichText[] {
  if (!input.late) return [];
  const zone = input.campaign?.timeZone ?? input.community.defaultTimeZone;
  return [['(Sent late: I was offline when this was due, ', at(input.row.dueAt, zone), '.)']];
}

/** A DM about one step of one campaign. */
function milestoneDm(input: MessageInput, campaign: CampaignRecord): Reply {
  const step = stepOf(input.row, campaign);
  const headline = HEADLINES[input.row.kind];
  if (!headline) throw new UnknownReminderError(`unknown reminder kind "${input.row.kind}"`);
  const zone = campaign.timeZone;
  const lines: RichText[] = [
    [`"${campaign.title}" (${MARKETPLACE_NAMES[campaign.marketplace]}) · ${step.title}`],
    [stepSummary(step.id, campaign.marketplace)],
    ['Window: ', ...windowText(step, zone)],
    ...kindLines(input.row.kind, step.id, campaign, input.now),
  ];
  if (step.id === 'listing-live') lines.push(listingLine(campaign));
  return reply({
    tone: input.row.kind === 'overdue' ? 'warning' : 'info',
    title: headline(step.title),
    lines: [...lateLine(input), ...lines],
    actions: reminderActions(campaign, step.id),
  });
}

/**
 * A critical window has opened while a step it needs is not marked done: either the member did it
 * and forgot to say, or the window cannot be used as planned. Say which steps, and what to do.
 */
function blockedDm(input: MessageInput, campaign: CampaignRecord): Reply | null {
  const step = stepOf(input.row, campaign);
  const plan = campaignPlan(campaign, input.now);
  const view = plan.steps.find((s) => s.milestone.id === step.id);
  if (!view || view.state !== 'waiting') return null;
  const blockers = view.blockedBy.map((id) => getMilestone(id));
  const zone = campaign.timeZone;
  const lines: RichText[] = [
    [
      `"${campaign.title}" (${MARKETPLACE_NAMES[campaign.marketplace]}) · ${step.title}: open now, until `,
      at(step.closesAt!, zone),
      '.',
    ],
    [`Not marked done yet: ${blockers.map((b) => `${b.title} (${b.id})`).join(', ')}.`],
    ['If you have done them, mark them done now and I will tell you to go ahead.'],
  ];
  if (step.id === 'kdp-publish') {
    lines.push([
      'Do not press Publish on KDP while your Advantage listing is not live: the pre-order runs through that listing. ' +
        'If it cannot be live in time, move your release date (in Advantage as well, with /preorder edit release:…), ' +
        'or ask about the IngramSpark path: /preorder faq aa-vs-ingram.',
    ]);
  }
  return reply({
    tone: 'warning',
    title: `${step.title}: waiting on ${blockers.length === 1 ? 'one step' : `${blockers.length} steps`}`,
    lines: [...lateLine(input), ...lines],
    actions: [...blockers.map((b) => doneAction(campaign, b.id, `Done: ${b.title}`)), statusAction(campaign)],
  });
}

const statusAction = (campaign: Pick<CampaignRecord, 'id'>): ReplyAction => ({
  id: 'status',
  label: 'Status',
  command: `/preorder status campaign:${campaign.id}`,
});

function channelPost(input: MessageInput, campaign: CampaignRecord): Reply {
  const author = campaign.memberName;
  switch (input.row.kind) {
    case 'channel-listing-live':
      return reply({
        tone: 'success',
        title: `Now on pre-order: "${campaign.title}"`,
        lines: [
          [`The print edition by ${author} is up for pre-order on ${marketplaceLabel(campaign.marketplace)}.`],
          listingLine(campaign),
        ],
        visibility: 'public',
      });
    case 'channel-release':
      return reply({
        tone: 'success',
        title: `Release day: "${campaign.title}"`,
        lines: [
          [
            `Congratulations to ${author}: "${campaign.title}" is out today on ${MARKETPLACE_NAMES[campaign.marketplace]}!`,
          ],
        ],
        visibility: 'public',
      });
    default:
      throw new UnknownReminderError(`unknown channel post kind "${input.row.kind}"`);
  }
}

/** The channel post that replaces a critical DM the platform refused; the adapter adds the one mention. */
export function fallbackPost(original: Reply, campaign: CampaignRecord): Reply {
  return reply({
    tone: 'warning',
    title: `${original.title} (for ${campaign.memberName})`,
    lines: [
      [`I could not reach ${campaign.memberName} by direct message, and this step cannot wait.`],
      ...original.lines,
      ['To get these as DMs again: allow direct messages from this server, then run /preorder settings dms:on.'],
    ],
    actions: original.actions,
    visibility: 'public',
  });
}

function missedSummary(input: MessageInput, campaign: CampaignRecord): Reply {
  const items = ((input.row.payload.items as { milestoneId?: string; kind?: string }[] | undefined) ?? []).filter(
    (i) => i.milestoneId && isMilestoneId(i.milestoneId),
  );
  const steps = [...new Set(items.map((i) => i.milestoneId as MilestoneId))];
  const settled = new Map(campaign.progress.map((p) => [p.milestoneId, p.status]));
  return reply({
    tone: 'warning',
    title: `Missed while I was offline: "${campaign.title}"`,
    lines: [
      ['I was offline when these reminders were due, and their moment has passed, so here they are in one message:'],
      ...steps.map((id): RichText => {
        const mark = settled.get(id);
        return [`• ${getMilestone(id).title} (${id})${mark ? ` — already marked ${mark}` : ''}`];
      }),
      ['Check /preorder status for what is open now.'],
    ],
    actions: [{ id: 'status', label: 'Status', command: `/preorder status campaign:${campaign.id}` }],
  });
}

function dmsClosedNotice(input: MessageInput): Reply {
  const name = input.member?.displayName ?? 'A member';
  const title = input.campaign ? ` about "${input.campaign.title}"` : '';
  return reply({
    tone: 'warning',
    title: `Direct messages to ${name} are blocked`,
    lines: [
      [
        `The platform refused my reminder${title}. I will not retry DMs to ${name}; critical steps will be posted in the announcement channel with a mention instead.`,
      ],
      [`${name} can turn reminders back on with /preorder settings dms:on after allowing DMs.`],
    ],
    visibility: 'public',
  });
}

/**
 * The first steps' shared start or nudge DM: lists those still open, or says nothing (null) once
 * all are settled. With one step left it is that step's own DM, with every action.
 */
function firstStepsDm(input: MessageInput, campaign: CampaignRecord): Reply | null {
  // The steps that can be done right now; those waiting on them come up as they open.
  const open = campaignPlan(campaign, input.now)
    .steps.filter((s) => s.milestone.kind === 'asap' && (s.state === 'open' || s.state === 'upcoming'))
    .map((s) => s.milestone);
  if (open.length === 0) return null;
  if (open.length === 1) return milestoneDm({ ...input, row: { ...input.row, milestoneId: open[0]!.id } }, campaign);
  const headline = input.row.kind === 'start' ? 'Time to start' : 'Still to do';
  return reply({
    tone: 'info',
    title: `${headline}: ${open.length} first steps for "${campaign.title}"`,
    lines: [
      ...lateLine(input),
      ['These can be done now; the rest of the plan follows from them:'],
      ...open.map((m): RichText => [`• ${m.title} (${m.id}): ${stepSummary(m.id, campaign.marketplace)}`]),
      ["From tomorrow I gather what's due each day into one morning message; critical windows get their own."],
    ],
    actions: [
      ...open.map((m) => doneAction(campaign, m.id, `Done: ${m.title}`)),
      ...reminderActions(campaign, open[0]!.id).filter((a) => !a.id.startsWith('done:')),
    ],
  });
}

/** Words and actions for one claimed reminder row; null when there is nothing left to say. */
export function reminderMessage(input: MessageInput): Reply | null {
  const { row, campaign } = input;
  if (row.kind === 'dms-closed') return dmsClosedNotice(input);
  if (row.kind === MORNING_KIND) return morningMessage(input);
  if (!campaign) throw new UnknownReminderError(`reminder kind "${row.kind}" needs a campaign`);
  if (row.kind === 'missed-summary') return missedSummary(input, campaign);
  if (MODERATOR_NOTICE_KINDS.has(row.kind)) return moderatorNoticeReply(row.kind, row.payload, campaign, input.now);
  if (row.target === 'channel') return channelPost(input, campaign);
  if (row.milestoneId === null && (row.kind === 'start' || row.kind === 'nudge')) return firstStepsDm(input, campaign);
  if (row.kind === 'blocked') return blockedDm(input, campaign);
  return milestoneDm(input, campaign);
}

export interface DigestItem {
  campaign: CampaignRecord;
  milestoneId: MilestoneId;
  title: string;
  at: Date;
  what: 'opens' | 'closes';
}

/** What the group has due in the next 24 hours, soonest first. */
export function digestItems(campaigns: readonly CampaignRecord[], now: Date): DigestItem[] {
  const horizon = now.getTime() + 86_400_000;
  const items: DigestItem[] = [];
  for (const campaign of campaigns) {
    for (const view of campaignPlan(campaign, now).steps) {
      const step = view.milestone;
      // Only deadlines the member can act on: an open-ended step is no news to the group, and a
      // step still waiting on an earlier one is not going to happen in its window as planned.
      if (step.kind !== 'window' || !['open', 'upcoming'].includes(view.state)) continue;
      const opens = view.availableAt.getTime();
      const closes = step.closesAt?.getTime();
      if (opens >= now.getTime() && opens < horizon) {
        items.push({ campaign, milestoneId: step.id, title: step.title, at: view.availableAt, what: 'opens' });
      } else if (closes !== undefined && closes >= now.getTime() && closes < horizon && opens < now.getTime()) {
        items.push({ campaign, milestoneId: step.id, title: step.title, at: step.closesAt!, what: 'closes' });
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** `threads`: campaign id → the channel id of its Discord forum post, linked after its line. */
export function digestReply(
  community: CommunityRecord,
  items: readonly DigestItem[],
  threads: ReadonlyMap<string, string> = new Map(),
): Reply {
  return reply({
    tone: 'info',
    title: 'Pre-order steps in the next 24 hours',
    lines: items.map((item): RichText => {
      const thread = threads.get(item.campaign.id);
      return [
        `• "${item.campaign.title}" (${item.campaign.memberName}, ${MARKETPLACE_NAMES[item.campaign.marketplace]}): ${item.title} ${item.what} `,
        at(item.at, item.campaign.timeZone ?? community.defaultTimeZone),
        ...(thread ? [' · ', { channel: thread }] : []),
      ];
    }),
    visibility: 'public',
  });
}
