import { listingUrls, searchUrl } from '../../core/isbn.ts';
import { getMilestone } from '../../core/milestones.ts';
import { planTimeline, type PlannedMilestone } from '../../core/timeline.ts';
import { pathForPrinter, type MilestoneId } from '../../core/types.ts';
import { UserError } from '../../core/errors.ts';
import { at, link, type ReplyField, type RichText } from '../reply.ts';
import type { CampaignRecord } from '../ports.ts';

export type MilestoneState = 'done' | 'skipped' | 'open' | 'overdue' | 'upcoming';

export interface MilestoneView {
  milestone: PlannedMilestone;
  state: MilestoneState;
}

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
      ? 'This campaign is on the IngramSpark/LightningSource path.'
      : `This is a ${campaign.marketplace} campaign.`;
  throw new UserError({
    field: 'milestone',
    code: 'invalid',
    message: `"${getMilestone(id).title}" (${id}) is not a step of "${campaign.title}". ${hint} Valid steps: ${plan.map((m) => m.id).join(', ')}.`,
    choices: plan.map((m) => m.id),
  });
}

export function milestoneViews(campaign: CampaignRecord, now: Date): MilestoneView[] {
  const marks = new Map(campaign.progress.map((p) => [p.milestoneId, p.status]));
  return campaignTimeline(campaign, now).map((milestone) => {
    const mark = marks.get(milestone.id);
    if (mark) return { milestone, state: mark };
    const t = now.getTime();
    if (milestone.closesAt && t >= milestone.closesAt.getTime()) return { milestone, state: 'overdue' };
    if (t >= milestone.opensAt.getTime()) return { milestone, state: 'open' };
    return { milestone, state: 'upcoming' };
  });
}

/** The step a member should look at next: an open or overdue one, else the earliest upcoming. */
export function nextMilestone(views: MilestoneView[]): MilestoneView | undefined {
  const pending = views.filter((v) => v.state === 'open' || v.state === 'overdue' || v.state === 'upcoming');
  const urgent = pending.filter((v) => v.state !== 'upcoming');
  const pool = urgent.length > 0 ? urgent : pending;
  return [...pool].sort((a, b) => a.milestone.opensAt.getTime() - b.milestone.opensAt.getTime())[0];
}

const STATE_LABEL: Record<MilestoneState, string> = {
  done: '[done]',
  skipped: '[skipped]',
  open: '[now]',
  overdue: '[overdue]',
  upcoming: '[later]',
};

export function windowText(m: PlannedMilestone, zone: string): RichText {
  if (m.kind === 'asap') return ['as soon as possible'];
  if (m.kind === 'open-ended') return ['from ', at(m.opensAt, zone)];
  if (m.kind === 'daily' && m.closesAt) return ['every day until ', at(m.closesAt, zone)];
  if (!m.closesAt) return ['from ', at(m.opensAt, zone)];
  return [at(m.opensAt, zone), ' until ', at(m.closesAt, zone)];
}

export function planFields(campaign: CampaignRecord, views: MilestoneView[]): ReplyField[] {
  return views.map(({ milestone, state }) => ({
    label: `${STATE_LABEL[state]} ${milestone.title} (${milestone.id})`,
    value: windowText(milestone, campaign.timeZone),
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

export function milestoneSummary(id: MilestoneId): string {
  return getMilestone(id).summary;
}
