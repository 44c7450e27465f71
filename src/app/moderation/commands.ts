import { defineCommand } from '../commands/define.ts';

/** Moderators' view of one campaign and what they may do to it. */
export const adminCampaignCommand = defineCommand({
  group: 'preorder-admin',
  name: 'campaign',
  description: "Moderators: one campaign's plan, reminders and audit; pause, resume, shift, cancel or nudge",
  options: [
    {
      name: 'title',
      kind: 'title-or-isbn',
      description: 'Title (or part of it) or ISBN of the campaign',
      positional: true,
    },
    { name: 'member', kind: 'member', description: 'The member whose campaign it is' },
    { name: 'campaign', kind: 'campaign-id', description: 'Campaign id (the buttons fill it in)' },
    { name: 'action', kind: 'campaign-action', description: 'pause, resume, shift (with release), cancel or nudge' },
    { name: 'release', kind: 'release', description: 'New release date for action:shift, e.g. 2027-04-01' },
    { name: 'note', kind: 'note', description: 'A note the member reads with the change or nudge' },
    { name: 'confirm', kind: 'confirm', description: 'yes to confirm action:cancel' },
  ],
  examples: [
    '/preorder-admin campaign member:@Sam',
    '/preorder-admin campaign title:"The Salt Road" action:pause note:"Back from holiday on the 3rd?"',
    '/preorder-admin campaign title:"The Salt Road" action:shift release:2027-04-01',
  ],
  permission: 'moderator',
  button: 'moderator',
  run: (ctx, args, s) => s.campaignAdmin.campaign(ctx, args),
});

export const adminSettingsCommand = defineCommand({
  group: 'preorder-admin',
  name: 'settings',
  description: "Moderators: the community's settings; no options shows them",
  options: [
    {
      name: 'channel',
      kind: 'channel',
      description: 'Announcement channel for milestone posts, the daily digest and DM fallbacks; off for none',
    },
    { name: 'channel_off', kind: 'toggle', description: 'on: no announcement channel (posts nowhere)' },
    { name: 'timezone', kind: 'timezone', description: 'Default time zone for new campaigns and the daily digest' },
    { name: 'digest_hour', kind: 'hour', description: 'Hour (0-23, community time) of the daily digest' },
    { name: 'add_moderator', kind: 'mentionable', description: 'A member or role who may use /preorder-admin' },
    { name: 'remove_moderator', kind: 'mentionable', description: 'A member or role to take off the moderator list' },
    {
      name: 'posts',
      kind: 'posts',
      description: 'Posts to send: listing-live, release-day, digest, dm-fallback (comma list), all or none',
    },
    {
      name: 'dm_fallback',
      kind: 'toggle',
      description: 'on or off: post critical steps in the channel for members whose DMs are closed',
    },
    { name: 'threads', kind: 'toggle', description: "on: each campaign's posts go to a thread of its own" },
    { name: 'forum', kind: 'forum', description: 'Discord: the forum channel that holds the campaign threads' },
    { name: 'events', kind: 'toggle', description: 'Discord: on makes a server event for each release day' },
  ],
  examples: [
    '/preorder-admin settings',
    '/preorder-admin settings channel:#announcements digest_hour:8 timezone:Europe/London',
    '/preorder-admin settings posts:listing-live,release-day add_moderator:@Sam',
    '/preorder-admin settings dm_fallback:off',
    '/preorder-admin settings threads:on forum:#campaigns events:on',
  ],
  permission: 'moderator',
  run: (ctx, args, s) => s.communitySettings.settings(ctx, args),
});

export const adminForgetCommand = defineCommand({
  group: 'preorder-admin',
  name: 'forget',
  description: "Moderators: delete a member's campaigns, logs and reminders in this community (e.g. who left)",
  options: [
    {
      name: 'member',
      kind: 'member',
      description: 'The member whose data to delete',
      required: true,
      positional: true,
    },
    { name: 'confirm', kind: 'confirm', description: 'yes to delete; without it you see what would go' },
  ],
  examples: ['/preorder-admin forget member:@Sam', '/preorder-admin forget member:@Sam confirm:yes'],
  permission: 'moderator',
  button: 'moderator',
  run: (ctx, args, s) => s.forget.forgetMember(ctx, args),
});

export const forgetMeCommand = defineCommand({
  group: 'preorder',
  name: 'forget-me',
  description: 'Delete everything I keep about you: campaigns, logs, reminders (asks first)',
  options: [{ name: 'confirm', kind: 'confirm', description: 'yes to delete; without it you see what would go' }],
  examples: ['/preorder forget-me', '/preorder forget-me confirm:yes'],
  permission: 'member',
  button: 'member',
  changesCampaigns: true,
  run: (ctx, args, s) => s.forget.forgetMe(ctx, args),
});

export const MEMBER_DATA_COMMANDS = [forgetMeCommand] as const;
export const MODERATION_COMMANDS = [adminCampaignCommand, adminSettingsCommand, adminForgetCommand] as const;
