import { getMilestone } from '../../core/milestones.ts';
import { SNOOZE_CHOICES } from '../../core/reminder-timing.ts';
import { isMilestoneId } from '../../core/milestones.ts';
import type { MilestoneId } from '../../core/types.ts';
import type { CampaignRecord, CommunityRecord, MemberRecord } from '../ports.ts';
import { at, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { campaignTimeline, listingLine, windowText } from '../services/plan-view.ts';
import { logNumbersAction } from '../tracking/log-action.ts';
import { MODERATOR_NOTICE_KINDS, moderatorNoticeReply } from '../moderation/moderator-notices.ts';
import type { ReminderRow } from './ports.ts';

/** Thrown for a row this version cannot word (an unknown kind or step): the sweeper fails it, visibly. */
export class UnknownReminderError extends Error {
  override readonly name = 'UnknownReminderError';
}

export interface MessageInput {
  row: ReminderRow;
  community: CommunityRecord;
  campaign: CampaignRecord | null;
  member: MemberRecord | null;
  now: Date;
  late: boolean;
}

const SNOOZE_LABEL: Record<(typeof SNOOZE_CHOICES)[number], string> = {
  '1h': 'Snooze 1 h',
  '3h': 'Snooze 3 h',
  tomorrow: 'Tomorrow 09:00',
};

/** Done, the three snoozes and the step's FAQ entry; the campaign id keeps them unambiguous. */
export function reminderActions(campaign: CampaignRecord, milestoneId: MilestoneId, kind = 'now'): ReplyAction[] {
  const target = `${milestoneId} campaign:${campaign.id}`;
  // The daily PO reminder repeats until the day before release: "Done" would end them all.
  const done: ReplyAction[] =
    kind === 'daily' ? [] : [{ id: `done:${milestoneId}`, label: 'Done', command: `/preorder done ${target}` }];
  const log = milestoneId === 'confirm-pos' ? [logNumbersAction(campaign.id)] : [];
  return [
    ...log,
    ...done,
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
  const definition = getMilestone(step.id);
  const zone = campaign.timeZone;
  const lines: RichText[] = [
    [`"${campaign.title}" (${campaign.marketplace}) · ${step.title}`],
    [definition.summary],
    ['Window: ', ...windowText(step, zone)],
  ];
  if (input.row.kind === 'overdue') {
    lines.push([
      'If you did it, mark it done. If not, do it now if you still can, and ask a moderator if pre-orders look at risk.',
    ]);
  }
  if (input.row.kind === 'daily') {
    lines.push(["Confirm today's new purchase orders; I will remind you again tomorrow until the day before release."]);
  }
  if (step.id === 'listing-live') lines.push(listingLine(campaign));
  return reply({
    tone: input.row.kind === 'overdue' ? 'warning' : 'info',
    title: headline(step.title),
    lines: [...lateLine(input), ...lines],
    actions: reminderActions(campaign, step.id, input.row.kind),
  });
}

function channelPost(input: MessageInput, campaign: CampaignRecord): Reply {
  const author = campaign.memberName;
  switch (input.row.kind) {
    case 'channel-listing-live':
      return reply({
        tone: 'success',
        title: `Now on pre-order: "${campaign.title}"`,
        lines: [
          [`${author}'s print edition is up for pre-order on Amazon ${campaign.marketplace}.`],
          listingLine(campaign),
        ],
        visibility: 'public',
      });
    case 'channel-release':
      return reply({
        tone: 'success',
        title: `Release day: "${campaign.title}"`,
        lines: [[`Congratulations to ${author}: "${campaign.title}" is out today on Amazon ${campaign.marketplace}!`]],
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
  const settled = new Set(campaign.progress.map((p) => p.milestoneId));
  const open = campaignTimeline(campaign, campaign.createdAt).filter((m) => m.kind === 'asap' && !settled.has(m.id));
  if (open.length === 0) return null;
  if (open.length === 1) return milestoneDm({ ...input, row: { ...input.row, milestoneId: open[0]!.id } }, campaign);
  const headline = input.row.kind === 'start' ? 'Time to start' : 'Still to do';
  return reply({
    tone: 'info',
    title: `${headline}: ${open.length} first steps for "${campaign.title}"`,
    lines: [
      ...lateLine(input),
      ['These can all be done now, in this order:'],
      ...open.map((m): RichText => [`• ${m.title} (${m.id}): ${getMilestone(m.id).summary}`]),
    ],
    actions: [
      ...open.map((m) => ({
        id: `done:${m.id}`,
        label: `Done: ${m.title}`,
        command: `/preorder done ${m.id} campaign:${campaign.id}`,
      })),
      ...reminderActions(campaign, open[0]!.id).filter((a) => !a.id.startsWith('done:')),
    ],
  });
}

/** Words and actions for one claimed reminder row; null when there is nothing left to say. */
export function reminderMessage(input: MessageInput): Reply | null {
  const { row, campaign } = input;
  if (row.kind === 'dms-closed') return dmsClosedNotice(input);
  if (!campaign) throw new UnknownReminderError(`reminder kind "${row.kind}" needs a campaign`);
  if (row.kind === 'missed-summary') return missedSummary(input, campaign);
  if (MODERATOR_NOTICE_KINDS.has(row.kind)) return moderatorNoticeReply(row.kind, row.payload, campaign, input.now);
  if (row.target === 'channel') return channelPost(input, campaign);
  if (row.milestoneId === null && (row.kind === 'start' || row.kind === 'nudge')) return firstStepsDm(input, campaign);
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
    const settled = new Set(campaign.progress.map((p) => p.milestoneId));
    for (const step of campaignTimeline(campaign, campaign.createdAt)) {
      // Only deadlines: an open-ended step (listing-live, close-aa-account) is no news to the group.
      if (settled.has(step.id) || step.kind !== 'window') continue;
      const opens = step.opensAt.getTime();
      const closes = step.closesAt?.getTime();
      if (opens >= now.getTime() && opens < horizon) {
        items.push({ campaign, milestoneId: step.id, title: step.title, at: step.opensAt, what: 'opens' });
      } else if (closes !== undefined && closes >= now.getTime() && closes < horizon && opens < now.getTime()) {
        items.push({ campaign, milestoneId: step.id, title: step.title, at: step.closesAt!, what: 'closes' });
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function digestReply(community: CommunityRecord, items: readonly DigestItem[]): Reply {
  return reply({
    tone: 'info',
    title: 'Pre-order steps in the next 24 hours',
    lines: items.map((item): RichText => [
      `• "${item.campaign.title}" (${item.campaign.memberName}, ${item.campaign.marketplace}): ${item.title} ${item.what} `,
      at(item.at, item.campaign.timeZone ?? community.defaultTimeZone),
    ]),
    visibility: 'public',
  });
}
