import { RateLimitError, REST, Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Platform } from '../../app/ports.ts';
import { DeliveryError, type Delivery, type Notifier } from '../../app/reminders/ports.ts';
import { discardReplyFiles, readReplyFiles, withFileNotes, type LoadedFile } from '../reply-files.ts';
import { RequestPacer } from '../request-pacer.ts';
import { toDeliveryError } from './discord-errors.ts';
import { DEFAULT_ATTACHMENT_LIMIT, restFiles, withEmbedImage } from './discord-files.ts';
import type { FormStore } from './form-store.ts';
import { DiscordThreads } from './discord-threads.ts';
import { DiscordGuildEvents } from './discord-events.ts';
import { renderReply, type DiscordMessage } from './render-discord.ts';

export interface DiscordNotifierOptions {
  token: string;
  /** REST base, e.g. https://discord.com/api (or a proxy, or the test fake). */
  api: string;
  /** Per request; the sweeper has its own, longer, delivery timeout around each delivery. */
  timeoutMs?: number;
  /** Keeps the forms of a message's buttons, so they open after a restart too. */
  forms?: FormStore;
}

/** Discord's global limit: 50 requests a second per bot (interaction replies do not count). */
const GLOBAL_LIMIT_PER_SECOND = 50;

type MessageBody = DiscordMessage & Pick<RESTPostAPIChannelMessageJSONBody, 'allowed_mentions'>;

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
  private readonly forms: FormStore | undefined;
  private readonly pacer: RequestPacer;
  readonly threads: DiscordThreads;
  readonly guildEvents: DiscordGuildEvents;

  constructor(options: DiscordNotifierOptions) {
    this.forms = options.forms;
    this.pacer = new RequestPacer(GLOBAL_LIMIT_PER_SECOND, 1000);
    this.rest = new REST({
      api: options.api,
      rejectOnRateLimit: () => true,
      retries: 0,
      timeout: options.timeoutMs ?? 10_000,
    }).setToken(options.token);
    this.threads = new DiscordThreads(this.rest, this.pacer);
    this.guildEvents = new DiscordGuildEvents(this.rest, this.pacer);
  }

  async deliver(delivery: Delivery): Promise<void> {
    const { to, reply } = delivery;
    try {
      await this.forms?.remember(reply.actions);
      const { loaded, problems } = await readReplyFiles(reply, DEFAULT_ATTACHMENT_LIMIT);
      const render = (options: { mentionUserId?: string } = {}) =>
        withEmbedImage(renderReply(withFileNotes(reply, problems), options), loaded);
      switch (to.kind) {
        case 'dm':
          await this.sendDm(to.memberExternalId, { ...render(), allowed_mentions: { parse: [] } }, loaded);
          break;
        case 'channel': {
          const mention = to.mentionMemberExternalId;
          const body = mention
            ? // The one deliberate mention: the member whose DMs are closed, and nobody else.
              { ...render({ mentionUserId: mention }), allowed_mentions: { parse: [], users: [mention] } }
            : { ...render(), allowed_mentions: { parse: [] } };
          // A thread is a channel of its own: a campaign's post goes straight into it.
          await this.post(to.threadId ?? to.channelId, body, loaded);
          break;
        }
        case 'moderators':
          if (!to.channelId) {
            throw new DeliveryError('permanent', 'the community has no announcement channel for moderator notes');
          }
          await this.post(to.channelId, { ...render(), allowed_mentions: { parse: [] } }, loaded);
          break;
      }
      await discardReplyFiles(loaded.map((f) => f.file));
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** Stops the REST client's background sweeps. */
  close(): void {
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }

  private async sendDm(userId: string, body: MessageBody, files: readonly LoadedFile[]): Promise<void> {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      const channel = (await this.pacer.run(() =>
        this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
      )) as { id: string };
      channelId = channel.id;
      if (this.dmChannels.size >= DM_CACHE_LIMIT) this.dmChannels.delete(this.dmChannels.keys().next().value!);
      this.dmChannels.set(userId, channelId);
    }
    try {
      await this.post(channelId, body, files);
    } catch (error) {
      // A refused or vanished DM channel is opened afresh next time; a rate limit says nothing about it.
      if (!(error instanceof RateLimitError)) this.dmChannels.delete(userId);
      throw error;
    }
  }

  private async post(channelId: string, body: MessageBody, loaded: readonly LoadedFile[]): Promise<void> {
    if (loaded.length === 0) {
      await this.pacer.run(() => this.rest.post(Routes.channelMessages(channelId), { body }));
      return;
    }
    // Multipart: the JSON goes as payload_json and names each file by its index.
    const { files, attachments } = restFiles(loaded);
    await this.pacer.run(() =>
      this.rest.post(Routes.channelMessages(channelId), { body: { ...body, attachments }, files }),
    );
  }
}
