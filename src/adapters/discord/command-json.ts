import { createHash } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandGroup, CommandSpec, OptionSpec } from '../../app/commands/define.ts';
import { OPTION_KINDS } from '../../app/commands/option-kinds.ts';
import { COMMANDS } from '../../app/commands/registry.ts';
import { MAX_COUNT } from '../../core/order-log-input.ts';
import { clip, COMMAND_LIMITS } from './discord-limits.ts';
import { choiceName } from '../../core/names.ts';

/**
 * Discord's application command JSON, generated from the command specs (the single source of
 * truth): one top-level command per group with a subcommand per spec, typed options, choices,
 * autocomplete flags and, for the admin group, Manage Server as the default permission.
 */
export type CommandJson = RESTPutAPIApplicationCommandsJSONBody;

/** Option kinds whose values Discord asks the bot for while the member types. */
export const AUTOCOMPLETE_KINDS: ReadonlySet<string> = new Set(['timezone', 'campaign', 'milestone', 'topic']);

const GROUP_DESCRIPTIONS: Record<CommandGroup, string> = {
  preorder: 'Plan and track an Amazon print pre-order, step by step',
  'preorder-admin': 'Moderator tools for Pre-order Pal',
};

/**
 * Kinds Discord has a native picker or number field for; the value still reaches the kind's own
 * parser as text (see optionValues in interaction-handler.ts), so typed commands and Discord agree.
 * Keyed by kind name: a test checks every entry still names a kind.
 */
export const NATIVE_KINDS: Readonly<Record<string, NativeOption>> = {
  channel: {
    type: ApplicationCommandOptionType.Channel,
    channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
  },
  forum: { type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildForum] },
  member: { type: ApplicationCommandOptionType.User },
  mentionable: { type: ApplicationCommandOptionType.Mentionable },
  count: { type: ApplicationCommandOptionType.Integer, min_value: 0, max_value: MAX_COUNT },
  hour: { type: ApplicationCommandOptionType.Integer, min_value: 0, max_value: 23 },
  page: { type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 10_000 },
};

type NativeOption =
  | { type: ApplicationCommandOptionType.Channel; channel_types: ChannelType[] }
  | { type: ApplicationCommandOptionType.User | ApplicationCommandOptionType.Mentionable }
  | { type: ApplicationCommandOptionType.Integer; min_value: number; max_value: number };

function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: clip(option.description, COMMAND_LIMITS.description),
    required: option.required ?? false,
  };
  const native = NATIVE_KINDS[option.kind];
  if (native) return { ...base, ...native } as APIApplicationCommandBasicOption;
  // Everything else is text that the spec's schema validates, exactly as typed commands are.
  const kind = OPTION_KINDS[option.kind] as { choices?: readonly string[] } | undefined;
  if (kind?.choices) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: kind.choices
        .slice(0, COMMAND_LIMITS.choices)
        .map((value) => ({ name: clip(choiceName(value), COMMAND_LIMITS.choiceName), value })),
    };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(AUTOCOMPLETE_KINDS.has(option.kind) ? { autocomplete: true } : {}),
  };
}

function subcommandJson(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  // Discord refuses a required option after an optional one; the sort is stable, so the spec's
  // order is kept within each half.
  const options = [...spec.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: clip(spec.description, COMMAND_LIMITS.description),
    options: options.map(optionJson),
  };
}

/** The whole command set, in the specs' order; the same input always gives the same JSON. */
export function buildCommandJson(specs: readonly CommandSpec[] = COMMANDS): CommandJson {
  const groups = [...new Set(specs.map((s) => s.group))];
  return groups.map((group) => ({
    type: ApplicationCommandType.ChatInput,
    name: group,
    description: GROUP_DESCRIPTIONS[group],
    // Hidden from members who lack Manage Server; dispatch checks moderators again on every call.
    default_member_permissions: group === 'preorder-admin' ? String(PermissionFlagsBits.ManageGuild) : null,
    // Campaigns live in a server; DMs only carry reminder buttons.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: specs.filter((s) => s.group === group).map(subcommandJson),
  }));
}

/** The fingerprint stored after registering, so a boot only registers when the specs changed. */
export function commandHash(json: CommandJson): string {
  return createHash('sha256').update(JSON.stringify(json)).digest('hex');
}
