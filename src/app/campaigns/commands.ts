import { defineCommand } from '../commands/define.ts';
import { campaignOption, milestoneOption } from '../commands/shared-options.ts';

/** A member's own campaign: start it, see it, mark its steps, change it, cancel or restore it. */

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
  defers: true,
  changesCampaigns: true,
  run: (ctx, args, s) => s.campaigns.start(ctx, args),
});

export const statusCommand = defineCommand({
  group: 'preorder',
  name: 'status',
  description: 'Show your campaign plan and what to do next',
  options: [{ ...campaignOption, positional: true }],
  examples: ['/preorder status', '/preorder status campaign:"My Book"'],
  permission: 'member',
  button: 'member',
  defers: true,
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
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.campaigns.mark(ctx, args, 'done'),
});

export const skipCommand = defineCommand({
  group: 'preorder',
  name: 'skip',
  description: 'Mark a step as skipped (it no longer applies to you)',
  options: [milestoneOption, campaignOption],
  examples: ['/preorder skip close-aa-account'],
  permission: 'member',
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.campaigns.mark(ctx, args, 'skipped'),
});

export const undoCommand = defineCommand({
  group: 'preorder',
  name: 'undo',
  description: 'Reopen a step you marked done or skipped',
  options: [milestoneOption, campaignOption],
  examples: ['/preorder undo kdp-publish'],
  permission: 'member',
  button: 'member',
  changesCampaigns: true,
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
  defers: true,
  changesCampaigns: true,
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
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.campaigns.cancel(ctx, args),
});

export const restoreCommand = defineCommand({
  group: 'preorder',
  name: 'restore',
  description: 'Bring back a campaign you cancelled in the last 30 days',
  options: [{ ...campaignOption, positional: true, description: 'Title or ISBN of the cancelled campaign' }],
  examples: ['/preorder restore', '/preorder restore campaign:"My Book"'],
  permission: 'member',
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.campaigns.restore(ctx, args),
});

export const CAMPAIGN_COMMANDS = [
  startCommand,
  statusCommand,
  doneCommand,
  skipCommand,
  undoCommand,
  editCommand,
  cancelCommand,
  restoreCommand,
] as const;
