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

const resetOption = {
  name: 'reset',
  kind: 'reset',
  description: 'yes: revoke your current link and make a new one',
} as const;

export const calendarFeedCommand = defineCommand({
  group: 'preorder',
  name: 'calendar-feed',
  description: 'A private link your calendar app subscribes to: all your campaigns, kept up to date',
  options: [resetOption],
  examples: ['/preorder calendar-feed', '/preorder calendar-feed reset:yes'],
  permission: 'member',
  run: (ctx, args, s) => s.calendarFeeds.memberLink(ctx, args),
});

export const adminCalendarFeedCommand = defineCommand({
  group: 'preorder-admin',
  name: 'calendar-feed',
  description: "Moderators: a private calendar link of every campaign's release day and critical windows",
  options: [{ ...resetOption, description: "yes: revoke the moderators' current link and make a new one" }],
  examples: ['/preorder-admin calendar-feed', '/preorder-admin calendar-feed reset:yes'],
  permission: 'moderator',
  run: (ctx, args, s) => s.calendarFeeds.communityLink(ctx, args),
});

export const EXPORT_COMMANDS = [
  adminExportCommand,
  calendarCommand,
  calendarFeedCommand,
  adminCalendarFeedCommand,
] as const;
