import { defineCommand } from '../commands/define.ts';
import { campaignOption } from '../commands/shared-options.ts';

export const adminExportCommand = defineCommand({
  group: 'preorder-admin',
  name: 'export',
  description: "Moderators: a CSV file of all the community's campaigns and every step's status",
  options: [],
  examples: ['/preorder-admin export'],
  permission: 'moderator',
  defers: true,
  run: (ctx, _args, s) => s.exports.campaignsCsv(ctx),
});

export const calendarCommand = defineCommand({
  group: 'preorder',
  name: 'calendar',
  description: 'Your campaign plan as a calendar file (.ics): every step with its window and an alarm',
  options: [{ ...campaignOption, positional: true }],
  examples: ['/preorder calendar', '/preorder calendar campaign:"My Book"'],
  permission: 'member',
  button: 'member',
  defers: true,
  run: (ctx, args, s) => s.exports.calendar(ctx, args),
});

export const EXPORT_COMMANDS = [adminExportCommand, calendarCommand] as const;
