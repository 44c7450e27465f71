import { fail, ok } from '../../core/errors.ts';
import { text, type Parser } from './parsers.ts';
import { parseHour, parseMemberRef, parseMentionableRef } from '../../core/mention-ref.ts';
import { CHANNEL_POST_KINDS, type ChannelPostKind } from '../ports.ts';

/**
 * Option kinds of the moderators' commands and of forget-me. They are spread into OPTION_KINDS
 * (option-kinds.ts), so parsing, Discord JSON and help treat them like every other kind.
 */

export const CAMPAIGN_ACTIONS = ['pause', 'resume', 'shift', 'cancel', 'nudge'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const parseAction: Parser<CampaignAction> = (input, field) => {
  const found = CAMPAIGN_ACTIONS.find((a) => a === input.trim().toLowerCase());
  return found
    ? ok(found)
    : fail(field, 'invalid', `${field} must be one of ${CAMPAIGN_ACTIONS.join(', ')}.`, [...CAMPAIGN_ACTIONS]);
};

/**
 * Posts to turn on and off. The announcement posts not listed are turned off, but dm-fallback is
 * a safety net (a critical step for a member whose DMs are closed): leaving it out of a list
 * leaves it as it is, and only `dm_fallback:off`, naming it, turns it off.
 */
export interface PostSelection {
  on: ChannelPostKind[];
  off: ChannelPostKind[];
}

const ANNOUNCEMENTS = CHANNEL_POST_KINDS.filter((k) => k !== 'dm-fallback');

const parsePosts: Parser<PostSelection> = (input, field) => {
  const text = input.trim().toLowerCase();
  if (text === 'all') return ok({ on: [...CHANNEL_POST_KINDS], off: [] });
  if (text === 'none' || text === 'off') return ok({ on: [], off: [...ANNOUNCEMENTS] });
  const words = text.split(/[\s,]+/).filter((w) => w !== '');
  const unknown = words.filter((w) => !(CHANNEL_POST_KINDS as readonly string[]).includes(w));
  if (words.length === 0 || unknown.length > 0) {
    return fail(
      field,
      'invalid',
      `${field} is a comma list of ${CHANNEL_POST_KINDS.join(', ')}, or all, or none${unknown.length > 0 ? `; "${unknown[0]}" is not one of them` : ''}.`,
      [...CHANNEL_POST_KINDS, 'all', 'none'],
    );
  }
  return ok({
    on: CHANNEL_POST_KINDS.filter((k) => words.includes(k)),
    off: ANNOUNCEMENTS.filter((k) => !words.includes(k)),
  });
};

const YES = new Set(['yes', 'y', 'true', 'on', 'confirm']);
const parseConfirm: Parser<true> = (input, field) =>
  YES.has(input.trim().toLowerCase())
    ? ok(true)
    : fail(field, 'invalid', `${field} must be yes to go ahead; leave it out to see what would happen first.`, ['yes']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseCampaignId: Parser<string> = (input, field) =>
  UUID.test(input.trim())
    ? ok(input.trim().toLowerCase())
    : fail(
        field,
        'invalid',
        `${field} is a campaign id as the buttons carry it; to find one by name use title: or member:.`,
      );

export const MODERATION_KINDS = {
  member: { parse: parseMemberRef, hint: 'a member: pick one, @mention them, or type their name' },
  mentionable: { parse: parseMentionableRef, hint: 'a member or a role: pick one, @mention it, or type a name' },
  hour: { parse: parseHour, hint: 'a whole hour from 0 to 23, e.g. 9' },
  posts: { parse: parsePosts, hint: `a comma list of ${CHANNEL_POST_KINDS.join(', ')}, or all, or none` },
  'campaign-action': { parse: parseAction, hint: CAMPAIGN_ACTIONS.join(', '), choices: CAMPAIGN_ACTIONS },
  note: { parse: text(500, 'a short note for the member'), hint: 'a short note the member will read' },
  confirm: { parse: parseConfirm, hint: 'yes', choices: ['yes'] },
  'campaign-id': { parse: parseCampaignId, hint: 'a campaign id (buttons fill it in)' },
  'title-or-isbn': { parse: text(200, 'a title or an ISBN'), hint: 'a title (or part of one) or an ISBN' },
} as const;
