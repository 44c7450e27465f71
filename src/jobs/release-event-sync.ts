import { createHash } from 'node:crypto';
import type { CampaignStore } from '../app/campaigns/ports.ts';
import {
  GuildEventRefusal,
  type GuildEventApi,
  type ReleaseEventRow,
  type ReleaseEventStore,
} from '../app/events/ports.ts';
import { DISCORD_EVENT_CAP, eventCandidates, type ReleaseEventSpec } from '../app/events/release-event-plan.ts';
import type { Clock, CommunityRecord } from '../app/ports.ts';
import type { Notifier } from '../app/reminders/ports.ts';
import { reply } from '../app/reply.ts';
import type { ChannelFeatureStore } from '../app/threads/ports.ts';
import type { SweeperLogger } from './reminder-sweeper.ts';

export interface ReleaseEventSyncDeps {
  api: GuildEventApi;
  events: ReleaseEventStore;
  features: ChannelFeatureStore;
  campaigns: Pick<CampaignStore, 'listCommunityCampaigns' | 'getCommunity'>;
  notifier: Notifier;
  clock: Clock;
  logger: Pick<SweeperLogger, 'warn' | 'error'>;
}

/** Campaigns read per community; far more than the 100 events Discord allows. */
const CAMPAIGN_LIMIT = 2000;
/** How long after a command the sync runs, so a burst of edits costs one pass. */
const DEBOUNCE_MS = 2000;

const hashOf = (spec: ReleaseEventSpec) => createHash('sha256').update(JSON.stringify(spec)).digest('hex');

/**
 * Keeps each Discord community's release-day events in step with its campaigns: creates events
 * for releases in the next 60 days (soonest first, never past Discord's 100 per server counting
 * everyone's), updates moved ones, deletes those of cancelled, completed, forgotten or out-of-range
 * campaigns, and all of them when moderators turn events off. A missing permission is noted once
 * to the moderators and remembered: no calls until the settings change.
 */
export class ReleaseEventSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ReleaseEventSyncDeps) {}

  /** Runs a pass soon (after a command that may have moved a release), once for a burst. */
  soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A pass logs its own failures and never rejects.
      this.syncAll().catch(() => undefined);
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  /** One pass over every community that needs one; passes never overlap. */
  syncAll(): Promise<void> {
    this.running = this.running.then(() => this.pass());
    return this.running;
  }

  stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      for (const id of await this.deps.events.communitiesToSync()) {
        const community = await this.deps.campaigns.getCommunity(id);
        if (community?.platform === 'discord') await this.syncCommunity(community);
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'release-day events: sync failed; the next pass tries again');
    }
  }

  async syncCommunity(community: CommunityRecord): Promise<void> {
    const { api, events, features: featureStore } = this.deps;
    const features = await featureStore.get(community.id);
    // Refused before: wait for the moderators (a settings change clears this), never loop.
    if (features.eventsBlockedAt) return;
    const now = this.deps.clock.now();
    const campaigns = features.eventsEnabled
      ? await this.deps.campaigns.listCommunityCampaigns(community.id, ['active'], CAMPAIGN_LIMIT)
      : [];
    const wanted = new Map(eventCandidates(campaigns, now).map((spec) => [spec.campaignId, spec]));
    const guild = community.externalId;
    try {
      const rows = await events.forCommunity(community.id);
      for (const row of rows) {
        const spec = wanted.get(row.campaignId);
        if (!spec) {
          await api.remove(row.guildId, row.eventId);
          await events.remove(row.campaignId);
        } else if (hashOf(spec) !== row.contentHash) {
          await api.update(row.guildId, row.eventId, spec);
          await events.save({ ...row, contentHash: hashOf(spec) });
        }
      }
      const kept = rows.filter((r) => wanted.has(r.campaignId));
      const have = new Set(kept.map((r) => r.campaignId));
      const missing = [...wanted.values()].filter((spec) => !have.has(spec.campaignId));
      if (missing.length === 0) return;
      const free = DISCORD_EVENT_CAP - (await api.countLive(guild));
      const room = await this.makeRoom(kept, wanted, missing, free);
      for (const spec of missing.slice(0, room)) {
        const eventId = await api.create(guild, spec);
        await events.save({
          campaignId: spec.campaignId,
          communityId: community.id,
          guildId: guild,
          eventId,
          contentHash: hashOf(spec),
        });
      }
    } catch (error) {
      if (!(error instanceof GuildEventRefusal)) throw error;
      // The cap: the rest wait for a free slot on a later pass, like releases beyond 60 days.
      if (error.reason === 'forbidden') await this.blocked(community, now);
    }
  }

  /**
   * Soonest first, even when the server is full: while one of our events is for a later release
   * than a missing one, it gives its slot up (it is made again when there is room). Returns how
   * many events may be created.
   */
  private async makeRoom(
    kept: readonly ReleaseEventRow[],
    wanted: ReadonlyMap<string, ReleaseEventSpec>,
    missing: readonly ReleaseEventSpec[],
    free: number,
  ): Promise<number> {
    let room = Math.max(0, free);
    const latestFirst = [...kept].sort(
      (a, b) => wanted.get(b.campaignId)!.start.getTime() - wanted.get(a.campaignId)!.start.getTime(),
    );
    for (const row of latestFirst) {
      const next = missing[room];
      if (!next || wanted.get(row.campaignId)!.start.getTime() <= next.start.getTime()) break;
      await this.deps.api.remove(row.guildId, row.eventId);
      await this.deps.events.remove(row.campaignId);
      room += 1;
    }
    return room;
  }

  private async blocked(community: CommunityRecord, now: Date): Promise<void> {
    await this.deps.features.set(community.id, { eventsBlockedAt: now });
    this.deps.logger.warn({ community: community.id }, 'release-day events: Discord refused (missing permission)');
    if (!community.announcementChannelId) return;
    await this.deps.notifier
      .deliver({
        platform: 'discord',
        to: {
          kind: 'moderators',
          communityExternalId: community.externalId,
          channelId: community.announcementChannelId,
        },
        reply: reply({
          tone: 'warning',
          title: 'Release-day events need a permission',
          lines: [
            'Discord refused to let me create server events for release days: I am missing a permission.',
            'Give my role Manage Events (Create Events in newer servers), then run /preorder-admin settings events:on and I will add them. I will not try again until then.',
          ],
        }),
      })
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'release-day events: could not tell the moderators'),
      );
  }
}
