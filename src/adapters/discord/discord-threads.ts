import { ChannelType, Routes, type REST } from 'discord.js';
import type { Platform } from '../../app/ports.ts';
import { THREAD_TAG_NAMES, type ThreadLook, type ThreadPublisher, type ThreadRef } from '../../app/threads/ports.ts';
import type { RequestPacer } from '../request-pacer.ts';
import { toDeliveryError } from './discord-errors.ts';

interface ForumTag {
  id: string;
  name: string;
  moderated?: boolean;
  emoji_id?: string | null;
  emoji_name?: string | null;
}

/** Discord caps a thread's name at 100 characters. */
const NAME_LIMIT = 100;
/** A week without posts before Discord archives the post; any new post revives it. */
const ARCHIVE_MINUTES = 10_080;

/**
 * A forum post per campaign. Its tags follow the board: one phase tag, plus "At risk" while it
 * is. The forum's missing tags are added once (PATCH available_tags, keeping the moderators' own).
 */
export class DiscordThreads implements ThreadPublisher {
  readonly platforms: readonly Platform[] = ['discord'];

  constructor(
    private readonly rest: REST,
    private readonly pacer: RequestPacer,
  ) {}

  async open(_guildId: string, forumId: string, look: ThreadLook): Promise<ThreadRef> {
    try {
      const applied = await this.tagIds(forumId, look);
      const thread = (await this.pacer.run(() =>
        this.rest.post(Routes.threads(forumId), {
          body: {
            name: threadName(look.title),
            auto_archive_duration: ARCHIVE_MINUTES,
            applied_tags: applied,
            message: {
              content: `Posts about "${look.title}" go here: when its listing is live, release day, and news for the group.`,
              allowed_mentions: { parse: [] },
            },
          },
        }),
      )) as { id: string };
      return { channelId: forumId, threadId: thread.id };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async restyle(_guildId: string, ref: ThreadRef, look: ThreadLook): Promise<void> {
    try {
      const applied = await this.tagIds(ref.channelId, look);
      await this.pacer.run(() => this.rest.patch(Routes.channel(ref.threadId), { body: { applied_tags: applied } }));
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** True for a forum channel of this server. */
  async isForum(guildId: string, channelId: string): Promise<boolean> {
    try {
      const channel = (await this.pacer.run(() => this.rest.get(Routes.channel(channelId)))) as {
        type?: number;
        guild_id?: string;
      };
      return channel.type === ChannelType.GuildForum && channel.guild_id === guildId;
    } catch {
      return false;
    }
  }

  private async tagIds(forumId: string, look: ThreadLook): Promise<string[]> {
    const forum = (await this.pacer.run(() => this.rest.get(Routes.channel(forumId)))) as {
      available_tags?: ForumTag[];
    };
    let tags = forum.available_tags ?? [];
    const missing = Object.values(THREAD_TAG_NAMES).filter((name) => !tags.some((t) => t.name === name));
    if (missing.length > 0) {
      const keep = tags.map((t) => ({
        id: t.id,
        name: t.name,
        moderated: t.moderated ?? false,
        emoji_id: t.emoji_id ?? null,
        emoji_name: t.emoji_name ?? null,
      }));
      // Adding tags needs Manage Channels; without it the post still goes out, with the tags the
      // moderators made by hand (or none).
      const updated = (await this.pacer
        .run(() =>
          this.rest.patch(Routes.channel(forumId), {
            body: { available_tags: [...keep, ...missing.map((name) => ({ name }))] },
          }),
        )
        .catch(() => ({ available_tags: tags }))) as { available_tags?: ForumTag[] };
      tags = updated.available_tags ?? tags;
    }
    const wanted = [THREAD_TAG_NAMES[look.phase], ...(look.atRisk ? [THREAD_TAG_NAMES['at-risk']] : [])];
    return wanted.flatMap((name) => tags.filter((t) => t.name === name).map((t) => t.id));
  }
}

function threadName(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length <= NAME_LIMIT ? flat : `${flat.slice(0, NAME_LIMIT - 1)}…`;
}
