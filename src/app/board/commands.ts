import { defineCommand } from '../commands/define.ts';

/** The moderators' board of every campaign in the community, most urgent first. */
export const adminCampaignsCommand = defineCommand({
  group: 'preorder-admin',
  name: 'campaigns',
  description: "Moderators: the community's campaigns by urgency, with phase counts and warnings",
  options: [
    {
      name: 'filter',
      kind: 'board-filter',
      description: 'active (default), releasing-this-week, overdue, at-risk, undeliverable, completed, cancelled',
      positional: true,
    },
    { name: 'page', kind: 'page', description: 'Page number, from 1 (default 1)' },
  ],
  examples: [
    '/preorder-admin campaigns',
    '/preorder-admin campaigns filter:overdue',
    '/preorder-admin campaigns filter:releasing-this-week page:2',
  ],
  permission: 'moderator',
  button: 'moderator',
  defers: true,
  run: (ctx, args, s) => s.board.board(ctx, args),
});

export const BOARD_COMMANDS = [adminCampaignsCommand] as const;
