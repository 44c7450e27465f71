import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import {
  localTime,
  zoneNaming,
  type Reply,
  type ReplyAction,
  type ReplyTone,
  type RichText,
  type Segment,
  type ZoneNamer,
} from '../../app/reply.ts';
import { safeText } from '../../core/text-safety.ts';
import { encodeCustomId, encodeFormCustomId } from './custom-id.ts';
import { MESSAGE_LIMITS } from './discord-limits.ts';
import { formKey } from './form-store.ts';

/** A message as Discord's API takes it (snake_case JSON); callers add flags and allowed mentions. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** Room kept for the closing "… more not shown here" field when fields must be dropped. */
const CLOSING_NOTE_ROOM = 80;

const TONE_COLOUR: Record<ReplyTone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
  question: 0xeb459e,
};

const TONE_MARK: Record<ReplyTone, string> = {
  info: '',
  success: '✅ ',
  warning: '⚠️ ',
  error: '❌ ',
  question: '❓ ',
};

/**
 * A time as `<t:…>`, which Discord shows in each reader's own time; the campaign's zone is named
 * where the reply names it (see zoneNaming). A calendar date (the release day) belongs to the
 * campaign's zone and is written out: Discord's date token would shift it a day far west or east.
 */
function timestamp(instant: Date, zone: string, style: 'datetime' | 'date', nameZone: ZoneNamer): string {
  const shown =
    style === 'date' ? safeText(localTime(instant, zone, 'date')) : `<t:${Math.floor(instant.getTime() / 1000)}:F>`;
  return nameZone(zone) ? `${shown} (${safeText(zone)})` : shown;
}

function linkText(url: string, label: string): string {
  if (!/^https?:\/\/[^\s<>]+$/i.test(url)) return safeText(label === url ? url : `${label} ${url}`);
  const target = url.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return label === url ? target : `[${safeText(label)}](${target})`;
}

export function renderSegment(segment: Segment, nameZone: ZoneNamer = () => true): string {
  if (typeof segment === 'string') return safeText(segment);
  if ('instant' in segment) return timestamp(segment.instant, segment.zone, segment.style, nameZone);
  // A channel link shows the channel's name and never notifies anyone.
  if ('channel' in segment)
    return /^\d{1,21}$/.test(segment.channel) ? `<#${segment.channel}>` : `#${safeText(segment.channel)}`;
  return linkText(segment.url, segment.label);
}

/** A line as markdown; by default each zone is named at its first instant in the line. */
export const renderRichText = (
  text: RichText,
  nameZone: ZoneNamer = zoneNaming({ lines: [text], fields: [] }).line(),
): string => text.map((segment) => renderSegment(segment, nameZone)).join('');

/**
 * Shortens rendered markdown without leaving half a timestamp or a dangling backslash, which
 * would show raw syntax or escape the ellipsis.
 */
export function clipMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  cut = cut.replace(/<t:[^>]*$/, '').replace(/\[[^\]]*\]\([^)]*$/, '');
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function buttonStyle(action: ReplyAction): ButtonStyle {
  if (action.id.startsWith('done')) return ButtonStyle.Success;
  if (action.id === 'status') return ButtonStyle.Primary;
  return ButtonStyle.Secondary;
}

/**
 * Up to 25 buttons, five to a row; a command too long for a custom id is left off, never cut. A
 * button with a form carries the form's key too (the form itself is stored, see form-store.ts).
 */
export function renderButtons(actions: readonly ReplyAction[]): DiscordMessage['components'] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const action of actions) {
    const customId = action.form
      ? encodeFormCustomId(formKey(action.form), action.command)
      : encodeCustomId(action.command);
    // Discord refuses a message with two components sharing a custom id.
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: buttonStyle(action) as APIButtonComponentWithCustomId['style'],
      label: clipMarkdown(action.label, MESSAGE_LIMITS.buttonLabel),
      custom_id: customId,
    });
    if (buttons.length === MESSAGE_LIMITS.buttonsPerRow * MESSAGE_LIMITS.rows) break;
  }
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < buttons.length; i += MESSAGE_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + MESSAGE_LIMITS.buttonsPerRow) });
  }
  return rows;
}

function renderEmbed(reply: Reply): APIEmbed {
  const title = clipMarkdown(safeText(reply.title), MESSAGE_LIMITS.title);
  const naming = zoneNaming(reply);
  const description = clipMarkdown(
    reply.lines.map((line) => renderRichText(line, naming.line())).join('\n'),
    MESSAGE_LIMITS.description,
  );
  let budget = MESSAGE_LIMITS.embedTotal - title.length - description.length;
  const fields: APIEmbedField[] = [];
  for (const [index, field] of reply.fields.entries()) {
    const name = clipMarkdown(safeText(field.label), MESSAGE_LIMITS.fieldName);
    const value = clipMarkdown(renderRichText(field.value, naming.line()) || '\u200b', MESSAGE_LIMITS.fieldValue);
    const remaining = reply.fields.length - index;
    // Keep room for a closing note when fields must be dropped.
    if (fields.length === MESSAGE_LIMITS.fields - 1 && remaining > 1) break;
    if (name.length + value.length > budget - CLOSING_NOTE_ROOM) break;
    fields.push({ name, value });
    budget -= name.length + value.length;
  }
  const dropped = reply.fields.length - fields.length;
  if (dropped > 0) fields.push({ name: '…', value: `${dropped} more not shown here.` });
  return {
    title,
    color: TONE_COLOUR[reply.tone],
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/**
 * An embed holding the whole reply, buttons for its actions, and a short plain-text `content`:
 * the headline that notifications and members with embeds turned off see. Every string from the
 * reply is escaped, so a member's title can neither format nor ping. `mentionUserId` puts the one
 * deliberate mention (a DM fallback post) in front of the headline.
 */
export function renderReply(reply: Reply, options: { mentionUserId?: string } = {}): DiscordMessage {
  const mention =
    options.mentionUserId && /^\d{1,21}$/.test(options.mentionUserId) ? `<@${options.mentionUserId}> ` : '';
  const headline = `${mention}${TONE_MARK[reply.tone]}${safeText(reply.title)}`;
  return {
    content: clipMarkdown(headline, MESSAGE_LIMITS.content),
    embeds: [renderEmbed(reply)],
    components: renderButtons(reply.actions),
  };
}
