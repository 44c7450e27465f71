import { findCommand } from '../../app/commands/registry.ts';
import { decodeSlackEntities } from './mrkdwn.ts';

/** The two slash commands the manifest registers; anything else is not ours. */
export const SLASH_COMMANDS = ['/preorder', '/preorder-admin'] as const;
export type SlashCommand = (typeof SLASH_COMMANDS)[number];

export const isSlashCommand = (command: string): command is SlashCommand =>
  (SLASH_COMMANDS as readonly string[]).includes(command);

/**
 * The typed line dispatch parses (`/preorder start title:"My Book" …`), from what Slack sent:
 * the command name and its text. Slack escapes `&`, `<` and `>` in the text; with escaping on in
 * the manifest, channels and users arrive as `<#C0123|general>` and `<@U123|sam>`, which are kept
 * as they are so an option kind can read the id.
 */
export function commandLine(command: SlashCommand, text: string): string {
  const body = decodeSlackEntities(text).replace(/\s+/g, ' ').trim();
  return body === '' ? command : `${command} ${body}`;
}

/** The sub-command word of a line (`start`, `status`…), lower-cased; `help` when there is none. */
export function subcommandOf(line: string): string {
  const match = /^\/preorder(?:-admin)?\s+(\S+)/i.exec(line);
  return match?.[1]?.toLowerCase() ?? 'help';
}

/** `/preorder start` with nothing after it opens the form instead of answering with an error. */
export function opensStartForm(command: SlashCommand, text: string): boolean {
  return command === '/preorder' && /^\s*start\s*$/i.test(decodeSlackEntities(text));
}

/** Whether a typed line's command can change how the member's campaigns look (its spec says so). */
export function changesCampaigns(line: string): boolean {
  const group = /^\/(preorder(?:-admin)?)\b/i.exec(line)?.[1]?.toLowerCase() ?? 'preorder';
  return findCommand(group, subcommandOf(line))?.changesCampaigns === true;
}
