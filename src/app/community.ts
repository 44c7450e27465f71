import type { CampaignStore } from './campaigns/ports.ts';
import type { Actor, CommunityRecord } from './ports.ts';

/** Where a request came from: the platform's community, with its name when the platform gave one. */
export type CommunityRef = Pick<Actor, 'platform' | 'communityExternalId' | 'communityName'>;

/**
 * The community a request came from, created on its first request with the name the platform gave
 * and the operator's default zone. Commands, autocomplete, App Home, a Discord server's first
 * interaction and the console all start a community this one way.
 */
export function ensureCommunityOf(
  store: Pick<CampaignStore, 'ensureCommunity'>,
  where: CommunityRef,
  defaults: { defaultTimeZone: string; announcementChannelId?: string },
): Promise<CommunityRecord> {
  return store.ensureCommunity(where.platform, where.communityExternalId, {
    ...(where.communityName ? { name: where.communityName } : {}),
    ...defaults,
  });
}
