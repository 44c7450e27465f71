import { getMilestone } from '../../core/milestones.ts';
import { calendarDate, MARKETPLACE_NAMES, marketplaceLabel, possessive, PRINTER_NAMES } from '../../core/names.ts';
import { auditActor, type RequestContext } from '../context.ts';
import type { CampaignRecord } from '../ports.ts';
import { at, onDate, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { campaignPlan, milestoneViews, planFields, stepWhen } from '../campaigns/plan-view.ts';
import { auditLine } from './audit-text.ts';
import type { CampaignActivity } from './ports.ts';

export const campaignCommand = (c: Pick<CampaignRecord, 'id'>, rest = '') =>
  `/preorder-admin campaign campaign:${c.id}${rest ? ` ${rest}` : ''}`;

/** The moderator reading a reply: their own audit lines, and their own campaign's member, are "you". */
export interface Viewer {
  actorId: string;
  memberId: string;
}

export const viewerOf = (ctx: RequestContext): Viewer => ({ actorId: auditActor(ctx), memberId: ctx.member.id });

/** The campaign's member as the viewer calls them. */
export const memberWord = (c: Pick<CampaignRecord, 'memberId' | 'memberName'>, viewer: Viewer): string =>
  c.memberId === viewer.memberId ? 'you' : c.memberName;

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

export function campaignAdminView(c: CampaignRecord, activity: CampaignActivity, now: Date, viewer: Viewer): Reply {
  const zone = c.timeZone;
  const plan = campaignPlan(c, now);
  const views = plan.steps;
  const settled = views.filter((v) => v.state === 'done' || v.state === 'skipped' || v.state === 'closed').length;
  const overdue = plan.missed.map((v) => v.milestone.title);
  const release = views.find((v) => v.milestone.id === 'release-day')?.milestone.opensAt;
  const lines: RichText[] = [
    [
      `Member: ${c.memberName} · ISBN ${c.isbn.isbn13} · ${marketplaceLabel(c.marketplace)} · ${PRINTER_NAMES[c.printer]} · `,
      ...(release ? ['release ', onDate(release, zone)] : [`release ${calendarDate(c.releaseDate)}`]),
      ` · ${c.state}`,
    ],
    [
      `${settled} of ${views.length} steps settled.${overdue.length > 0 ? ` Missed windows: ${overdue.join('; ')}.` : ''}`,
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
      `Orders logged on ${o.days} day${o.days === 1 ? '' : 's'}; latest (${calendarDate(o.latestDay)}): ${o.orders} customer orders, ${o.pos} PO units.`,
    ]);
  }
  lines.push([`Audit trail (latest ${activity.audit.length}):`]);
  for (const entry of activity.audit) lines.push(auditLine(entry, activity.actorNames, viewer.actorId, zone));
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
        `• "${c.title}" — ${c.memberName}, ${MARKETPLACE_NAMES[c.marketplace]}, release ${calendarDate(c.releaseDate)}, ${c.state}`,
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

export function cancelConfirmReply(c: CampaignRecord, note: string | undefined, viewer: Viewer): Reply {
  const who = memberWord(c, viewer);
  return reply({
    tone: 'question',
    title: `Cancel "${c.title}"?`,
    lines: [
      [
        `This cancels ${possessive(who)} campaign: no more reminders, and a direct message tells ${who}. The history is kept. Press Confirm to go ahead.`,
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

export function actionDoneReply(title: string, lines: RichText[], c: CampaignRecord, now: Date, viewer: Viewer): Reply {
  return reply({
    tone: 'success',
    title,
    lines: [...lines, [`I am letting ${memberWord(c, viewer)} know by direct message.`]],
    fields: c.state === 'active' ? planFields(c, milestoneViews(c, now)) : [],
    actions: [...moderatorActions(c), { id: 'view', label: 'View campaign', command: campaignCommand(c) }],
  });
}
