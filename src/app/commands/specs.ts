import { reply } from '../reply.ts';
import { defineCommand, usage, type CommandSpec } from './define.ts';
import { TRACKING_COMMANDS } from './tracking-commands.ts';
import { EXPORT_COMMANDS } from './export-commands.ts';
import { FAQ_ADMIN_COMMANDS } from './faq-admin-commands.ts';
import { MEMBER_DATA_COMMANDS, MODERATION_COMMANDS } from './moderation-commands.ts';
import { BOARD_COMMANDS } from './board-commands.ts';

const campaignOption = {
  name: 'campaign',
  kind: 'campaign',
  description: 'Title or ISBN of your campaign (optional when you have one)',
} as const;
const milestoneOption = {
  name: 'milestone',
  kind: 'milestone',
  description: 'The step id, e.g. kdp-publish',
  required: true,
  positional: true,
} as const;

export const startCommand = defineCommand({
  group: 'preorder',
  name: 'start',
  description: 'Start a print pre-order campaign and get the full plan',
  options: [
    { name: 'title', kind: 'title', description: 'Book title', required: true },
    { name: 'isbn', kind: 'isbn', description: 'ISBN-13 or ISBN-10 of the print edition', required: true },
    { name: 'release', kind: 'release', description: 'Official release date, e.g. 2027-03-15', required: true },
    {
      name: 'timezone',
      kind: 'timezone',
      description: 'Your time zone (IANA name or city); defaults to the community zone',
    },
    { name: 'marketplace', kind: 'marketplace', description: 'US (amazon.com) or UK (amazon.co.uk); default US' },
    { name: 'printer', kind: 'printer', description: 'kdp, createspace, ingramspark or lightningsource; default kdp' },
  ],
  examples: ['/preorder start title:"My Book" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.start(ctx, args),
});

export const statusCommand = defineCommand({
  group: 'preorder',
  name: 'status',
  description: 'Show your campaign plan and what to do next',
  options: [{ ...campaignOption, positional: true }],
  examples: ['/preorder status', '/preorder status campaign:"My Book"'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.status(ctx, args),
});

export const doneCommand = defineCommand({
  group: 'preorder',
  name: 'done',
  description: 'Mark a step of your campaign as done (the daily PO check: confirmed for today)',
  options: [
    milestoneOption,
    campaignOption,
    { name: 'confirm', kind: 'confirm', description: 'yes: you really pressed Publish on KDP before its window' },
  ],
  examples: [
    '/preorder done aa-account',
    '/preorder done confirm-pos',
    '/preorder done milestone:kdp-publish campaign:"My Book"',
  ],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.mark(ctx, args, 'done'),
});

export const skipCommand = defineCommand({
  group: 'preorder',
  name: 'skip',
  description: 'Mark a step as skipped (it no longer applies to you)',
  options: [milestoneOption, campaignOption],
  examples: ['/preorder skip close-aa-account'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.mark(ctx, args, 'skipped'),
});

export const undoCommand = defineCommand({
  group: 'preorder',
  name: 'undo',
  description: 'Reopen a step you marked done or skipped',
  options: [milestoneOption, campaignOption],
  examples: ['/preorder undo kdp-publish'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.undo(ctx, args),
});

export const editCommand = defineCommand({
  group: 'preorder',
  name: 'edit',
  description: 'Change your campaign; a new release date replans every step not yet done',
  options: [
    { ...campaignOption, positional: true },
    { name: 'release', kind: 'release', description: 'New release date' },
    { name: 'timezone', kind: 'timezone', description: 'New time zone' },
    { name: 'title', kind: 'title', description: 'New title' },
    { name: 'isbn', kind: 'isbn', description: 'New ISBN' },
    { name: 'marketplace', kind: 'marketplace', description: 'US or UK' },
  ],
  examples: ['/preorder edit release:2027-04-01', '/preorder edit campaign:"My Book" timezone:Europe/London'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.edit(ctx, args),
});

export const cancelCommand = defineCommand({
  group: 'preorder',
  name: 'cancel',
  description: 'Cancel a campaign (asks first; its history is kept, and restore brings it back within 30 days)',
  options: [
    { ...campaignOption, positional: true },
    { name: 'confirm', kind: 'confirm', description: 'yes to cancel; without it you are asked first' },
  ],
  examples: ['/preorder cancel', '/preorder cancel campaign:"My Book" confirm:yes'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.cancel(ctx, args),
});

export const restoreCommand = defineCommand({
  group: 'preorder',
  name: 'restore',
  description: 'Bring back a campaign you cancelled in the last 30 days',
  options: [{ ...campaignOption, positional: true, description: 'Title or ISBN of the cancelled campaign' }],
  examples: ['/preorder restore', '/preorder restore campaign:"My Book"'],
  permission: 'member',
  run: (ctx, args, s) => s.campaigns.restore(ctx, args),
});

export const askCommand = defineCommand({
  group: 'preorder',
  name: 'ask',
  description: 'Ask a question about the pre-order process',
  options: [{ name: 'question', kind: 'question', description: 'Your question', required: true, positional: true }],
  examples: ['/preorder ask how much does Advantage cost?'],
  permission: 'member',
  stateless: true,
  run: (args, s, where) => s.faq.askIn(where, args.question),
});

export const faqCommand = defineCommand({
  group: 'preorder',
  name: 'faq',
  description: 'Read one FAQ topic',
  options: [{ name: 'topic', kind: 'topic', description: 'Topic id, e.g. aa-fee', required: true, positional: true }],
  examples: ['/preorder faq zero-out'],
  permission: 'member',
  stateless: true,
  run: (args, s, where) => s.faq.topicIn(where, args.topic),
});

export const snoozeCommand = defineCommand({
  group: 'preorder',
  name: 'snooze',
  description: 'Remind me about a step later: in 1 h, 3 h, or tomorrow at 09:00 your time (once its window is open)',
  options: [
    milestoneOption,
    campaignOption,
    { name: 'for', kind: 'snooze', description: '1h, 3h or tomorrow; default 1h' },
  ],
  examples: ['/preorder snooze kdp-publish for:3h', '/preorder snooze confirm-pos for:tomorrow campaign:"My Book"'],
  permission: 'member',
  run: (ctx, args, s) => s.reminders.snooze(ctx, args),
});

export const settingsCommand = defineCommand({
  group: 'preorder',
  name: 'settings',
  description: 'Your reminder settings: DMs on or off, quiet hours, your time zone; no options shows them',
  options: [
    { name: 'dms', kind: 'toggle', description: 'on or off: reminders by direct message' },
    { name: 'quiet', kind: 'quiet', description: 'Quiet hours in your zone, e.g. 22-07, or off' },
    { name: 'timezone', kind: 'timezone', description: 'Your time zone (IANA name or city) for daily reminders' },
  ],
  examples: [
    '/preorder settings',
    '/preorder settings quiet:22-07 timezone:Europe/London',
    '/preorder settings dms:on',
  ],
  permission: 'member',
  run: (ctx, args, s) => s.reminders.settings(ctx, args),
});

export const helpCommand = defineCommand({
  group: 'preorder',
  name: 'help',
  description: 'What this bot does and its commands',
  options: [],
  examples: ['/preorder help'],
  permission: 'member',
  run: (ctx, _args, s) => s.help(ctx),
});

const ALL_COMMANDS: readonly CommandSpec[] = [
  startCommand,
  statusCommand,
  doneCommand,
  skipCommand,
  undoCommand,
  editCommand,
  cancelCommand,
  restoreCommand,
  askCommand,
  faqCommand,
  snoozeCommand,
  ...TRACKING_COMMANDS,
  ...EXPORT_COMMANDS,
  ...FAQ_ADMIN_COMMANDS,
  settingsCommand,
  ...MEMBER_DATA_COMMANDS,
  helpCommand,
  ...BOARD_COMMANDS,
  ...MODERATION_COMMANDS,
] as unknown as readonly CommandSpec[];

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
