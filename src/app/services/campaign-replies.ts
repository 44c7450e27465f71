import { getMilestone } from '../../core/milestones.ts';
import { draftSupportTicket } from '../../core/support-ticket.ts';
import type { PlannedMilestone } from '../../core/timeline.ts';
import { pathForPrinter, type MilestoneId } from '../../core/types.ts';
import type { CampaignRecord, MemberRecord } from '../ports.ts';
import { at, onDate, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { listingLine, nextMilestone, planFields, windowText, type MilestoneView } from './plan-view.ts';
import type { OrderTrend } from '../../core/order-trend.ts';
import { orderTrendLines } from '../tracking/tracking-replies.ts';

const PRINTER_NAME: Record<CampaignRecord['printer'], string> = {
  kdp: 'KDP',
  createspace: 'KDP (formerly Createspace)',
  ingramspark: 'IngramSpark',
  lightningsource: 'LightningSource',
};

function releaseLine(c: CampaignRecord, views: MilestoneView[]): RichText {
  const release = views.find((v) => v.milestone.id === 'release-day')?.milestone.opensAt;
  const base: RichText = [`"${c.title}" · ISBN ${c.isbn.isbn13} · ${c.marketplace} · ${PRINTER_NAME[c.printer]}`];
  return release ? [...base, ' · release ', onDate(release, c.timeZone)] : base;
}

function nextLine(c: CampaignRecord, views: MilestoneView[]): RichText | null {
  const next = nextMilestone(views);
  if (!next) return null;
  const { milestone, state } = next;
  const when =
    state === 'overdue'
      ? ['its window closed ', at(milestone.closesAt!, c.timeZone), ' — do it now if you still can']
      : windowText(milestone, c.timeZone);
  return [`Next: ${milestone.title} (${milestone.id}) — `, ...when, `. ${getMilestone(milestone.id).summary}`];
}

function campaignActions(c: CampaignRecord, views: MilestoneView[]): ReplyAction[] {
  const actions: ReplyAction[] = [{ id: 'status', label: 'Status', command: '/preorder status' }];
  const next = nextMilestone(views);
  if (next) {
    actions.unshift({
      id: `done:${next.milestone.id}`,
      label: `Mark "${next.milestone.title}" done`,
      command: `/preorder done ${next.milestone.id}`,
    });
  }
  return actions;
}

export function startedReply(c: CampaignRecord, views: MilestoneView[], warning: string | null): Reply {
  const lines: RichText[] = [releaseLine(c, views)];
  if (warning) lines.push([`Heads-up: ${warning}`]);
  if (pathForPrinter(c.printer) === 'ingram') {
    lines.push([
      `${PRINTER_NAME[c.printer]} sets up print pre-orders on Amazon for you, so you skip the Amazon Advantage steps. The catch: you won't see pre-order sales until the book is out, whereas Advantage reports them every 24 hours.`,
    ]);
  } else {
    lines.push([
      'Important: do not publish or approve the book on KDP yet. The Advantage pre-order only works while the book is unpublished; the plan tells you exactly when to press Publish.',
    ]);
  }
  const next = nextLine(c, views);
  if (next) lines.push(next);
  return reply({
    tone: warning ? 'warning' : 'success',
    title: `Pre-order plan for "${c.title}"`,
    lines,
    fields: planFields(c, views),
    actions: campaignActions(c, views),
  });
}

export function statusReply(
  c: CampaignRecord,
  views: MilestoneView[],
  now: Date,
  member?: Pick<MemberRecord, 'dmReminders' | 'dmsClosedAt'>,
  orders?: OrderTrend | null,
): Reply {
  const settled = views.filter((v) => v.state === 'done' || v.state === 'skipped').length;
  const overdue = views.filter((v) => v.state === 'overdue');
  const lines: RichText[] = [releaseLine(c, views), [`${settled} of ${views.length} steps settled.`]];
  if (c.state === 'completed') lines.push(['This campaign is complete. Well done!']);
  if (overdue.length > 0) lines.push([`Missed windows: ${overdue.map((v) => v.milestone.id).join(', ')}.`]);
  if (pathForPrinter(c.printer) === 'aa') lines.push(listingLine(c));
  const next = nextLine(c, views);
  if (next) lines.push(next);
  if (orders) lines.push(...orderTrendLines(orders));
  const ticket = views.find((v) => v.milestone.id === 'support-ticket');
  if (ticket && (ticket.state === 'open' || ticket.state === 'overdue' || nextMilestone(views) === ticket)) {
    lines.push(['Support ticket text, ready to paste: ', draftSupportTicket(c)]);
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
    tone: overdue.length > 0 ? 'warning' : 'info',
    title: `Status of "${c.title}"`,
    lines,
    fields: planFields(c, views),
    actions: campaignActions(c, views),
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
  views: MilestoneView[],
): Reply {
  const lines: RichText[] = [[`"${getMilestone(id).title}" (${id}) is marked ${status} on "${c.title}".`]];
  if (c.state === 'completed') lines.push(['Every step is settled: this campaign is complete. Congratulations!']);
  const next = nextLine(c, views);
  if (next && c.state !== 'completed') lines.push(next);
  lines.push([`Changed your mind? /preorder undo ${id}`]);
  return reply({
    tone: 'success',
    title: status === 'done' ? 'Step done' : 'Step skipped',
    lines,
    actions: campaignActions(c, views),
  });
}

export function undoneReply(c: CampaignRecord, id: MilestoneId, views: MilestoneView[]): Reply {
  const lines: RichText[] = [[`"${getMilestone(id).title}" (${id}) is open again on "${c.title}".`]];
  const next = nextLine(c, views);
  if (next) lines.push(next);
  return reply({ tone: 'success', title: 'Step reopened', lines, actions: campaignActions(c, views) });
}

export function editedReply(
  before: CampaignRecord,
  after: CampaignRecord,
  oldPlan: PlannedMilestone[],
  views: MilestoneView[],
): Reply {
  const lines: RichText[] = [releaseLine(after, views)];
  const changed: string[] = [];
  if (before.title !== after.title) changed.push(`title "${before.title}" → "${after.title}"`);
  if (before.isbn.isbn13 !== after.isbn.isbn13) changed.push(`ISBN ${before.isbn.isbn13} → ${after.isbn.isbn13}`);
  if (before.marketplace !== after.marketplace)
    changed.push(`marketplace ${before.marketplace} → ${after.marketplace}`);
  if (before.timeZone !== after.timeZone) changed.push(`time zone ${before.timeZone} → ${after.timeZone}`);
  if (before.releaseDate !== after.releaseDate) changed.push(`release ${before.releaseDate} → ${after.releaseDate}`);
  lines.push([`Changed: ${changed.join('; ')}.`]);
  const oldOpen = new Map(oldPlan.map((m) => [m.id, m.opensAt.getTime()]));
  const moved = views.filter(
    (v) => v.state !== 'done' && v.state !== 'skipped' && oldOpen.get(v.milestone.id) !== v.milestone.opensAt.getTime(),
  );
  if (moved.length > 0)
    lines.push([`Replanned: ${moved.map((v) => v.milestone.id).join(', ')}. Steps already done stay done.`]);
  return reply({
    tone: 'success',
    title: `Updated "${after.title}"`,
    lines,
    fields: planFields(after, views),
    actions: campaignActions(after, views),
  });
}

export function cancelledReply(c: CampaignRecord): Reply {
  return reply({
    tone: 'success',
    title: 'Campaign cancelled',
    lines: [
      [
        `"${c.title}" is cancelled and will get no more reminders. Its history is kept. Start again any time with /preorder start.`,
      ],
    ],
  });
}
