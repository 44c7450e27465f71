import type { Platform } from '../ports.ts';
import type { ForumCheck, ThreadPublisher } from './ports.ts';

/**
 * Asks the platform that has forums (Discord) whether a channel is one. The publishers are added
 * after the app is composed, when the adapters exist; until then, and on platforms without
 * forums, nothing is a forum.
 */
export class LateForumCheck implements ForumCheck {
  readonly publishers: ThreadPublisher[] = [];

  async isForum(platform: Platform, communityExternalId: string, channelId: string): Promise<boolean> {
    const publisher = this.publishers.find((p) => p.platforms.includes(platform));
    return publisher?.isForum ? publisher.isForum(communityExternalId, channelId) : false;
  }
}
