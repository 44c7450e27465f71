import type { CampaignStore } from '../app/campaigns/ports.ts';
import type { Clock, Platform } from '../app/ports.ts';
import type { Delivery, Notifier } from '../app/reminders/ports.ts';
import { threadLook } from '../app/threads/phase.ts';
import {
  lookKey,
  type CampaignThreadRecord,
  type CampaignThreadStore,
  type ChannelFeatureStore,
  type ThreadPublisher,
} from '../app/threads/ports.ts';
import type { SweeperLogger } from './reminder-sweeper.ts';

export interface ThreadingDeps {
  features: ChannelFeatureStore;
  threads: CampaignThreadStore;
  campaigns: Pick<CampaignStore, 'getCommunity' | 'listCommunityCampaigns'>;
  clock: Clock;
  logger: Pick<SweeperLogger, 'warn'>;
}

/**
 * With threads on, a campaign's channel posts (listing live, release day) go to its own thread:
 * a forum post on Discord, under a parent message on Slack, named in the console. The thread is
 * opened on the first post and restyled (tags, parent text) whenever its phase has changed since.
 * The daily digest and the DM-fallback mention carry no campaign and stay in the channel.
 */
/** Campaigns read per community in a refresh pass. */
const REFRESH_LIMIT = 2000;

export class ThreadingNotifier implements Notifier {
  private readonly publishers = new Map<Platform, ThreadPublisher>();

  constructor(
    private readonly inner: Notifier,
    publishers: readonly ThreadPublisher[],
    private readonly deps: ThreadingDeps,
  ) {
    for (const publisher of publishers)
      for (const platform of publisher.platforms) this.publishers.set(platform, publisher);
  }

  get platforms(): readonly Platform[] {
    return this.inner.platforms;
  }

  async deliver(delivery: Delivery): Promise<void> {
    const { to, campaign } = delivery;
    if (to.kind !== 'channel' || !campaign || to.mentionMemberExternalId) return this.inner.deliver(delivery);
    const features = await this.deps.features.get(campaign.communityId);
    if (!features.threadsEnabled) return this.inner.deliver(delivery);
    const publisher = this.publishers.get(delivery.platform);
    if (!publisher) return this.inner.deliver({ ...delivery, to: { ...to, threadLabel: campaign.title } });
    const parent = delivery.platform === 'discord' ? features.threadsForumId : to.channelId;
    if (!parent) return this.inner.deliver(delivery);

    const look = threadLook(campaign, this.deps.clock.now());
    let thread = await this.deps.threads.get(campaign.id);
    if (!thread || thread.channelId !== parent) {
      // No thread yet, or moderators picked another forum since: a new one where they look now.
      const ref = await publisher.open(to.communityExternalId, parent, look);
      thread = { campaignId: campaign.id, ...ref, phase: lookKey(look) };
      await this.deps.threads.save(thread);
    } else if (thread.phase !== lookKey(look)) {
      await this.restyle(publisher, to.communityExternalId, thread, look);
    }
    await this.inner.deliver({
      ...delivery,
      to: { ...to, channelId: thread.channelId, threadId: thread.threadId, threadLabel: campaign.title },
    });
  }

  /** Each campaign's thread (its forum post on Discord), for links in the digest. */
  async threadIds(campaignIds: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.deps.threads.many(campaignIds)).map((t) => [t.campaignId, t.threadId]));
  }

  /**
   * Phases change with time alone (the launch window opens, release day comes), between posts:
   * a periodic pass restyles every thread whose campaign's phase differs from what it shows.
   */
  async refreshAll(): Promise<void> {
    const now = this.deps.clock.now();
    for (const id of await this.deps.features.withThreads()) {
      const community = await this.deps.campaigns.getCommunity(id);
      const publisher = community && this.publishers.get(community.platform);
      if (!community || !publisher) continue;
      const campaigns = await this.deps.campaigns.listCommunityCampaigns(id, ['active', 'completed'], REFRESH_LIMIT);
      const byId = new Map(campaigns.map((c) => [c.id, c]));
      for (const thread of await this.deps.threads.many([...byId.keys()])) {
        const look = threadLook(byId.get(thread.campaignId)!, now);
        if (thread.phase !== lookKey(look)) await this.restyle(publisher, community.externalId, thread, look);
      }
    }
  }

  /** A phase that cannot be shown (a deleted tag, a rate limit) must not hold back the post itself. */
  private async restyle(
    publisher: ThreadPublisher,
    communityExternalId: string,
    thread: CampaignThreadRecord,
    look: ReturnType<typeof threadLook>,
  ): Promise<void> {
    try {
      await publisher.restyle(communityExternalId, thread, look);
      await this.deps.threads.save({ ...thread, phase: lookKey(look) });
    } catch (error) {
      this.deps.logger.warn(
        { campaign: thread.campaignId, err: error instanceof Error ? error.message : String(error) },
        'could not show the new phase on the campaign thread',
      );
    }
  }
}
