import { nextSnowflake } from './fake-discord-payloads.ts';
import type { RecordedRequest } from './fake-discord.ts';

/**
 * Guild resources of the fake Discord, routed as Discord documents them:
 * - GET/PATCH /channels/{id}: a forum's `available_tags` (new tags get ids), a thread's `applied_tags`;
 * - POST /channels/{forum}/threads: a forum post, with its first `message` and `applied_tags`;
 * - GET/POST /guilds/{id}/scheduled-events, PATCH/DELETE /guilds/{id}/scheduled-events/{event}.
 * Scheduled events refuse with 403 / 50013 "Missing Permissions" while `eventsForbidden` is set,
 * and with 400 / 30038 once a guild holds 100 scheduled or active events (Discord's cap).
 */
export interface FakeChannel {
  id: string;
  guild_id: string;
  type: number;
  name: string;
  parent_id?: string;
  available_tags?: { id: string; name: string; moderated: boolean; emoji_id: null; emoji_name: null }[];
  applied_tags?: string[];
  message?: Record<string, unknown>;
}

export interface FakeScheduledEvent extends Record<string, unknown> {
  id: string;
  guild_id: string;
  name: string;
  status: number;
}

export const EVENT_CAP = 100;
const GUILD_FORUM = 15;
const PUBLIC_THREAD = 11;

export class FakeGuildResources {
  readonly channels = new Map<string, FakeChannel>();
  readonly events = new Map<string, FakeScheduledEvent>();
  eventsForbidden = false;

  addChannel(channel: Omit<FakeChannel, 'id'> & { id?: string }): FakeChannel {
    const made = { ...channel, id: channel.id ?? nextSnowflake() };
    this.channels.set(made.id, made);
    return made;
  }

  addForum(guildId: string, name = 'campaigns'): FakeChannel {
    return this.addChannel({ guild_id: guildId, type: GUILD_FORUM, name, available_tags: [] });
  }

  threadsOf(forumId: string): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.parent_id === forumId);
  }

  eventsOf(guildId: string): FakeScheduledEvent[] {
    return [...this.events.values()].filter((e) => e.guild_id === guildId);
  }

  /** The answer for a guild resource route, or null when the path is not one. */
  route(r: RecordedRequest): [number, unknown] | null {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const channel = /^\/channels\/(\d+)$/.exec(r.path);
    if (channel) return this.channelRoute(r.method, channel[1]!, body);
    const threads = /^\/channels\/(\d+)\/threads$/.exec(r.path);
    if (threads && r.method === 'POST') return this.createThread(threads[1]!, body);
    const list = /^\/guilds\/(\d+)\/scheduled-events$/.exec(r.path);
    if (list) return this.eventsRoute(r.method, list[1]!, null, body);
    const one = /^\/guilds\/(\d+)\/scheduled-events\/(\d+)$/.exec(r.path);
    if (one) return this.eventsRoute(r.method, one[1]!, one[2]!, body);
    return null;
  }

  private channelRoute(method: string, id: string, body: Record<string, unknown>): [number, unknown] | null {
    const found = this.channels.get(id);
    if (!found) return [404, { message: 'Unknown Channel', code: 10003 }];
    if (method === 'GET') return [200, found];
    if (method !== 'PATCH') return null;
    if (Array.isArray(body.available_tags)) {
      found.available_tags = (body.available_tags as { id?: string; name: string }[]).map((t) => ({
        id: t.id ?? nextSnowflake(),
        name: t.name,
        moderated: false,
        emoji_id: null,
        emoji_name: null,
      }));
    }
    if (Array.isArray(body.applied_tags)) found.applied_tags = body.applied_tags as string[];
    return [200, found];
  }

  private createThread(forumId: string, body: Record<string, unknown>): [number, unknown] {
    const forum = this.channels.get(forumId);
    if (!forum) return [404, { message: 'Unknown Channel', code: 10003 }];
    if (forum.type !== GUILD_FORUM) return [400, { message: 'Invalid Form Body', code: 50035 }];
    const id = nextSnowflake();
    const thread = this.addChannel({
      id,
      guild_id: forum.guild_id,
      type: PUBLIC_THREAD,
      name: String(body.name ?? ''),
      parent_id: forumId,
      applied_tags: (body.applied_tags as string[] | undefined) ?? [],
      message: { id, channel_id: id, ...((body.message as Record<string, unknown>) ?? {}) },
    });
    return [201, thread];
  }

  private eventsRoute(
    method: string,
    guildId: string,
    eventId: string | null,
    body: Record<string, unknown>,
  ): [number, unknown] | null {
    if (method === 'GET' && !eventId) return [200, this.eventsOf(guildId)];
    if (this.eventsForbidden) return [403, { message: 'Missing Permissions', code: 50013 }];
    if (method === 'POST' && !eventId) {
      const live = this.eventsOf(guildId).filter((e) => e.status === 1 || e.status === 2);
      if (live.length >= EVENT_CAP) {
        return [400, { message: 'Maximum number of uncompleted guild scheduled events reached (100)', code: 30038 }];
      }
      const event: FakeScheduledEvent = {
        ...body,
        id: nextSnowflake(),
        guild_id: guildId,
        name: String(body.name),
        status: 1,
      };
      this.events.set(event.id, event);
      return [200, event];
    }
    const found = eventId ? this.events.get(eventId) : undefined;
    if (!found || found.guild_id !== guildId) return [404, { message: 'Unknown Guild Scheduled Event', code: 10070 }];
    if (method === 'PATCH') {
      Object.assign(found, body);
      return [200, found];
    }
    if (method === 'DELETE') {
      this.events.delete(found.id);
      return [204, null];
    }
    return null;
  }
}
