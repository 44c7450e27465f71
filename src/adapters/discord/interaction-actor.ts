import { GuildMember, PermissionFlagsBits, type Interaction } from 'discord.js';
import type { ActionPresser } from '../../app/dispatch.ts';
import type { Actor } from '../../app/ports.ts';

/** Who is interacting, as Discord told us; dispatch checks moderator status again every call. */
export interface DiscordPerson {
  userExternalId: string;
  displayName: string;
  /** Manage Server in this guild (never in a DM). */
  platformAdmin: boolean;
  roleIds: string[];
}

export function personOf(interaction: Interaction): DiscordPerson {
  const { user, member, guildId } = interaction;
  let displayName = user.globalName ?? user.username;
  let roleIds: string[] = [];
  if (member instanceof GuildMember) {
    displayName = member.displayName;
    // @everyone (the guild id) is every member's role, so it never makes anyone a moderator.
    roleIds = [...member.roles.cache.keys()].filter((id) => id !== guildId);
  } else if (member) {
    displayName = member.nick ?? displayName;
    roleIds = member.roles.filter((id) => id !== guildId);
  }
  return {
    userExternalId: user.id,
    displayName,
    platformAdmin: Boolean(guildId && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)),
    roleIds,
  };
}

/** The community is the guild; its name keeps moderators' lists readable. */
export function actorOf(interaction: Interaction, person = personOf(interaction)): Actor | null {
  if (!interaction.guildId) return null;
  return {
    platform: 'discord',
    communityExternalId: interaction.guildId,
    ...(interaction.guild?.name ? { communityName: interaction.guild.name } : {}),
    ...person,
  };
}

/** A button press; from a DM it has no community, and dispatch finds the campaign's own. */
export function presserOf(interaction: Interaction, person = personOf(interaction)): ActionPresser {
  return {
    platform: 'discord',
    ...person,
    ...(interaction.guildId
      ? {
          community: {
            communityExternalId: interaction.guildId,
            ...(interaction.guild?.name ? { communityName: interaction.guild.name } : {}),
          },
        }
      : {}),
  };
}
