import { defineCommand } from './define.ts';

export const adminExportCommand = defineCommand({
  group: 'preorder-admin',
  name: 'export',
  description: "Moderators: a CSV file of all the community's campaigns and every step's status",
  options: [],
  examples: ['/preorder-admin export'],
  permission: 'moderator',
  run: (ctx, _args, s) => s.exports.campaignsCsv(ctx),
});

export const calendarCommand = defineCommand({
  group: 'preorder',
  name: 'calendar',
  description: 'Your campaign plan as a calendar file (.ics): every step with its window and an alarm',
  options: [
    {
      name: 'campaign',
      kind: 'campaign',
      description: 'Title or ISBN of your campaign (optional when you have one)',
      positional: true,
    },
  ],
  examples: ['/preorder calendar', '/preorder calendar campaign:"My Book"'],
  permission: 'member',
  run: (ctx, args, s) => s.exports.calendar(ctx, args),
});

export const EXPORT_COMMANDS = [adminExportCommand, calendarCommand] as const;
