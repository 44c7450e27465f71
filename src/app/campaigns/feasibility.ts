import { checkFeasibility, type Feasibility } from '../../core/feasibility.ts';
import { calendarDate } from '../../core/names.ts';
import { pathForPrinter, type IsoDate } from '../../core/types.ts';
import type { PlanState } from '../../core/plan-state.ts';
import { at, type RichText } from '../reply.ts';
import type { CampaignRecord } from '../ports.ts';
import { campaignPlan } from './plan-view.ts';

/** Whether this campaign's listing can be live before its publish window, as things stand at `now`. */
export function campaignFeasibility(
  campaign: CampaignRecord,
  now: Date,
  plan: PlanState = campaignPlan(campaign, now),
): Feasibility {
  const mark = (id: string) => plan.steps.find((s) => s.milestone.id === id && s.state === 'done');
  return checkFeasibility({
    releaseDate: campaign.releaseDate,
    timeZone: campaign.timeZone,
    now,
    advantage: pathForPrinter(campaign.printer) === 'aa',
    accountOpen: Boolean(mark('aa-account')),
    itemAddedAt: mark('aa-add-item')
      ? (campaign.progress.find((p) => p.milestoneId === 'aa-add-item')?.markedAt ?? now)
      : null,
    listingLive: Boolean(mark('listing-live')),
    published: Boolean(mark('kdp-publish')),
  });
}

/** The plain statement and the honest options when the listing cannot be live in time. */
export function feasibilityLines(campaign: CampaignRecord, f: Feasibility): RichText[] {
  if (f.ok) return [];
  const zone = campaign.timeZone;
  const lines: RichText[] =
    f.reason === 'listing'
      ? [
          [
            `Your Advantage listing cannot reasonably be live before the KDP publish window for ${calendarDate(campaign.releaseDate)} opens (`,
            at(f.publishOpensAt, zone),
            '): a new listing usually takes a day or two to appear after you add the item. The plan never has you press Publish before the listing is live.',
          ],
        ]
      : [
          [
            `The KDP publish window for ${calendarDate(campaign.releaseDate)} (36 to 48 hours before release day begins) has already passed, so this date cannot work as planned.`,
          ],
        ];
  if (f.accountPending) {
    lines.push([
      'Amazon also reviews a new Advantage account before approving it, and how long that takes is not something I can promise, so leave extra room if you are not approved yet.',
    ]);
  }
  lines.push([
    `Your options: move the release date to ${calendarDate(f.earliestDate)} or later, in Advantage as well as here (/preorder edit release:${f.earliestDate}), ` +
      'or take the IngramSpark or Lightning Source path, which sets up print pre-orders for you (/preorder faq aa-vs-ingram).',
  ]);
  return lines;
}

/** Every date change: the publish date in Advantage has to follow. */
export function advantageDateLine(campaign: CampaignRecord, plan: PlanState, release: IsoDate): RichText | null {
  if (pathForPrinter(campaign.printer) !== 'aa') return null;
  const added = plan.steps.some((s) => s.milestone.id === 'aa-add-item' && s.state === 'done');
  return added
    ? [
        `Change the publish date of your item in Amazon Advantage to ${calendarDate(release)} as well, so the two match.`,
      ]
    : [`When you add the item in Amazon Advantage, use ${calendarDate(release)} as its publish date.`];
}
