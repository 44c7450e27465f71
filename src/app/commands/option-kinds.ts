import { z } from 'zod';
import { fail, ok, type FieldError, type Result } from '../../core/errors.ts';
import { createFaqMatcher, FAQ_TOPIC_IDS, type FaqTopicId } from '../../core/faq/index.ts';
import { parseChannelRef } from '../../core/channel-ref.ts';
import { parseIsbn } from '../../core/isbn.ts';
import { BOARD_FILTERS, parseBoardFilter } from '../../core/campaign-board.ts';
import { parseHour, parseMemberRef, parseMentionableRef } from '../../core/mention-ref.ts';
import { parseMilestoneId } from '../../core/milestones.ts';
import { parseCount, parseLogDate } from '../../core/order-log-input.ts';
import { parseReleaseDate } from '../../core/release-date.ts';
import { parseQuietHours, parseSnoozeChoice, SNOOZE_CHOICES } from '../../core/reminder-timing.ts';
import { resolveTimeZone } from '../../core/timezone.ts';
import { validateTitle } from '../../core/title.ts';
import { MARKETPLACES, PRINTERS, type Marketplace, type Printer } from '../../core/types.ts';
import { CHANNEL_POST_KINDS, type ChannelPostKind } from '../ports.ts';

/**
 * Every option a command can take has a kind. A kind knows how to turn the member's text into
 * a typed value (through the pure core validators) and what a platform may offer as choices or
 * autocomplete. Command specs name kinds; argument types, parsing and help derive from them.
 */

/** Turns a member's text for one option into a typed value, or a friendly error naming the field. */
export type Parser<T> = (input: string, field: string) => Result<T>;

/** Free text with a length limit; `what` completes "write …" in the error for an empty value. */
export const text =
  (max: number, what: string): Parser<string> =>
  (input, field) => {
    const value = input.trim();
    if (value === '') return fail(field, 'required', `${field} is empty; write ${what}.`);
    if (value.length > max)
      return fail(field, 'invalid', `${field} is ${value.length} characters long; keep it under ${max}.`);
    return ok(value);
  };

const MARKETPLACE_ALIASES: Record<string, Marketplace> = {
  us: 'US',
  usa: 'US',
  com: 'US',
  'amazon.com': 'US',
  uk: 'UK',
  gb: 'UK',
  'co.uk': 'UK',
  'amazon.co.uk': 'UK',
};

const PRINTER_ALIASES: Record<string, Printer> = {
  kdp: 'kdp',
  amazon: 'kdp',
  createspace: 'createspace',
  ingramspark: 'ingramspark',
  ingram: 'ingramspark',
  lightningsource: 'lightningsource',
  lsi: 'lightningsource',
};

const parseMarketplace: Parser<Marketplace> = (input, field) => {
  const found = MARKETPLACE_ALIASES[input.trim().toLowerCase()];
  return found
    ? ok(found)
    : fail(field, 'invalid', `${field} must be ${MARKETPLACES.join(' or ')} (amazon.com or amazon.co.uk).`, [
        ...MARKETPLACES,
      ]);
};

const parsePrinter: Parser<Printer> = (input, field) => {
  const found =
    PRINTER_ALIASES[
      input
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, '')
    ];
  return found ? ok(found) : fail(field, 'invalid', `${field} must be one of ${PRINTERS.join(', ')}.`, [...PRINTERS]);
};

let topicMatcher: ReturnType<typeof createFaqMatcher> | undefined;
const parseTopic: Parser<FaqTopicId> = (input, field) => {
  const id = input.trim().toLowerCase();
  const known = FAQ_TOPIC_IDS.find((t) => t === id);
  if (known) return ok(known);
  topicMatcher ??= createFaqMatcher();
  const close = topicMatcher.suggest(input, 3);
  return fail(
    field,
    'invalid',
    `"${input}" is not a FAQ topic. Try one of: ${close.join(', ') || FAQ_TOPIC_IDS.slice(0, 3).join(', ')}.`,
    close,
  );
};

const TOGGLES: Record<string, boolean> = { on: true, yes: true, true: true, off: false, no: false, false: false };
const parseToggle: Parser<boolean> = (input, field) => {
  const found = TOGGLES[input.trim().toLowerCase()];
  return found === undefined ? fail(field, 'invalid', `${field} must be on or off.`, ['on', 'off']) : ok(found);
};

const MAX_PAGE = 10_000;
const parsePage: Parser<number> = (input, field) => {
  const page = Number(input.trim());
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE
    ? ok(page)
    : fail(field, 'invalid', `${field} is a page number from 1, e.g. 2.`);
};

// The moderators' commands and forget-me.

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

const parseReset: Parser<true> = (input, field) =>
  YES.has(input.trim().toLowerCase())
    ? ok(true)
    : fail(
        field,
        'invalid',
        `${field} takes yes (a new link; the old one stops working); leave it out to keep yours.`,
        ['yes'],
      );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseCampaignId: Parser<string> = (input, field) =>
  UUID.test(input.trim())
    ? ok(input.trim().toLowerCase())
    : fail(
        field,
        'invalid',
        `${field} is a campaign id as the buttons carry it; to find one by name use title: or member:.`,
      );

