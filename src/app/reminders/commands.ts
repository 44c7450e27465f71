import { defineCommand } from '../commands/define.ts';
import { campaignOption, milestoneOption } from '../commands/shared-options.ts';

/** The member's side of reminders: snoozing one, and the settings that shape all of them. */

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
  button: 'member',
  changesCampaigns: true,
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
  changesCampaigns: true,
  run: (ctx, args, s) => s.reminders.settings(ctx, args),
});

export const REMINDER_COMMANDS = [snoozeCommand, settingsCommand] as const;
