import { REST, Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Platform } from '../../app/ports.ts';
import { DeliveryError, type Delivery, type Notifier } from '../../app/reminders/ports.ts';
import { toDeliveryError } from './discord-errors.ts';
import { renderReply } from './render-discord.ts';

export interface DiscordNotifierOptions {
  token: string;
  /** REST base, e.g. https://discord.com/api (or a proxy, or the test fake). */
  api: string;
  /** Per request; the sweeper has its own, longer, delivery timeout around each delivery. */
  timeoutMs?: number;
}

/** DM channels opened so far, so a member's second reminder costs one request, not two. */
const DM_CACHE_LIMIT = 10_000;

/**
 * Sends reminders through Discord's REST API: a DM (open the DM channel, then post), a channel
 * post, or a note to moderators in the announcement channel. It has its own REST client that
 * neither waits out rate limits nor retries server errors, so the sweeper's retry policy (with
 * Retry-After, back-off and give-up) decides, instead of a hidden in-library wait that would hold
 * a claimed row.
 */
export class DiscordNotifier implements Notifier {
  readonly platforms: readonly Platform[] = ['discord'];
  private readonly rest: REST;
  private readonly dmChannels = new Map<string, string>();

  constructor(options: DiscordNotifierOptions) {
    this.rest = new REST({
      api: options.api,
      rejectOnRateLimit: () => true,
      retries: 0,
      timeout: options.timeoutMs ?? 10_000,
    }).setToken(options.token);
  }

  async deliver(delivery: Delivery): Promise<void> {
    const { to, reply } = delivery;
    try {
      switch (to.kind) {
        case 'dm':
          return await this.sendDm(to.memberExternalId, { ...renderReply(reply), allowed_mentions: { parse: [] } });
        case 'channel': {
          const mention = to.mentionMemberExternalId;
          const body = mention
            ? // The one deliberate mention: the member whose DMs are closed, and nobody else.
              { ...renderReply(reply, { mentionUserId: mention }), allowed_mentions: { parse: [], users: [mention] } }
            : { ...renderReply(reply), allowed_mentions: { parse: [] } };
          await this.post(to.channelId, body);
          return;
        }
        case 'moderators':
          if (!to.channelId) {
            throw new DeliveryError('permanent', 'the community has no announcement channel for moderator notes');
          }
          await this.post(to.channelId, { ...renderReply(reply), allowed_mentions: { parse: [] } });
          return;
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** Stops the REST client's background sweeps. */
  close(): void {
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }

  private async sendDm(userId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<void> {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      channelId = channel.id;
      if (this.dmChannels.size >= DM_CACHE_LIMIT) this.dmChannels.delete(this.dmChannels.keys().next().value!);
      this.dmChannels.set(userId, channelId);
    }
    try {
      await this.post(channelId, body);
    } catch (error) {
      // A refused or vanished DM channel is opened afresh next time.
      this.dmChannels.delete(userId);
      throw error;
    }
  }

  private async post(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<void> {
    await this.rest.post(Routes.channelMessages(channelId), { body });
  }
}
