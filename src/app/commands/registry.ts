import { reply } from '../reply.ts';
import { defineCommand, usage, type CommandSpec } from './define.ts';
import { BOARD_COMMANDS } from '../board/commands.ts';
import { CAMPAIGN_COMMANDS } from '../campaigns/commands.ts';
import { EXPORT_COMMANDS } from '../exports/commands.ts';
import { FAQ_ADMIN_COMMANDS, FAQ_COMMANDS } from '../faq/commands.ts';
import { MEMBER_DATA_COMMANDS, MODERATION_COMMANDS } from '../moderation/commands.ts';
import { REMINDER_COMMANDS } from '../reminders/commands.ts';
import { TRACKING_COMMANDS } from '../tracking/commands.ts';

/**
 * Every command, from each feature's commands.ts. A command's traits (who may press it as a
 * button, whether Discord defers it, whether it changes campaigns) live on its spec: adding a
 * command touches its spec and its service, and this list.
 */

export const helpCommand = defineCommand({
  group: 'preorder',
  name: 'help',
  description: 'What this bot does and its commands',
  options: [],
  examples: ['/preorder help'],
  permission: 'member',
  button: 'member',
  run: (ctx, _args, s) => s.help(ctx),
});

const [snoozeCommand, settingsCommand] = REMINDER_COMMANDS;

const ALL_COMMANDS: readonly CommandSpec[] = [
  ...CAMPAIGN_COMMANDS,
  ...FAQ_COMMANDS,
  snoozeCommand,
  ...TRACKING_COMMANDS,
  ...EXPORT_COMMANDS,
  ...FAQ_ADMIN_COMMANDS,
  settingsCommand,
  ...MEMBER_DATA_COMMANDS,
  helpCommand,
  ...BOARD_COMMANDS,
  ...MODERATION_COMMANDS,
];
/** Members' commands first, then the moderators': help, registration and docs list them in this order. */
export const COMMANDS: readonly CommandSpec[] = [
  ...ALL_COMMANDS.filter((c) => c.permission === 'member'),
  ...ALL_COMMANDS.filter((c) => c.permission === 'moderator'),
];

export const findCommand = (group: string, name: string): CommandSpec | undefined =>
  COMMANDS.find((c) => c.group === group && c.name === name);

export function helpReply(isModerator: boolean) {
  const visible = COMMANDS.filter((c) => c.permission === 'member' || isModerator);
  return reply({
    title: 'Pre-order Pal: commands',
    lines: [
      [
        'I plan every step of an Amazon print pre-order through Amazon Advantage, remind you before each window, and answer process questions.',
      ],
    ],
    fields: visible.map((c) => ({ label: usage(c), value: [`${c.description}. Example: ${c.examples[0] ?? ''}`] })),
  });
}
