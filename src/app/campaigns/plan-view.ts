import { listingUrls, searchUrl } from '../../core/isbn.ts';
import { getMilestone, stepSummary } from '../../core/milestones.ts';
import { MARKETPLACE_NAMES, PRINTER_NAMES } from '../../core/names.ts';
import { assessPlan, type PlanState, type StepMark, type StepState, type StepView } from '../../core/plan-state.ts';
import { draftSupportTicket } from '../../core/support-ticket.ts';
import { planTimeline, type PlannedMilestone } from '../../core/timeline.ts';
import { pathForPrinter, type MilestoneId } from '../../core/types.ts';
import { UserError } from '../../core/errors.ts';
import { at, link, type ReplyField, type RichText } from '../reply.ts';
import type { CampaignRecord } from '../ports.ts';

export type MilestoneState = StepState;
export type MilestoneView = StepView;

export function campaignTimeline(campaign: CampaignRecord, now: Date): PlannedMilestone[] {
  const done: Partial<Record<MilestoneId, Date>> = {};
  for (const p of campaign.progress) if (p.status === 'done') done[p.milestoneId] = p.markedAt;
  return planTimeline({
    releaseDate: campaign.releaseDate,
    timeZone: campaign.timeZone,
    marketplace: campaign.marketplace,
    printer: campaign.printer,
    now,
    startedAt: campaign.createdAt,
    done,
  });
}

/** The campaign's planned step `id`, or an error naming the steps it does have. */
export function requireStep(campaign: CampaignRecord, id: MilestoneId, now: Date): PlannedMilestone {
  const plan = campaignTimeline(campaign, now);
  const step = plan.find((m) => m.id === id);
  if (step) return step;
  const hint =
    pathForPrinter(campaign.printer) === 'ingram'
      ? `This campaign is on the ${PRINTER_NAMES[campaign.printer]} path.`
      : `This is an ${MARKETPLACE_NAMES[campaign.marketplace]} campaign.`;
  throw new UserError({
    field: 'milestone',
    code: 'invalid',
    message: `"${getMilestone(id).title}" (${id}) is not a step of "${campaign.title}". ${hint} Valid steps: ${plan.map((m) => m.id).join(', ')}.`,
    choices: plan.map((m) => m.id),
  });
}

/** The member's marks as the plan reads them. */
export function campaignMarks(campaign: CampaignRecord): Partial<Record<MilestoneId, StepMark>> {
  const marks: Partial<Record<MilestoneId, StepMark>> = {};
  for (const p of campaign.progress) marks[p.milestoneId] = { status: p.status, at: p.markedAt };
  return marks;
}

/** Where every step of the campaign stands at `now`: the one assessment every view reads. */
export function campaignPlan(campaign: CampaignRecord, now: Date): PlanState {
  return assessPlan({
    plan: campaignTimeline(campaign, now),
    marketplace: campaign.marketplace,
    marks: campaignMarks(campaign),
    now,
    timeZone: campaign.timeZone,
    confirmedDays: campaign.poConfirmedDays,
  });
}

export function milestoneViews(campaign: CampaignRecord, now: Date): MilestoneView[] {
  return campaignPlan(campaign, now).steps;
}

const STATE_LABEL: Record<MilestoneState, string> = {
  done: '[done]',
  skipped: '[skipped]',
  open: '[now]',
  overdue: '[overdue]',
  upcoming: '[later]',
  waiting: '[waiting]',
  closed: '[ended]',
};

export function windowText(m: PlannedMilestone, zone: string): RichText {
  if (m.kind === 'asap')
    return m.closesAt ? ['as soon as possible, before ', at(m.closesAt, zone)] : ['as soon as possible'];
  if (m.kind === 'open-ended') return ['from ', at(m.opensAt, zone)];
  if (m.kind === 'daily' && m.closesAt) return ['every day until ', at(m.closesAt, zone)];
  if (!m.closesAt) return ['from ', at(m.opensAt, zone)];
  return [at(m.opensAt, zone), ' until ', at(m.closesAt, zone)];
}

/** A step's window, and what it waits for when it cannot start yet. */
export function stepWhen(v: MilestoneView, zone: string): RichText {
  if (v.state !== 'waiting') return windowText(v.milestone, zone);
  const after = `after: ${v.blockedBy.map((id) => getMilestone(id).title).join('; ')}`;
  // A fixed window still matters while waiting; the times of a step without one are only guesses.
  return v.milestone.kind === 'window' || v.milestone.kind === 'daily'
    ? [...windowText(v.milestone, zone), ` (${after})`]
    : [after];
}

export function planFields(campaign: CampaignRecord, views: readonly MilestoneView[]): ReplyField[] {
  return views.map((v) => ({
    label: `${STATE_LABEL[v.state]} ${v.milestone.title} (${v.milestone.id})`,
    value: stepWhen(v, campaign.timeZone),
  }));
}

export function listingLine(campaign: CampaignRecord): RichText {
  const url = listingUrls(campaign.isbn)[campaign.marketplace];
  if (url) return ['Listing check: ', link(url, url)];
  const search = searchUrl(campaign.isbn.isbn13, campaign.marketplace);
  return [
    'This ISBN starts with 979, so it has no ISBN-10 and no dp link; search for it instead: ',
    link(search, search),
  ];
}

/** The support-ticket draft, true for the campaign's site and for what is marked done right now. */
export function supportTicketText(campaign: CampaignRecord, plan: PlanState): string {
  const done = (id: MilestoneId) => plan.steps.some((s) => s.milestone.id === id && s.state === 'done');
  return draftSupportTicket({
    title: campaign.title,
    isbn: campaign.isbn,
    releaseDate: campaign.releaseDate,
    marketplace: campaign.marketplace,
    published: done('kdp-publish'),
    poStepDone: done(campaign.marketplace === 'UK' ? 'check-unconfirmed-pos' : 'zero-out-pos'),
  });
}

/**
 * "Next: …" for the step the plan ranks most urgent, worded for its state: a window closing, a
 * step that should be done soon (and why, when a critical window is waiting on it), today's PO
 * check, or a window that closed without a mark.
 */
export function nextStepLine(c: CampaignRecord, plan: PlanState): RichText | null {
  const next = plan.next;
  if (!next) return null;
  const m = next.milestone;
  const zone = c.timeZone;
  const head = `Next: ${m.title} (${m.id}) — `;
  const summary = ` ${stepSummary(m.id, c.marketplace)}`;
  if (next.state === 'overdue') {
    return [
      head,
      'its window closed ',
      at(m.closesAt!, zone),
      '; do it now if you still can, or mark it done if you did.',
      summary,
    ];
  }
  if (m.kind === 'daily') return [head, "today's check, every day until ", at(m.closesAt!, zone), '.', summary];
  if (next.state === 'open' && m.kind === 'window') return [head, 'now, until ', at(m.closesAt!, zone), '.', summary];
  const risk: RichText = next.atRisk
    ? [` At risk: ${getMilestone(next.deadlineStep!).title} opens `, at(next.deadline!, zone), ' and needs this first.']
    : [];
  const when: RichText =
    next.state === 'upcoming' && next.availableAt > m.opensAt
      ? ['from ', at(next.availableAt, zone)]
      : windowText(m, zone);
  return [head, ...when, '.', summary, ...risk];
}
