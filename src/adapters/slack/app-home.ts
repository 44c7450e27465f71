import type { types } from '@slack/bolt';
import type { CampaignRecord, Clock } from '../../app/ports.ts';
import type { CampaignService } from '../../app/campaigns/service.ts';
import { onDate } from '../../app/reply.ts';
import { campaignPlan, stepWhen, type MilestoneView } from '../../app/campaigns/plan-view.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import { ACTION_PREFIX, richMrkdwn, segmentMrkdwn, type Block } from './render-slack.ts';
import { BLOCK_LIMITS } from './slack-limits.ts';

/** Home tabs hold at most 100 blocks; each campaign takes four. */
const MAX_CAMPAIGNS = 20;
const NEXT_STEPS = 3;

const STATE_MARK: Record<MilestoneView['state'], string> = {
  overdue: '🔴 overdue',
  open: '🟢 now',
  upcoming: '⚪ later',
  done: '✔ done',
  skipped: '– skipped',
  waiting: '⏳ waiting',
  closed: '– ended',
};

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

function campaignBlocks(campaign: CampaignRecord, now: Date): Block[] {
  const plan = campaignPlan(campaign, now);
  const views = plan.steps;
  // The plan's next step first, then what else is open or coming, by when it opens.
  const pending = views
    .filter((v) => v.state === 'overdue' || v.state === 'open' || v.state === 'upcoming' || v.state === 'waiting')
    .sort(
      (a, b) =>
        Number(b === plan.next) - Number(a === plan.next) ||
        a.milestone.opensAt.getTime() - b.milestone.opensAt.getTime(),
    );
  const release = views.find((v) => v.milestone.id === 'release-day')?.milestone.opensAt;
  const settled = views.length - pending.length;
  const heading = [
    `*${escapeMrkdwn(campaign.title)}*`,
    `ISBN ${escapeMrkdwn(campaign.isbn.isbn13)} · ${campaign.marketplace}`,
    release ? `release ${segmentMrkdwn(onDate(release, campaign.timeZone))}` : '',
    `${settled} of ${views.length} steps settled`,
  ]
    .filter(Boolean)
    .join(' · ');
  const next = pending.slice(0, NEXT_STEPS).map((view) => {
    const { milestone, state } = view;
    const when =
      state === 'overdue' && milestone.closesAt ? 'window closed' : richMrkdwn(stepWhen(view, campaign.timeZone));
    return `${STATE_MARK[state]} · *${escapeMrkdwn(milestone.title)}* (${milestone.id}) — ${when}`;
  });
  const blocks: Block[] = [
    { type: 'divider' },
    {
      type: 'section',
      text: mrkdwn(truncate(heading, BLOCK_LIMITS.section)),
      accessory: {
        type: 'button',
        action_id: `${ACTION_PREFIX}home-status:${campaign.id}`,
        text: plain('Status'),
        value: `/preorder status campaign:${campaign.id}`,
      },
    },
    {
      type: 'section',
      text: mrkdwn(
        truncate(next.length > 0 ? next.join('\n') : 'Every step is settled. Well done!', BLOCK_LIMITS.section),
      ),
    },
  ];
  const first = pending[0];
  if (first && first.state !== 'upcoming' && first.milestone.kind !== 'daily') {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          style: 'primary',
          action_id: `${ACTION_PREFIX}home-done:${campaign.id}`,
          text: plain(truncate(`Mark "${first.milestone.title}" done`, BLOCK_LIMITS.buttonText)),
          value: `/preorder done ${first.milestone.id} campaign:${campaign.id}`,
        },
      ],
    });
  }
  return blocks;
}

/** The App Home tab: the member's active campaigns in this workspace and their next steps. */
export function homeView(campaigns: readonly CampaignRecord[], now: Date): types.HomeView {
  const blocks: Block[] = [{ type: 'header', text: plain('Your pre-order campaigns') }];
  if (campaigns.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        'No active campaigns yet. Type `/preorder start` to plan an Amazon print pre-order step by step, or `/preorder help` for everything I can do.',
      ),
    });
  }
  for (const campaign of campaigns.slice(0, MAX_CAMPAIGNS)) blocks.push(...campaignBlocks(campaign, now));
  if (campaigns.length > MAX_CAMPAIGNS) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${campaigns.length - MAX_CAMPAIGNS} more: /preorder status`)],
    });
  }
  const stamp = Math.floor(now.getTime() / 1000);
  blocks.push({
    type: 'context',
    elements: [mrkdwn(`Updated <!date^${stamp}^{date_short_pretty} {time}|${escapeMrkdwn(now.toISOString())}>`)],
  });
  return { type: 'home', blocks };
}

export interface HomeDeps {
  campaigns: Pick<CampaignService, 'listOwn'>;
  clock: Clock;
}

/** Loads the member's active campaigns in a workspace, ready for views.publish. */
export async function loadHomeView(
  deps: HomeDeps,
  who: { teamId: string; teamName?: string | undefined; userId: string; displayName: string },
): Promise<types.HomeView> {
  const campaigns = await deps.campaigns.listOwn(
    {
      platform: 'slack',
      communityExternalId: who.teamId,
      communityName: who.teamName,
      userExternalId: who.userId,
      displayName: who.displayName,
    },
    ['active'],
  );
  return homeView(campaigns, deps.clock.now());
}
