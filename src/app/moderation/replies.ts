import { getMilestone, isMilestoneId } from '../../core/milestones.ts';
import type { AuditRecord, CampaignRecord } from '../ports.ts';
import { at, onDate, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { campaignPlan, milestoneViews, planFields, stepWhen } from '../campaigns/plan-view.ts';
import type { CampaignActivity } from './ports.ts';

/** Audit actions as a moderator reads them; an action not listed here is shown by its id. */
const ACTION_TEXT: Record<string, string> = {
  'campaign.started': 'started the campaign',
  'campaign.edited': 'edited the campaign',
  'campaign.cancelled': 'cancelled the campaign',
  'campaign.completed': 'completed the campaign',
  'campaign.reopened': 'reopened the campaign',
  'campaign.restored': 'restored the campaign after cancelling it',
  'milestone.done': 'marked done',
  'milestone.skipped': 'skipped',
  'milestone.undone': 'reopened a step',
  'orders.logged': 'logged orders',
  'orders.corrected': 'corrected an order log',
  'moderator.paused': 'paused reminders (moderator)',
  'moderator.resumed': 'resumed reminders (moderator)',
  'moderator.shifted': 'shifted the release date (moderator)',
  'moderator.cancelled': 'cancelled the campaign (moderator)',
  'moderator.nudged': 'sent a nudge (moderator)',
};

export const campaignCommand = (c: Pick<CampaignRecord, 'id'>, rest = '') =>
  `/preorder-admin campaign campaign:${c.id}${rest ? ` ${rest}` : ''}`;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `release 2027-03-15 → 2027-04-01`, `milestone kdp-publish`, `note: …`: details in a line. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${key} ${valueText(change.from)} → ${valueText(change.to)}`;
      }
      if (key === 'milestone' && typeof value === 'string' && isMilestoneId(value)) {
        return `${getMilestone(value).title} (${value})`;
      }
      return `${key}: ${valueText(value)}`;
    })
    .join('; ');
}

function auditLine(entry: AuditRecord, names: Map<string, string>, zone: string): RichText {
  const who = names.get(entry.actorId) ?? entry.actorId.replace(/^(console|discord|slack):/, '');
  const what = ACTION_TEXT[entry.action] ?? entry.action;
  const details = detailsText(entry.details);
  return ['• ', at(entry.at, zone), ` — ${who}: ${what}${details ? ` (${details})` : ''}`];
}

const REMINDER_STATES = ['sent', 'failed', 'pending', 'skipped', 'missed', 'cancelled'] as const;

function remindersLine(activity: CampaignActivity): RichText {
  const parts = REMINDER_STATES.map((s) => `${activity.reminders[s] ?? 0} ${s}`);
  return [`Reminders: ${parts.join(', ')}.`];
}

/** The moderator's buttons for a campaign: what they may do to it now. */
export function moderatorActions(c: CampaignRecord): ReplyAction[] {
  if (c.state !== 'active') return [];
  const pause: ReplyAction = c.remindersPausedAt
    ? { id: 'resume', label: 'Resume reminders', command: campaignCommand(c, 'action:resume') }
    : { id: 'pause', label: 'Pause reminders', command: campaignCommand(c, 'action:pause') };
  return [
    pause,
    {
      id: 'nudge',
      label: 'Nudge now',
      command: campaignCommand(c, 'action:nudge'),
      form: {
        title: 'Nudge the member',
        fields: [{ name: 'note', label: 'A note for them (optional)', required: false }],
      },
    },
    {
      id: 'shift',
      label: 'Shift release',
      command: campaignCommand(c, 'action:shift'),
      form: {
        title: 'New release date',
        fields: [{ name: 'release', label: 'Release date', placeholder: 'YYYY-MM-DD', required: true }],
      },
    },
    { id: 'cancel', label: 'Cancel campaign', command: campaignCommand(c, 'action:cancel') },
  ];
}

export function campaignAdminView(c: CampaignRecord, activity: CampaignActivity, now: Date): Reply {
  const zone = c.timeZone;
  const plan = campaignPlan(c, now);
  const views = plan.steps;
  const settled = views.filter((v) => v.state === 'done' || v.state === 'skipped' || v.state === 'closed').length;
  const overdue = plan.missed.map((v) => v.milestone.id);
  const release = views.find((v) => v.milestone.id === 'release-day')?.milestone.opensAt;
  const lines: RichText[] = [
    [
      `Member: ${c.memberName} · ISBN ${c.isbn.isbn13} · ${c.marketplace} · ${c.printer} · `,
      ...(release ? ['release ', onDate(release, zone)] : [`release ${c.releaseDate}`]),
      ` · ${c.state}`,
    ],
    [
      `${settled} of ${views.length} steps settled.${overdue.length > 0 ? ` Missed windows: ${overdue.join(', ')}.` : ''}`,
    ],
  ];
  if (c.remindersPausedAt) {
    lines.push(['Reminders are PAUSED since ', at(c.remindersPausedAt, zone), '; the member gets none until resumed.']);
  }
  const next = c.state === 'active' ? plan.next : undefined;
  if (next) {
    lines.push([`Next: ${next.milestone.title} (${next.milestone.id}), ${next.state} — `, ...stepWhen(next, zone)]);
  }
  const risky = c.state === 'active' ? plan.atRisk[0] : undefined;
  if (risky) {
    lines.push([
      `At risk: ${risky.milestone.title} (${risky.milestone.id}) is not done, and ${getMilestone(risky.deadlineStep!).title} opens `,
      at(risky.deadline!, zone),
      '.',
    ]);
  }
  if (plan.daily && c.state === 'active') {
    lines.push([`Daily PO check: confirmed on ${plan.daily.confirmed} of the last ${plan.daily.days} days.`]);
  }
  lines.push(remindersLine(activity));
  for (const f of activity.failures) {
    lines.push(['Failed: ', `${f.kind}${f.milestoneId ? ` ${f.milestoneId}` : ''}, `, at(f.at, zone), `: ${f.error}`]);
  }
  if (activity.orders) {
    const o = activity.orders;
    lines.push([
      `Orders logged on ${o.days} day${o.days === 1 ? '' : 's'}; latest (${o.latestDay}): ${o.orders} customer orders, ${o.pos} PO units.`,
    ]);
  }
  lines.push([`Audit trail (latest ${activity.audit.length}):`]);
  for (const entry of activity.audit) lines.push(auditLine(entry, activity.actorNames, zone));
  if (c.state === 'active') {
    lines.push([`To shift the release date: ${campaignCommand(c, 'action:shift release:YYYY-MM-DD')} [note:"…"]`]);
  }
  return reply({
    tone: overdue.length > 0 || activity.failures.length > 0 ? 'warning' : 'info',
    title: `Campaign "${c.title}" (${c.memberName})`,
    lines,
    fields: planFields(c, views),
    actions: moderatorActions(c),
  });
}

/** Several campaigns match: one button each, opening that campaign's view. */
export function campaignChoiceReply(campaigns: readonly CampaignRecord[], more: boolean): Reply {
  return reply({
    tone: 'question',
    title: 'Which campaign did you mean?',
    lines: [
      [`${campaigns.length}${more ? '+' : ''} campaigns in this community match; pick one.`],
      ...campaigns.map((c): RichText => [
        `• "${c.title}" — ${c.memberName}, ${c.marketplace}, release ${c.releaseDate}, ${c.state}`,
      ]),
      ...(more ? [['Only the first ones are shown; narrow it down with title: or member:.'] as RichText] : []),
    ],
    actions: campaigns.map((c) => ({
      id: `campaign:${c.id}`,
      label: `${c.title} (${c.memberName})`.slice(0, 80),
      command: campaignCommand(c),
    })),
  });
}

export function cancelConfirmReply(c: CampaignRecord, note: string | undefined): Reply {
  return reply({
    tone: 'question',
    title: `Cancel "${c.title}"?`,
    lines: [
      [
        `This cancels ${c.memberName}'s campaign: no more reminders, and they are told by DM. The history is kept. Press Confirm to go ahead.`,
      ],
      // A button carries a short command only; a note goes with a typed confirmation.
      ...(note ? [['To send your note with it, repeat your command with confirm:yes.'] as RichText] : []),
    ],
    actions: [
      { id: 'confirm-cancel', label: 'Confirm: cancel it', command: campaignCommand(c, 'action:cancel confirm:yes') },
      { id: 'view', label: 'Back to the campaign', command: campaignCommand(c) },
    ],
  });
}

export function actionDoneReply(title: string, lines: RichText[], c: CampaignRecord, now: Date): Reply {
  return reply({
    tone: 'success',
    title,
    lines: [...lines, [`${c.memberName} is told by direct message.`]],
    fields: c.state === 'active' ? planFields(c, milestoneViews(c, now)) : [],
    actions: [...moderatorActions(c), { id: 'view', label: 'View campaign', command: campaignCommand(c) }],
  });
}
