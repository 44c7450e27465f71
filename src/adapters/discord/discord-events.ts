import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import { GuildEventRefusal, type GuildEventApi } from '../../app/events/ports.ts';
import type { ReleaseEventSpec } from '../../app/events/release-event-plan.ts';
import type { RequestPacer } from '../request-pacer.ts';

/** Discord's enums, as numbers: an external event, visible to the server's members. */
const EXTERNAL = 3;
const GUILD_ONLY = 2;
const SCHEDULED = 1;
const ACTIVE = 2;

const body = (spec: ReleaseEventSpec) => ({
  name: spec.name,
  description: spec.description,
  privacy_level: GUILD_ONLY,
  entity_type: EXTERNAL,
  scheduled_start_time: spec.start.toISOString(),
  scheduled_end_time: spec.end.toISOString(),
  entity_metadata: { location: spec.location },
});

function refusal(error: unknown): never {
  if (error instanceof DiscordAPIError) {
    if (error.code === RESTJSONErrorCodes.MissingPermissions || error.status === 403) {
      throw new GuildEventRefusal('forbidden', 'Discord: missing permission to manage events');
    }
    if (error.code === RESTJSONErrorCodes.MaximumNumberOfUncompletedGuildScheduledEventsReached) {
      throw new GuildEventRefusal('cap', 'Discord: the server has 100 scheduled events');
    }
  }
  throw error;
}

/** Guild Scheduled Events through the notifier's REST client (no hidden retries). */
export class DiscordGuildEvents implements GuildEventApi {
  constructor(
    private readonly rest: REST,
    private readonly pacer: RequestPacer,
  ) {}

  async countLive(guildId: string): Promise<number> {
    const events = (await this.pacer.run(() => this.rest.get(Routes.guildScheduledEvents(guildId))).catch(refusal)) as {
      status: number;
    }[];
    return events.filter((e) => e.status === SCHEDULED || e.status === ACTIVE).length;
  }

  async create(guildId: string, spec: ReleaseEventSpec): Promise<string> {
    const made = (await this.pacer
      .run(() => this.rest.post(Routes.guildScheduledEvents(guildId), { body: body(spec) }))
      .catch(refusal)) as { id: string };
    return made.id;
  }

  async update(guildId: string, eventId: string, spec: ReleaseEventSpec): Promise<void> {
    await this.pacer
      .run(() => this.rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body: body(spec) }))
      .catch(refusal);
  }

  async remove(guildId: string, eventId: string): Promise<void> {
    try {
      await this.pacer.run(() => this.rest.delete(Routes.guildScheduledEvent(guildId, eventId)));
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status === 404) return;
      refusal(error);
    }
  }
}
