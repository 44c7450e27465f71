import type { ReleaseEventSpec } from './release-event-plan.ts';

/** Why Discord would not take an event: no permission (50013), or the server's cap (30038). */
export class GuildEventRefusal extends Error {
  override readonly name = 'GuildEventRefusal';
  constructor(
    readonly reason: 'forbidden' | 'cap',
    message: string,
  ) {
    super(message);
  }
}

/** Discord's Guild Scheduled Events, as the sync needs them; refusals throw GuildEventRefusal. */
export interface GuildEventApi {
  /** How many events the server has scheduled or running, the bot's and everyone else's. */
  countLive(guildId: string): Promise<number>;
  create(guildId: string, spec: ReleaseEventSpec): Promise<string>;
  update(guildId: string, eventId: string, spec: ReleaseEventSpec): Promise<void>;
  /** An event someone already deleted is fine. */
  remove(guildId: string, eventId: string): Promise<void>;
}

export interface ReleaseEventRow {
  campaignId: string;
  communityId: string;
  guildId: string;
  eventId: string;
  contentHash: string;
}

export interface ReleaseEventStore {
  forCommunity(communityId: string): Promise<ReleaseEventRow[]>;
  save(row: ReleaseEventRow): Promise<void>;
  remove(campaignId: string): Promise<void>;
  /** Communities with events on, or with events of ours left to clean up. */
  communitiesToSync(): Promise<string[]>;
}
