import { defineCommand } from '../commands/define.ts';
import { campaignOption } from '../commands/shared-options.ts';

export const logCommand = defineCommand({
  group: 'preorder',
  name: 'log',
  description: 'Log the pre-order totals Amazon Advantage shows today; logging a day again corrects it',
  options: [
    { ...campaignOption, positional: true },
    { name: 'orders', kind: 'count', description: 'Customer orders: the total Advantage shows', required: true },
    { name: 'pos', kind: 'count', description: 'Units on purchase orders: the total Advantage shows', required: true },
    { name: 'date', kind: 'log-date', description: 'Day of the figures: today (default), yesterday or YYYY-MM-DD' },
  ],
  examples: ['/preorder log orders:12 pos:30', '/preorder log campaign:"My Book" orders:14 pos:30 date:yesterday'],
  permission: 'member',
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.tracking.log(ctx, args),
});

export const TRACKING_COMMANDS = [logCommand] as const;
