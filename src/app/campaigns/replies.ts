import { getMilestone } from '../../core/milestones.ts';
import { calendarDate, MARKETPLACE_NAMES, marketplaceLabel, PRINTER_NAMES } from '../../core/names.ts';
import type { PlanState } from '../../core/plan-state.ts';
import type { PlannedMilestone } from '../../core/timeline.ts';
import { pathForPrinter, type MilestoneId } from '../../core/types.ts';
import type { CampaignRecord, MemberRecord } from '../ports.ts';
import { at, onDate, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { doneAction } from '../reminders/step-actions.ts';
import { listingLine, nextStepLine, planFields, supportTicketText, type MilestoneView } from './plan-view.ts';
import type { OrderTrend } from '../../core/order-trend.ts';
import { orderTrendLines } from '../tracking/replies.ts';

function releaseLine(c: CampaignRecord, plan: PlanState): RichText {
  const release = plan.steps.find((v) => v.milestone.id === 'release-day')?.milestone.opensAt;
  const base: RichText = [
    `"${c.title}" · ISBN ${c.isbn.isbn13} · ${marketplaceLabel(c.marketplace)} · ${PRINTER_NAMES[c.printer]}`,
  ];
  return release ? [...base, ' · release ', onDate(release, c.timeZone)] : base;
}

function campaignActions(c: CampaignRecord, plan: PlanState): ReplyAction[] {
  const actions: ReplyAction[] = [{ id: 'status', label: 'Status', command: '/preorder status' }];
  const next = plan.next?.milestone;
  if (next) actions.unshift(doneAction(c, next.id, `Mark "${next.title}" done`));
  return actions;
}

/** What a reply must also say about the plan (a short-notice problem, the zone used); `warning` sets its tone. */
export interface PlanNotes {
  lines: readonly RichText[];
  warning: boolean;
}
const NO_NOTES: PlanNotes = { lines: [], warning: false };

export function startedReply(c: CampaignRecord, plan: PlanState, notes: PlanNotes): Reply {
  const lines: RichText[] = [releaseLine(c, plan), ...notes.lines];
  if (pathForPrinter(c.printer) === 'ingram') {
    lines.push([
      `${PRINTER_NAMES[c.printer]} sets up print pre-orders on Amazon for you, so you skip the Amazon Advantage steps. The catch: you won't see pre-order sales until the book is out, whereas Advantage reports them every 24 hours.`,
    ]);
  } else {
    lines.push([
      'Important: do not publish or approve the book on KDP yet. The Advantage pre-order only works while the book is unpublished; the plan tells you exactly when to press Publish.',
    ]);
  }
  const next = nextStepLine(c, plan);
  if (next) lines.push(next);
  return reply({
    tone: notes.warning ? 'warning' : 'success',
    title: `Pre-order plan for "${c.title}"`,
    lines,
    fields: planFields(c, plan.steps),
    actions: campaignActions(c, plan),
  });
}

/** How the daily PO check has gone lately, once it has started. */
function dailyLine(plan: PlanState): RichText | null {
  const d = plan.daily;
  const step = plan.steps.find((s) => s.milestone.kind === 'daily');
  if (!d || !step || step.state === 'skipped') return null;
  if (step.state === 'closed')
    return [`Daily PO check: finished; confirmed on ${d.confirmed} of its last ${d.days} days.`];
  const today = d.confirmedToday ? 'done for today' : 'not yet confirmed today';
  return d.days > 0
    ? [`Daily PO check: confirmed on ${d.confirmed} of the last ${d.days} days; ${today}.`]
    : [`Daily PO check: ${today}.`];
}

function atRiskLine(c: CampaignRecord, plan: PlanState): RichText | null {
  const risky = plan.atRisk[0];
  if (!risky) return null;
  const needed = getMilestone(risky.deadlineStep!);
  return [
    `⚠ At risk: ${risky.milestone.title} is not done, and ${needed.title} opens `,
    at(risky.deadline!, c.timeZone),
    ' and needs it first.',
  ];
}

export function statusReply(
  c: CampaignRecord,
  plan: PlanState,
  now: Date,
  member?: Pick<MemberRecord, 'dmReminders' | 'dmsClosedAt'>,
  orders?: OrderTrend | null,
  notes: PlanNotes = NO_NOTES,
): Reply {
  const views = plan.steps;
  const settled = views.filter((v) => v.state === 'done' || v.state === 'skipped' || v.state === 'closed').length;
  const lines: RichText[] = [releaseLine(c, plan), [`${settled} of ${views.length} steps settled.`]];
  if (c.state === 'completed') lines.push(['This campaign is complete. Well done!']);
  if (plan.missed.length > 0) {
    lines.push([`Missed windows: ${plan.missed.map((v) => `${v.milestone.title} (${v.milestone.id})`).join('; ')}.`]);
  }
  const risk = atRiskLine(c, plan);
  if (risk && c.state === 'active') lines.push(risk, ...notes.lines);
  if (pathForPrinter(c.printer) === 'aa') lines.push(listingLine(c));
  const next = nextStepLine(c, plan);
  if (next) lines.push(next);
  const daily = dailyLine(plan);
  if (daily) lines.push(daily);
  if (orders) lines.push(...orderTrendLines(orders));
  // From the moment the ticket's window opens (even while the PO step before it is open), or when it is next.
  const ticket = views.find((v) => v.milestone.id === 'support-ticket');
  const ticketWindow =
    ticket && now >= ticket.milestone.opensAt && ticket.state !== 'done' && ticket.state !== 'skipped';
  if (ticket && (ticketWindow || plan.next === ticket)) {
    lines.push(['Support ticket text, ready to paste: ', supportTicketText(c, plan)]);
  }
  // A member who cannot get DMs would otherwise never learn why the reminders stopped.
  if (member?.dmsClosedAt) {
    lines.push([
      'I cannot send you direct messages, so reminders for critical steps go to the announcement channel. Allow DMs, then /preorder settings dms:on.',
    ]);
  } else if (member && !member.dmReminders) {
    lines.push(['DM reminders are off; /preorder settings dms:on turns them back on.']);
  }
  lines.push(['As of ', at(now, c.timeZone)]);
  return reply({
    tone: plan.missed.length > 0 || plan.atRisk.length > 0 ? 'warning' : 'info',
    title: `Status of "${c.title}"`,
    lines,
    fields: planFields(c, views),
    actions: campaignActions(c, plan),
  });
}

export function alreadyMarkedReply(c: CampaignRecord, id: MilestoneId, status: 'done' | 'skipped'): Reply {
  return reply({
    tone: 'info',
    title: `Already ${status === 'done' ? 'done' : 'skipped'}`,
    lines: [[`"${getMilestone(id).title}" (${id}) was already marked ${status} on "${c.title}"; nothing changed.`]],
  });
}

export function markedReply(
  c: CampaignRecord,
  id: MilestoneId,
  status: 'done' | 'skipped',
  plan: PlanState,
  notes: PlanNotes = NO_NOTES,
): Reply {
  const lines: RichText[] = [
    [`"${getMilestone(id).title}" (${id}) is marked ${status} on "${c.title}".`],
    ...notes.lines,
  ];
  if (c.state === 'completed') lines.push(['Every step is settled: this campaign is complete. Congratulations!']);
  const next = nextStepLine(c, plan);
  if (next && c.state !== 'completed') lines.push(next);
  lines.push([`Changed your mind? /preorder undo ${id}`]);
  return reply({
    tone: 'success',
    title: status === 'done' ? 'Step done' : 'Step skipped',
    lines,
    actions: campaignActions(c, plan),
  });
}

/** Today's PO check is recorded; the step itself stays open until the day before release. */
export function confirmedTodayReply(c: CampaignRecord, plan: PlanState, already: boolean): Reply {
  const d = plan.daily;
  const record = d && d.days > 0 ? ` That makes ${d.confirmed} of the last ${d.days} days.` : '';
  const lines: RichText[] = [
    [
      already
        ? `Today's purchase orders on "${c.title}" were already confirmed; nothing changed.`
        : `Today's purchase orders on "${c.title}" are confirmed.${record} I will ask again tomorrow morning.`,
    ],
  ];
  const next = nextStepLine(c, plan);
  if (next) lines.push(next);
  if (!already) lines.push(['Confirmed by mistake? /preorder undo confirm-pos']);
  return reply({
    tone: already ? 'info' : 'success',
    title: already ? 'Already confirmed today' : 'Confirmed for today',
    lines,
    actions: campaignActions(c, plan),
  });
}

export function undoneReply(c: CampaignRecord, id: MilestoneId, plan: PlanState, what?: string): Reply {
  const lines: RichText[] = [[what ?? `"${getMilestone(id).title}" (${id}) is open again on "${c.title}".`]];
  const next = nextStepLine(c, plan);
  if (next) lines.push(next);
  return reply({ tone: 'success', title: 'Step reopened', lines, actions: campaignActions(c, plan) });
}

export function editedReply(
  before: CampaignRecord,
  after: CampaignRecord,
  oldPlan: PlannedMilestone[],
  plan: PlanState,
  notes: PlanNotes = NO_NOTES,
): Reply {
  const views = plan.steps;
  const lines: RichText[] = [releaseLine(after, plan)];
  const changed: string[] = [];
  if (before.title !== after.title) changed.push(`Title "${before.title}" → "${after.title}"`);
  if (before.isbn.isbn13 !== after.isbn.isbn13) changed.push(`ISBN ${before.isbn.isbn13} → ${after.isbn.isbn13}`);
  if (before.marketplace !== after.marketplace) {
    changed.push(`Marketplace ${MARKETPLACE_NAMES[before.marketplace]} → ${MARKETPLACE_NAMES[after.marketplace]}`);
  }
  if (before.timeZone !== after.timeZone) changed.push(`Time zone ${before.timeZone} → ${after.timeZone}`);
  if (before.releaseDate !== after.releaseDate) {
    changed.push(`Release date ${calendarDate(before.releaseDate)} → ${calendarDate(after.releaseDate)}`);
  }
  lines.push([`Changed: ${changed.join('; ')}.`]);
  const oldOpen = new Map(oldPlan.map((m) => [m.id, m.opensAt.getTime()]));
  const moved = views.filter(
    (v) => v.state !== 'done' && v.state !== 'skipped' && oldOpen.get(v.milestone.id) !== v.milestone.opensAt.getTime(),
  );
  if (moved.length > 0)
    lines.push([`Replanned: ${moved.map((v) => v.milestone.id).join(', ')}. Steps already done stay done.`]);
  lines.push(...notes.lines);
  const next = nextStepLine(after, plan);
  if (next) lines.push(next);
  return reply({
    tone: notes.warning ? 'warning' : 'success',
    title: `Updated "${after.title}"`,
    lines,
    fields: planFields(after, views),
    actions: campaignActions(after, plan),
  });
}

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