const MODERATION_KINDS = {
  member: { parse: parseMemberRef, hint: 'a member: pick one, @mention them, or type their name' },
  mentionable: { parse: parseMentionableRef, hint: 'a member or a role: pick one, @mention it, or type a name' },
  hour: { parse: parseHour, hint: 'a whole hour from 0 to 23, e.g. 9' },
  posts: { parse: parsePosts, hint: `a comma list of ${CHANNEL_POST_KINDS.join(', ')}, or all, or none` },
  'campaign-action': { parse: parseAction, hint: CAMPAIGN_ACTIONS.join(', '), choices: CAMPAIGN_ACTIONS },
  note: { parse: text(500, 'a short note for the member'), hint: 'a short note the member will read' },
  confirm: { parse: parseConfirm, hint: 'yes', choices: ['yes'] },
  reset: { parse: parseReset, hint: 'yes', choices: ['yes'] },
  'campaign-id': { parse: parseCampaignId, hint: 'a campaign id (buttons fill it in)' },
  'title-or-isbn': { parse: text(200, 'a title or an ISBN'), hint: 'a title (or part of one) or an ISBN' },
} as const;

// The moderators' FAQ commands.
/** Question ids are shown shortened; any prefix of four or more characters is taken back. */
const parseQuestionId: Parser<string> = (input, field) => {
  const id = input.trim().toLowerCase();
  return /^[0-9a-f][0-9a-f-]{3,35}$/.test(id)
    ? ok(id)
    : fail(field, 'invalid', `${field} is a question id from /preorder-admin unanswered, e.g. 3f2a9c1e.`);
};

/** Long enough for the catalogue's longest answers with room to spare; short enough for one message. */
const MAX_ANSWER = 1500;

const parseAnswer: Parser<string> = (input, field) => {
  const text = input.trim();
  if (text === '') return fail(field, 'required', `${field} is empty; write the answer members should see.`);
  if (text.length > MAX_ANSWER) {
    return fail(field, 'invalid', `${field} is ${text.length} characters long; keep it under ${MAX_ANSWER}.`);
  }
  return ok(text);
};

const FAQ_KINDS = {
  'question-id': { parse: parseQuestionId, hint: 'a question id from /preorder-admin unanswered' },
  answer: { parse: parseAnswer, hint: `the answer text, up to ${MAX_ANSWER} characters` },
} as const;

/** Makes a zod schema out of a core parser, keeping the core's friendly error intact. */
function fromParser<T>(parse: Parser<T>, field: string) {
  return z.string().transform((value, ctx): T => {
    const result = parse(value, field);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error.message, params: { fieldError: result.error } });
    return z.NEVER;
  });
}

export const OPTION_KINDS = {
  title: { parse: validateTitle, hint: 'the book title' },
  isbn: { parse: parseIsbn, hint: 'ISBN-13 or ISBN-10, hyphens allowed' },
  release: { parse: parseReleaseDate, hint: 'release date, e.g. 2027-03-15 or 15 March 2027' },
  timezone: { parse: resolveTimeZone, hint: 'IANA zone or city, e.g. Europe/London' },
  marketplace: { parse: parseMarketplace, hint: 'US or UK', choices: MARKETPLACES },
  printer: { parse: parsePrinter, hint: 'kdp, createspace, ingramspark or lightningsource', choices: PRINTERS },
  milestone: { parse: parseMilestoneId, hint: 'a step id such as kdp-publish' },
  topic: { parse: parseTopic, hint: 'a FAQ topic id such as aa-fee' },
  campaign: { parse: text(200, 'a title or ISBN of one of your campaigns'), hint: 'title or ISBN of your campaign' },
  question: { parse: text(500, 'your question'), hint: 'your question in plain words' },
  toggle: { parse: parseToggle, hint: 'on or off', choices: ['on', 'off'] },
  quiet: { parse: parseQuietHours, hint: 'whole hours in your zone, e.g. 22-07, or off' },
  snooze: { parse: parseSnoozeChoice, hint: '1h, 3h or tomorrow', choices: SNOOZE_CHOICES },
  channel: { parse: parseChannelRef, hint: 'a channel (#name), or off' },
  forum: { parse: parseChannelRef, hint: 'a forum channel (#name), or off' },
  count: { parse: parseCount, hint: 'a whole number, 0 or more, e.g. 12' },
  'log-date': { parse: parseLogDate, hint: 'today, yesterday or a date like 2027-01-31 (your campaign zone)' },
  ...MODERATION_KINDS,
  ...FAQ_KINDS,
  page: { parse: parsePage, hint: 'a page number, from 1' },
  'board-filter': { parse: parseBoardFilter, hint: BOARD_FILTERS.join(', '), choices: BOARD_FILTERS },
} as const satisfies Record<string, { parse: Parser<unknown>; hint: string; choices?: readonly string[] }>;

export type OptionKind = keyof typeof OPTION_KINDS;
export type KindValue<K extends OptionKind> = (typeof OPTION_KINDS)[K]['parse'] extends Parser<infer T> ? T : never;

export const optionSchema = (kind: OptionKind, field: string) =>
  fromParser(OPTION_KINDS[kind].parse as Parser<unknown>, field);

export const fieldErrorOf = (params: unknown): FieldError | undefined =>
  (params as { fieldError?: FieldError } | undefined)?.fieldError;
