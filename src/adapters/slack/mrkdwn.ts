import { neutralizeMentions } from '../../core/text-safety.ts';

/**
 * Slack's text rules in one place. Slack reads `<…>` as mentions, links and dates (`<!everyone>`,
 * `<@U123>`, `<!date^…>`), so every string is escaped before it reaches `text`, a text object or
 * a notification. Validators already refuse mentions in titles; this is the defence in depth for
 * older rows and free text: `@channel`-style words also get a zero-width space, and messages are
 * posted without `link_names`.
 */
export function escapeMrkdwn(text: string): string {
  return neutralizeMentions(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The reverse, for text Slack sends us (slash command text arrives with `&`, `<`, `>` escaped). */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cuts text to Slack's per-element limit without splitting an escape sequence or a `<…>` token
 * in half (which Slack would show as broken markup).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open !== -1 && !cut.slice(open).includes('>')) cut = cut.slice(0, open);
  return `${cut}…`;
}

/** A user mention: the one deliberate ping, used only for a member's own fallback post. */
export const mention = (userId: string): string => `<@${userId.replace(/[^A-Z0-9]/gi, '')}>`;
