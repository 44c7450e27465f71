import type { webApi } from '@slack/bolt';
import type { Platform } from '../../app/ports.ts';
import { DeliveryError, type Delivery, type Notifier } from '../../app/reminders/ports.ts';
import { reply as makeReply, type Reply } from '../../app/reply.ts';
import { discardReplyFiles, readReplyFiles } from '../reply-files.ts';
import { renderReply, type SlackMessage } from './render-slack.ts';
import { toDeliveryError } from './slack-errors.ts';
import { uploadFiles } from './slack-files.ts';
import type { WorkspaceDirectory } from './workspaces.ts';
import { SlackThreads, workspaceToken } from './slack-threads.ts';

const DM_CACHE_LIMIT = 10_000;

/**
 * Reminders leave Slack through here: a DM (`conversations.open`, then `chat.postMessage`), a post
 * in the community's announcement channel (with the one deliberate mention for a member whose DMs
 * are closed), or a note for the moderators in that channel. Retries and fallbacks are the
 * sweeper's; this only maps Slack's answers to a DeliveryError.
 */
export class SlackNotifier implements Notifier {
  readonly platforms: readonly Platform[] = ['slack'];
  /** DM channels opened so far (`team:user` → channel): a member's next reminder costs one call, not two. */
  private readonly dmChannels = new Map<string, string>();
  readonly threads: SlackThreads;

  /** `client` must not retry or sleep through rate limits (see slack-adapter.ts). */
  constructor(
    private readonly client: webApi.WebClient,
    private readonly workspaces: WorkspaceDirectory,
  ) {
    this.threads = new SlackThreads(client, workspaces);
  }

  async deliver(delivery: Delivery): Promise<void> {
    const { to } = delivery;
    // A database error while looking up the token is thrown on as transient (toDeliveryError).
    try {
      const token = await workspaceToken(this.workspaces, to.communityExternalId);
      // Files go first, next to where the message will be: a failed upload is retried before
      // anything was posted, so the member never gets the message twice.
      const { loaded } = await readReplyFiles(delivery.reply);
      const withFiles = async (channel: string) => {
        if (loaded.length > 0) await uploadFiles(this.client, channel, loaded, { token });
      };
      switch (to.kind) {
        case 'dm': {
          const key = `${to.communityExternalId}:${to.memberExternalId}`;
          const channel = await this.openDm(token, key, to.memberExternalId);
          try {
            await withFiles(channel);
            await this.post(token, channel, renderReply(delivery.reply));
          } catch (error) {
            // A refused or vanished DM is opened afresh next time; a rate limit says nothing about it.
            if (toDeliveryError(error, 'dm').reason !== 'rate-limited') this.dmChannels.delete(key);
            throw error;
          }
          break;
        }
        case 'channel':
          await withFiles(to.channelId);
          await this.post(
            token,
            to.channelId,
            renderReply(delivery.reply, { mentionUserId: to.mentionMemberExternalId }),
            to.threadId,
          );
          break;
        case 'moderators':
          if (!to.channelId) {
            throw new DeliveryError(
              'permanent',
              'no announcement channel to tell the moderators in; set one with /preorder-admin settings channel:#name',
            );
          }
          await withFiles(to.channelId);
          await this.post(token, to.channelId, renderReply(forModerators(delivery.reply)));
          break;
      }
      await discardReplyFiles(loaded.map((f) => f.file));
    } catch (error) {
      throw toDeliveryError(error, to.kind);
    }
  }

  private async openDm(token: string, key: string, user: string): Promise<string> {
    const known = this.dmChannels.get(key);
    if (known) return known;
    const opened = await this.client.conversations.open({ token, users: user });
    const channel = opened.channel?.id;
    if (!channel) throw new DeliveryError('transient', 'conversations.open returned no channel');
    if (this.dmChannels.size >= DM_CACHE_LIMIT) this.dmChannels.delete(this.dmChannels.keys().next().value!);
    this.dmChannels.set(key, channel);
    return channel;
  }

  private async post(token: string, channel: string, message: SlackMessage, threadTs?: string): Promise<void> {
    await this.client.chat.postMessage({
      token,
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}

function forModerators(original: Reply): Reply {
  return makeReply({ ...original, title: `For moderators: ${original.title}` });
}
