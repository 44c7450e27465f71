/**
 * Gateway payloads shaped as Discord sends them, with the fields discord.js 14.28 needs
 * (`entitlements`, `authorizing_integration_owners`, a `channel` object).
 */
export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  /** The channel new communities announce in; also used for interactions. */
  systemChannelId: string;
  roles?: { id: string; name: string; permissions?: string }[];
}

let counter = 0n;
/** Unique, increasing snowflake-looking ids. */
export function nextSnowflake(): string {
  counter += 1n;
  return String(1_300_000_000_000_000_000n + counter);
}

/** Discord's permission bits used here. */
export const PERMISSIONS = {
  none: '0',
  member: String((1n << 10n) /* view */ | (1n << 11n) /* send */ | (1n << 31n) /* use app commands */),
  manageGuild: String((1n << 5n) | (1n << 10n) | (1n << 11n) | (1n << 31n)),
} as const;

const APP_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n));

export function guildCreatePayload(guild: FakeGuild) {
  const role = (id: string, name: string, permissions: string, position: number) => ({
    id,
    name,
    permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  });
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(guild.id, '@everyone', PERMISSIONS.member, 0),
      ...(guild.roles ?? []).map((r, i) => role(r.id, r.name, r.permissions ?? PERMISSIONS.member, i + 1)),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2026-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    channels: [
      {
        id: guild.systemChannelId,
        type: 0,
        name: 'announcements',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function userJson(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.username,
    avatar: null,
    bot: user.bot ?? false,
  };
}

export interface MemberContext {
  guild: FakeGuild;
  user: FakeUser;
  /** Permission bit set as a decimal string; default: an ordinary member. */
  permissions?: string;
  roles?: string[];
  nick?: string | null;
}

type OptionValue = string | { channel: string };

function baseInteraction(
  ctx: MemberContext | { dm: FakeUser; channelId: string },
  type: number,
  applicationId: string,
) {
  const id = nextSnowflake();
  const token = `itoken-${id}-aW50ZXJhY3Rpb24tdG9rZW4`;
  const common = {
    id,
    token,
    type,
    version: 1,
    application_id: applicationId,
    app_permissions: APP_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if ('dm' in ctx) {
    return {
      ...common,
      user: userJson(ctx.dm),
      channel_id: ctx.channelId,
      channel: { id: ctx.channelId, type: 1, recipients: [userJson(ctx.dm)], last_message_id: null, flags: 0 },
      context: 1,
      authorizing_integration_owners: { '0': '1' },
    };
  }
  const { guild } = ctx;
  return {
    ...common,
    guild_id: guild.id,
    guild_locale: 'en-US',
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: guild.systemChannelId,
    channel: {
      id: guild.systemChannelId,
      type: 0,
      guild_id: guild.id,
      name: 'announcements',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      flags: 0,
      last_message_id: null,
      parent_id: null,
      rate_limit_per_user: 0,
      topic: null,
      permissions: ctx.permissions ?? PERMISSIONS.member,
    },
    member: {
      user: userJson(ctx.user),
      roles: ctx.roles ?? [],
      permissions: ctx.permissions ?? PERMISSIONS.member,
      nick: ctx.nick ?? null,
      avatar: null,
      banner: null,
      joined_at: '2026-01-02T00:00:00.000Z',
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    },
    context: 0,
    authorizing_integration_owners: { '0': guild.id },
  };
}

function optionsJson(options: Record<string, OptionValue>, focused?: string) {
  return Object.entries(options).map(([name, value]) =>
    typeof value === 'string'
      ? { type: 3, name, value, ...(focused === name ? { focused: true } : {}) }
      : { type: 7, name, value: value.channel },
  );
}

function resolvedChannels(ctx: MemberContext, options: Record<string, OptionValue>) {
  const channels = Object.values(options).filter((v): v is { channel: string } => typeof v !== 'string');
  if (channels.length === 0) return {};
  return {
    resolved: {
      channels: Object.fromEntries(
        channels.map((c) => [
          c.channel,
          { id: c.channel, type: 0, name: 'picked', guild_id: ctx.guild.id, permissions: PERMISSIONS.member },
        ]),
      ),
    },
  };
}

/** A slash command: `/group sub option:value …`. */
export function slashCommand(
  ctx: MemberContext,
  applicationId: string,
  group: string,
  sub: string,
  options: Record<string, OptionValue> = {},
) {
  return {
    ...baseInteraction(ctx, 2, applicationId),
    data: {
      id: nextSnowflake(),
      name: group,
      type: 1,
      guild_id: ctx.guild.id,
      options: [{ type: 1, name: sub, options: optionsJson(options) }],
      ...resolvedChannels(ctx, options),
    },
  };
}

/** An autocomplete request while the member types `focused` (its current text is in `options`). */
export function autocomplete(
  ctx: MemberContext,
  applicationId: string,
  group: string,
  sub: string,
  focused: string,
  options: Record<string, string>,
) {
  return {
    ...baseInteraction(ctx, 4, applicationId),
    data: {
      id: nextSnowflake(),
      name: group,
      type: 1,
      guild_id: ctx.guild.id,
      options: [{ type: 1, name: sub, options: optionsJson(options, focused) }],
    },
  };
}

function messageJson(channelId: string, applicationId: string, customId: string) {
  return {
    id: nextSnowflake(),
    channel_id: channelId,
    author: { id: applicationId, username: 'Pre-order Pal', discriminator: '0', avatar: null, bot: true },
    content: 'a reminder',
    timestamp: '2027-01-10T12:00:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [{ type: 1, components: [{ type: 2, style: 2, label: 'A button', custom_id: customId }] }],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

/** A button press; `where` is a server channel (member context) or the member's DM channel. */
export function buttonPress(
  where: MemberContext | { dm: FakeUser; channelId: string },
  applicationId: string,
  customId: string,
) {
  const channelId = 'dm' in where ? where.channelId : where.guild.systemChannelId;
  return {
    ...baseInteraction(where, 3, applicationId),
    message: messageJson(channelId, applicationId, customId),
    data: { custom_id: customId, component_type: 2 },
  };
}

/**
 * A modal submission (interaction type 5): the modal's custom id and each text input's value, in
 * action rows as Discord sends them. From a server channel or a DM, like a button press.
 */
export function modalSubmit(
  where: MemberContext | { dm: FakeUser; channelId: string },
  applicationId: string,
  customId: string,
  values: Record<string, string>,
) {
  return {
    ...baseInteraction(where, 5, applicationId),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([name, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: name, value }],
      })),
    },
  };
}
