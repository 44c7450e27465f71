import { auditActor, type RequestContext } from '../context.ts';
import type { CampaignStore, CommunityRecord } from '../ports.ts';
import { reply, type Reply } from '../reply.ts';

export interface CommunitySettingsArgs {
  /** a channel id; null clears it */
  channel?: string | null | undefined;
}

/** Community-wide settings moderators manage; dispatch has already checked the caller is one. */
export class CommunityService {
  constructor(private readonly store: CampaignStore) {}

  async settings(ctx: RequestContext, args: CommunitySettingsArgs): Promise<Reply> {
    if (args.channel === undefined) return settingsReply(ctx.community, 'Community settings');
    const updated = await this.store.updateCommunity(
      ctx.community.id,
      { announcementChannelId: args.channel },
      {
        actorId: auditActor(ctx),
        action: 'community.settings',
        details: { announcementChannelId: { from: ctx.community.announcementChannelId, to: args.channel } },
      },
      ctx.now,
    );
    return settingsReply(updated, 'Community settings updated', 'success');
  }
}

function settingsReply(community: CommunityRecord, title: string, tone: 'info' | 'success' = 'info'): Reply {
  const channel = community.announcementChannelId;
  return reply({
    tone,
    title,
    fields: [
      {
        label: 'Announcement channel',
        value: channel
          ? [{ channel }]
          : ['none: milestone posts, the daily digest and DM fallbacks are not sent; set one with channel:'],
      },
      { label: 'Default time zone', value: [community.defaultTimeZone] },
      { label: 'Daily digest', value: [`${String(community.digestHour).padStart(2, '0')}:00 community time`] },
    ],
  });
}
