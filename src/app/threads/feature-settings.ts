import { UserError } from '../../core/errors.ts';
import type { RequestContext } from '../context.ts';
import type { ReplyField } from '../reply.ts';
import type { ChannelFeatures, ChannelFeatureStore, ForumCheck } from './ports.ts';

export interface ChannelFeatureArgs {
  threads?: boolean | undefined;
  /** a forum channel id; null clears it */
  forum?: string | null | undefined;
  events?: boolean | undefined;
}

/**
 * The threads and events switches of `/preorder-admin settings`. Everything is checked before
 * anything is written; a change clears the remembered "events not permitted" note, so moderators
 * who fixed the permission and touch the settings get events (or one fresh note) again.
 */
export class ChannelFeatureSettings {
  constructor(
    private readonly store: ChannelFeatureStore,
    private readonly forums: ForumCheck,
  ) {}

  current(communityId: string): Promise<ChannelFeatures> {
    return this.store.get(communityId);
  }

  /** The change the options ask for, or null; throws a friendly error naming the option first. */
  async plan(ctx: RequestContext, args: ChannelFeatureArgs): Promise<Partial<ChannelFeatures> | null> {
    const { platform, externalId } = ctx.community;
    const discord = platform === 'discord';
    if (args.events !== undefined && !discord) {
      throw new UserError({
        field: 'events',
        code: 'unsupported',
        message: 'Release-day events are Discord scheduled events, so events: works on Discord only.',
      });
    }
    if (args.forum !== undefined && args.forum !== null && !discord) {
      throw new UserError({
        field: 'forum',
        code: 'unsupported',
        message:
          'forum: is for Discord. Here, threads:on gives each campaign a parent message in the announcement channel, with its posts as replies.',
      });
    }
    const current = await this.store.get(ctx.community.id);
    const patch: Partial<ChannelFeatures> = {};
    if (args.forum !== undefined) {
      if (args.forum !== null && !(await this.forums.isForum(platform, externalId, args.forum))) {
        throw new UserError({
          field: 'forum',
          code: 'invalid',
          message: 'forum: must be a forum channel of this server (a channel of posts, not a text channel).',
        });
      }
      patch.threadsForumId = args.forum;
    }
    if (args.threads !== undefined) patch.threadsEnabled = args.threads;
    const forumAfter = patch.threadsForumId !== undefined ? patch.threadsForumId : current.threadsForumId;
    if (discord && (patch.threadsEnabled ?? current.threadsEnabled) && !forumAfter) {
      throw new UserError({
        field: 'forum',
        code: 'required',
        message: 'threads:on needs a forum to hold them: add forum:#your-forum (a forum channel of this server).',
      });
    }
    if (args.events !== undefined) patch.eventsEnabled = args.events;
    const changed = (Object.keys(patch) as (keyof ChannelFeatures)[]).some((k) => patch[k] !== current[k]);
    // Saying events: again after fixing the permission is how moderators ask for another try.
    const retry = args.events !== undefined && current.eventsBlockedAt !== null;
    return changed || retry ? { ...patch, eventsBlockedAt: null } : null;
  }

  apply(communityId: string, patch: Partial<ChannelFeatures>): Promise<ChannelFeatures> {
    return this.store.set(communityId, patch);
  }

  fields(features: ChannelFeatures, platform: string): ReplyField[] {
    const threads = features.threadsEnabled
      ? platform === 'discord' && features.threadsForumId
        ? [{ channel: features.threadsForumId }, ': one forum post per campaign, tagged with its phase']
        : ['on: each campaign has a parent message in the announcement channel, its posts as replies']
      : ['off: campaign posts go to the announcement channel; threads:on changes that'];
    const fields: ReplyField[] = [{ label: 'Campaign threads', value: threads }];
    if (platform === 'discord') {
      const events = !features.eventsEnabled
        ? 'off; events:on makes a server event for each release day in the next 60 days'
        : features.eventsBlockedAt
          ? 'on, but Discord refused: give the bot Manage Events (or Create Events), then change a setting here'
          : 'on: a server event for each release day in the next 60 days';
      fields.push({ label: 'Release-day events', value: [events] });
    }
    return fields;
  }
}
