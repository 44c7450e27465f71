import { getMilestone, stepSummary } from '../../core/milestones.ts';
import { MARKETPLACE_NAMES } from '../../core/names.ts';
import type { PlanState } from '../../core/plan-state.ts';
import type { PlannedReminder } from '../../core/reminder-plan.ts';
import type { IsoDate, MilestoneId } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import { at, reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';
import { campaignFeasibility, feasibilityLines } from '../campaigns/feasibility.ts';
import { campaignPlan, listingLine, windowText } from '../campaigns/plan-view.ts';
import { logNumbersAction } from '../tracking/log-action.ts';
import type { MessageInput } from './ports.ts';
import { morningLines } from './policy.ts';

/** Buttons a message can carry comfortably on every platform; the rest of the steps are still listed. */
const MAX_ACTIONS = 10;
/** Mornings of the PO check that spell out every click; later ones just name what to choose. */
const FULL_HOW_TO_DAYS = 3;
const SHORT_PO_HOW_TO: Record<CampaignRecord['marketplace'], (c: CampaignRecord) => string> = {
  US: (c) => `Backordered, expected delivery ${c.releaseDate}; never cancel them.`,
  UK: () => 'Choose "Cancelled: Not yet available" (it confirms them); never cancel them.',
};

interface CampaignMorning {
  campaign: CampaignRecord;
  plan: PlanState;
  lines: PlannedReminder[];
}

/** The date a morning row stands for, from its key (`morning:<member>:<date>`). */
const morningDate = (key: string): IsoDate => key.slice(key.lastIndexOf(':') + 1);

/**
 * The member's one message of the day: every campaign's lines for this morning, worked out now
 * from the campaigns as they stand, so a step marked since the row was stored is not mentioned.
 * Null (nothing sent) when nothing is left to say.
 */
export function morningMessage(input: MessageInput): Reply | null {
  const date = morningDate(input.row.key);
  const zone = input.member?.timeZone ?? null;
  const mornings: CampaignMorning[] = [];
  for (const campaign of input.memberCampaigns ?? []) {
    const plan = campaignPlan(campaign, input.now);
    const lines = morningLines(campaign, zone, date).filter((line) => stillWorthSaying(line, plan));
    if (lines.length > 0) mornings.push({ campaign, plan, lines });
  }
  if (mornings.length === 0) return null;
  const several = mornings.length > 1;
  const body: RichText[] = [];
  const actions: ReplyAction[] = [];
  for (const m of mornings) {
    if (several) body.push([`"${m.campaign.title}" (${MARKETPLACE_NAMES[m.campaign.marketplace]}):`]);
    body.push(...m.lines.map((line) => lineText(line, m)));
    if (m.lines.some((l) => l.kind === 'at-risk'))
      body.push(...feasibilityLines(m.campaign, campaignFeasibility(m.campaign, input.now, m.plan)));
    actions.push(...m.lines.flatMap((line) => lineActions(line, m.campaign, several)));
  }
  const first = mornings[0]!.campaign;
  const risky = mornings.some((m) => m.lines.some((l) => l.kind === 'at-risk'));
  const late: RichText[] = input.late ? [['(Sent late: I was offline this morning.)']] : [];
  return reply({
    tone: risky ? 'warning' : 'info',
    title: several ? `Today for your ${mornings.length} campaigns` : `Today for "${first.title}"`,
    lines: [...late, ...body],
    actions: [
      ...unique(actions).slice(0, MAX_ACTIONS),
      {
        id: 'status',
        label: 'Status',
        command: several ? '/preorder status' : `/preorder status campaign:${first.id}`,
      },
    ],
  });
}

/** A line about a step the member settled, or a PO check already confirmed today, is dropped. */
function stillWorthSaying(line: PlannedReminder, plan: PlanState): boolean {
  const view = plan.steps.find((s) => s.milestone.id === line.milestoneId);
  if (!view || view.state === 'done' || view.state === 'skipped' || view.state === 'waiting') return false;
  if (line.kind === 'daily') return view.state === 'open' && !plan.daily?.confirmedToday;
  return true;
}

function lineText(line: PlannedReminder, m: CampaignMorning): RichText {
  const { campaign, plan } = m;
  const id = line.milestoneId;
  const step = getMilestone(id);
  const view = plan.steps.find((s) => s.milestone.id === id)!;
  const zone = campaign.timeZone;
  const summary = stepSummary(id, campaign.marketplace);
  switch (line.kind) {
    case 'daily': {
      const record =
        plan.daily && plan.daily.days > 0
          ? ` Confirmed on ${plan.daily.confirmed} of the last ${plan.daily.days} days.`
          : '';
      // The whole how-to for the first few mornings; after that a reminder of the one thing to pick.
      const how =
        (plan.daily?.days ?? 0) < FULL_HOW_TO_DAYS ? summary : SHORT_PO_HOW_TO[campaign.marketplace](campaign);
      return [`• Confirm today's new purchase orders. ${how}${record}`];
    }
    case 'heads-up':
      return ['• Coming up: ', step.title, ', ', ...windowText(view.milestone, zone), '.'];
    case 'at-risk': {
      const needed = getMilestone(view.deadlineStep!);
      return [
        `⚠ At risk: ${step.title}. ${needed.title} opens `,
        at(view.deadline!, zone),
        ` and needs this first. ${summary}`,
      ];
    }
    case 'now':
      if (id === 'listing-live') return ['• Check whether your listing is live. ', ...listingLine(campaign)];
      if (id === 'release-day') return [`• Release day! ${summary}`];
      return [`• ${step.title}: ${summary}`];
    case 'nudge':
      if (id === 'listing-live') {
        return ['• Is your listing live yet? An error page means not yet. ', ...listingLine(campaign)];
      }
      return [`• Still to do: ${step.title}. ${summary}`];
    case 'overdue':
      if (id === 'orders-transfer') {
        return [
          `• ${step.title}: pre-orders usually finish showing up in KDP reports within about 7 days. If yours still look short, ask in your community.`,
        ];
      }
      return [`• ${step.title}: its window closed without a mark. ${summary}`];
    default:
      return [`• Still to do: ${step.title}. ${summary}`];
  }
}

function lineActions(line: PlannedReminder, campaign: CampaignRecord, several: boolean): ReplyAction[] {
  if (line.kind === 'heads-up') return [];
  const id: MilestoneId = line.milestoneId;
  const name = several ? ` (${campaign.title})` : '';
  const done: ReplyAction = {
    id: `done:${id}:${campaign.id}`,
    label: id === 'confirm-pos' ? `Confirmed today${name}` : `Done: ${getMilestone(id).title}${name}`,
    command: `/preorder done ${id} campaign:${campaign.id}`,
  };
  return id === 'confirm-pos' ? [done, { ...logNumbersAction(campaign.id), id: `log-orders:${campaign.id}` }] : [done];
}

const unique = (actions: readonly ReplyAction[]): ReplyAction[] => [...new Map(actions.map((a) => [a.id, a])).values()];
