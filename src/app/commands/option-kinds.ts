import { z } from 'zod';
import { text, type Parser } from './parsers.ts';
import { fail, ok, type FieldError } from '../../core/errors.ts';
import { createFaqMatcher, FAQ_TOPIC_IDS, type FaqTopicId } from '../../core/faq/index.ts';
import { parseChannelRef } from '../../core/channel-ref.ts';
import { parseIsbn } from '../../core/isbn.ts';
import { BOARD_FILTERS, parseBoardFilter } from '../../core/campaign-board.ts';
import { parseMilestoneId } from '../../core/milestones.ts';
import { MODERATION_KINDS } from './moderation-kinds.ts';
import { FAQ_KINDS } from './faq-kinds.ts';
import { parseCount, parseLogDate } from '../../core/order-log-input.ts';
import { parseReleaseDate } from '../../core/release-date.ts';
import { parseQuietHours, parseSnoozeChoice, SNOOZE_CHOICES } from '../../core/reminder-timing.ts';
import { resolveTimeZone } from '../../core/timezone.ts';
import { validateTitle } from '../../core/title.ts';
import { MARKETPLACES, PRINTERS, type Marketplace, type Printer } from '../../core/types.ts';

/**
 * Every option a command can take has a kind. A kind knows how to turn the member's text into
 * a typed value (through the pure core validators) and what a platform may offer as choices or
 * autocomplete. Command specs name kinds; argument types, parsing and help derive from them.
 */

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
  title: { parse: validateTitle as Parser<string>, hint: 'the book title' },
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
