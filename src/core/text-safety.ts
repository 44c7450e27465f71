/**
 * Defence in depth for member-provided text rendered on a platform. Validators already refuse
 * most of this at entry; these run at render time so that older rows, fields without a strict
 * validator, and rules we missed still cannot ping a channel or restyle a bot message.
 */

// A zero-width space keeps the text looking the same while stopping the platform's parser
// from seeing a mention; it is the same trick discord.js uses in cleanContent.
const ZWSP = '\u200B';

const MASS_MENTION = /@(?=everyone|here|channel)/gi;
// Discord: <@user>, <@!user>, <@&role>, <#channel>. Slack: <@U…>, <#C…|name>, <!here>, <!subteam^…>.
const BRACKET_MENTION = /<(?=[@#!])/g;

/** Breaks @everyone/@here/@channel and <@…>, <#…>, <!…> so they render but never notify. */
export function neutralizeMentions(text: string): string {
  return text.replace(MASS_MENTION, `@${ZWSP}`).replace(BRACKET_MENTION, `<${ZWSP}`);
}

// The member's own backslashes are escaped in the same pass, so a typed \* becomes \\\* and still
// shows as typed instead of leaving the * live.
const MARKDOWN_CHAR = /[\\*_~`|>[\]]/g;
// Discord makes headings of "# ", "## ", "### " and small text of "-# " at the start of a line;
// the characters are harmless elsewhere, so only that position is escaped.
const LINE_START_HEADING = /^([ \t]*)(?=#{1,3}[ \t]|-#[ \t])/gm;

/**
 * Backslash-escapes markdown so the text shows literally on Discord. Besides \ * _ ~ ` | >,
 * brackets are escaped (they open masked links) and so are line-start headings.
 * Slack's mrkdwn has no backslash escape (it would show these backslashes literally): Slack
 * renderers should use neutralizeMentions, escape &, < and > as entities, and prefer plain_text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_CHAR, '\\$&').replace(LINE_START_HEADING, '$1\\');
}

/** Everything member-provided goes through this before it is put in a platform message. */
export function safeText(text: string): string {
  return escapeMarkdown(neutralizeMentions(text));
}
