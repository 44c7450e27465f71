import type { types } from '@slack/bolt';
import { argsSchema, type OptionSpec } from '../../app/commands/define.ts';
import { fieldErrorOf, OPTION_KINDS } from '../../app/commands/option-kinds.ts';
import { startCommand } from '../../app/campaigns/commands.ts';
import type { Reply } from '../../app/reply.ts';
import { suggestTimeZones } from '../../core/timezone.ts';
import { FORM_VALUE_MAX_LENGTH } from '../form-command.ts';
import { truncate } from './mrkdwn.ts';
import { FIELD_ERROR_MAX_LENGTH, VIEW_LIMITS } from './slack-limits.ts';
import { choiceName } from '../../core/names.ts';

/**
 * `/preorder start` with no arguments opens this form. Its inputs are built from the start
 * command's spec (one block per option, block id = option name), and its answers go back through
 * the same schema and service as typed arguments.
 */
export const START_MODAL_ID = 'pp-start';
export const TIMEZONE_ACTION = 'pp-timezone';
const VALUE_ACTION = 'value';
/** Zones offered as the member types: enough to find a city, few enough to read. */
const TIME_ZONE_SUGGESTIONS = 25;

/** Carried through the form so the plan can be posted where the command was typed. */
export interface StartModalContext {
  channelId?: string;
  responseUrl?: string;
}

const text = (value: string, max: number = VIEW_LIMITS.label): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(value, max),
  emoji: true,
});

const option = (value: string): types.PlainTextOption => ({
  text: text(choiceName(value), VIEW_LIMITS.optionText),
  value,
});

const label = (name: string) => text(`${name.charAt(0).toUpperCase()}${name.slice(1)}`);

function element(spec: OptionSpec): types.InputBlockElement {
  switch (spec.kind) {
    case 'release':
      return { type: 'datepicker', action_id: VALUE_ACTION, placeholder: text('Release day', VIEW_LIMITS.placeholder) };
    case 'timezone':
      return {
        type: 'external_select',
        action_id: TIMEZONE_ACTION,
        min_query_length: 0,
        placeholder: text('Type a city or zone, e.g. London', VIEW_LIMITS.placeholder),
      };
    case 'marketplace':
    case 'printer': {
      const choices = OPTION_KINDS[spec.kind].choices.map(option);
      return { type: 'static_select', action_id: VALUE_ACTION, options: choices, initial_option: choices[0]! };
    }
    default:
      return { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: FORM_VALUE_MAX_LENGTH };
  }
}

const actionIdOf = (spec: OptionSpec) => (spec.kind === 'timezone' ? TIMEZONE_ACTION : VALUE_ACTION);

export function startModalView(context: StartModalContext): types.ModalView {
  return {
    type: 'modal',
    callback_id: START_MODAL_ID,
    title: text('Start a pre-order', VIEW_LIMITS.title),
    submit: text('Make my plan', VIEW_LIMITS.title),
    close: text('Cancel', VIEW_LIMITS.title),
    private_metadata: JSON.stringify(context),
    blocks: startCommand.options.map((spec): types.InputBlock => ({
      type: 'input',
      block_id: spec.name,
      optional: !('required' in spec && spec.required),
      label: label(spec.name),
      hint: text(spec.description, VIEW_LIMITS.hint),
      element: element(spec),
    })),
  };
}

export function readModalContext(privateMetadata: string | undefined): StartModalContext {
  try {
    const parsed = JSON.parse(privateMetadata ?? '{}') as Record<string, unknown>;
    const context: StartModalContext = {};
    if (typeof parsed.channelId === 'string') context.channelId = parsed.channelId;
    if (typeof parsed.responseUrl === 'string' && /^https?:\/\//.test(parsed.responseUrl))
      context.responseUrl = parsed.responseUrl;
    return context;
  } catch {
    return {};
  }
}

/** One input's state as Slack sends it in view_submission. */
export interface InputState {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
}

export type ViewValues = Record<string, Record<string, InputState>>;

/** The form's answers as raw option strings keyed by option name (empty answers left out). */
export function readStartSubmission(values: ViewValues): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const spec of startCommand.options) {
    const state = values[spec.name]?.[actionIdOf(spec)];
    const value = state?.value ?? state?.selected_date ?? state?.selected_option?.value;
    if (typeof value === 'string' && value.trim() !== '') raw[spec.name] = value;
  }
  return raw;
}

const BLOCK_IDS = new Set<string>(startCommand.options.map((o) => o.name));

/**
 * Every field the schema refuses, keyed by block id, for `response_action: 'errors'` (Slack
 * shows each message under its input); null when the answers parse.
 */
export function startFormErrors(raw: Record<string, string>): Record<string, string> | null {
  const parsed = argsSchema(startCommand).safeParse(raw);
  if (parsed.success) return null;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const fromCore = fieldErrorOf((issue as { params?: unknown }).params);
    const field = fromCore?.field ?? String(issue.path[0] ?? '');
    if (!BLOCK_IDS.has(field) || errors[field]) continue;
    errors[field] = truncate(fromCore?.message ?? `${field} is required.`, FIELD_ERROR_MAX_LENGTH);
  }
  return Object.keys(errors).length > 0 ? errors : { title: 'Please check the form and try again.' };
}

/**
 * A service refusal about one of the form's fields (a release date too soon, a campaign that
 * already exists) goes back under that field instead of closing the form.
 */
export function replyFieldError(reply: Reply): Record<string, string> | null {
  const problem = reply.problem;
  if (!problem || !BLOCK_IDS.has(problem.field)) return null;
  return { [problem.field]: truncate(problem.message, FIELD_ERROR_MAX_LENGTH) };
}

/** Type-ahead for the time zone select: Slack asks as the member types. */
export function timeZoneOptions(query: string): { options: types.PlainTextOption[] } {
  return {
    options: suggestTimeZones(query, TIME_ZONE_SUGGESTIONS).map((zone) => ({
      text: text(zone, VIEW_LIMITS.optionText),
      value: zone,
    })),
  };
}
