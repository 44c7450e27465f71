import type { types } from '@slack/bolt';
import {
  formatInstant,
  localTime,
  zoneNaming,
  type Reply,
  type ReplyAction,
  type RichText,
  type Segment,
  type ZoneNamer,
} from '../../app/reply.ts';
import { formButtonValue } from './action-form.ts';
import { escapeMrkdwn, mention, truncate } from './mrkdwn.ts';
import { BLOCK_LIMITS } from './slack-limits.ts';

export type Block = types.KnownBlock;

/** What chat.postMessage, respond() and views take: Block Kit plus the plain `text` fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const TONE_MARK: Record<Reply['tone'], string> = {
  info: '',
  success: '✅ ',
  warning: '⚠️ ',
  error: '❌ ',
  question: '❓ ',
};

/** Buttons carry the action's command in their value; dispatch checks it again on press. */
export const ACTION_PREFIX = 'pp:';
/** A button that opens a form; its value is JSON holding the command and the form (see action-form.ts). */
export const FORM_ACTION_PREFIX = 'ppf:';

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(escapeMrkdwn(text), max),
  emoji: true,
});

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });

/**
 * One segment as mrkdwn. An instant with a time uses Slack's date token, which each reader sees
 * in their own zone, followed by the campaign's local time, so the plan's time of day is never
 * hidden; the zone is named where the reply names it (see zoneNaming). A calendar date (the
 * release day) belongs to the campaign's zone and is written out: Slack's token would shift it a
 * day for readers far west or east.
 */
export function segmentMrkdwn(segment: Segment, nameZone: ZoneNamer = () => true): string {
  if (typeof segment === 'string') return escapeMrkdwn(segment);
  if ('instant' in segment) {
    const named = nameZone(segment.zone);
    const zone = named ? ` (${escapeMrkdwn(segment.zone)})` : '';
    if (segment.style === 'date') return `${escapeMrkdwn(localTime(segment.instant, segment.zone, 'date'))}${zone}`;
    const fallback = escapeMrkdwn(formatInstant(segment.instant, segment.zone));
    const unix = Math.floor(segment.instant.getTime() / 1000);
    const local = escapeMrkdwn(localTime(segment.instant, segment.zone));
    return `<!date^${unix}^{date_short_pretty} {time}|${fallback}> (${local}${named ? `, ${escapeMrkdwn(segment.zone)}` : ''})`;
  }
  if ('channel' in segment) {
    // A native channel link; an id that is not a Slack id is shown as text, never as markup.
    return /^[CGD][A-Z0-9]{2,}$/.test(segment.channel) ? `<#${segment.channel}>` : `#${escapeMrkdwn(segment.channel)}`;
  }
  const url = segment.url.replace(/[<>|\s]/g, encodeURIComponent);
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(segment.label);
  return segment.label === segment.url ? `<${url}>` : `<${url}|${escapeMrkdwn(segment.label).replace(/\|/g, '¦')}>`;
}

/** A line as mrkdwn; by default each zone is named at its first instant in the line. */
export const richMrkdwn = (
  text: RichText,
  nameZone: ZoneNamer = zoneNaming({ lines: [text], fields: [] }).line(),
): string => text.map((segment) => segmentMrkdwn(segment, nameZone)).join('');

function buttons(actions: readonly ReplyAction[]): types.Button[] {
  const seen = new Set<string>();
  return actions.slice(0, BLOCK_LIMITS.buttonsPerBlock).flatMap((action, index) => {
    const prefix = action.form ? FORM_ACTION_PREFIX : ACTION_PREFIX;
    let actionId = `${prefix}${action.id}`.slice(0, BLOCK_LIMITS.actionId);
    if (seen.has(actionId)) actionId = `${actionId.slice(0, BLOCK_LIMITS.actionId - 4)}#${index}`;
    seen.add(actionId);
    const value = action.form ? formButtonValue(action.command, action.form) : action.command;
    if (value.length > BLOCK_LIMITS.buttonValue) return [];
    const button: types.Button = {
      type: 'button',
      action_id: actionId,
      text: plain(action.label, BLOCK_LIMITS.buttonText),
      value,
    };
    return [index === 0 && /^done/.test(action.id) ? { ...button, style: 'primary' as const } : button];
  });
}

export interface RenderOptions {
  /** A member to mention at the top: only the fallback post for a member whose DMs are closed. */
  mentionUserId?: string | undefined;
  /** Leave the buttons out (App Home renders its own). */
  withoutActions?: boolean;
}

/** A neutral Reply as Block Kit, every string escaped, with a plain-text `text` fallback. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [
    { type: 'header', text: plain(`${TONE_MARK[reply.tone]}${reply.title}`, BLOCK_LIMITS.header) },
  ];
  const prefix = options.mentionUserId ? `${mention(options.mentionUserId)} ` : '';
  const naming = zoneNaming(reply);
  const lines = reply.lines.map((line) => richMrkdwn(line, naming.line())).filter((line) => line.trim() !== '');
  if (prefix && lines.length === 0) lines.push('');
  // Lines go into as few sections as fit, so a long plan stays under the 50-block limit.
  let section = '';
  const flush = () => {
    if (section.trim() !== '') blocks.push({ type: 'section', text: mrkdwn(section) });
    section = '';
  };
  lines.forEach((line, index) => {
    const text = truncate(index === 0 ? `${prefix}${line}` : line, BLOCK_LIMITS.section);
    if (section !== '' && section.length + text.length + 1 > BLOCK_LIMITS.section) flush();
    section = section === '' ? text : `${section}\n${text}`;
  });
  flush();
  const fields = reply.fields.map((field) =>
    mrkdwn(truncate(`*${escapeMrkdwn(field.label)}*\n${richMrkdwn(field.value, naming.line())}`, BLOCK_LIMITS.field)),
  );
  for (let i = 0; i < fields.length; i += BLOCK_LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + BLOCK_LIMITS.fieldsPerSection) });
  }
  if (!options.withoutActions && reply.actions.length > 0) {
    const elements = buttons(reply.actions);
    if (elements.length > 0) blocks.push({ type: 'actions', elements });
  }
  // Past the limit, the middle goes and the buttons (last) stay.
  if (blocks.length > BLOCK_LIMITS.blocks) blocks.splice(BLOCK_LIMITS.blocks - 1, blocks.length - BLOCK_LIMITS.blocks);
  return { text: truncate(`${prefix}${escapeMrkdwn(reply.fallback)}`, BLOCK_LIMITS.text), blocks };
}

/** A reply to a command or a button: ephemeral when personal, in the channel when public. */
export function renderResponse(reply: Reply): SlackMessage & {
  response_type: 'ephemeral' | 'in_channel';
  replace_original: false;
} {
  return {
    ...renderReply(reply),
    response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral',
    replace_original: false,
  };
}
