/**
 * A button's custom id carries the action's command, so a press needs no stored state and works
 * after restarts. Discord allows 100 characters; the longest command today
 * (`/preorder snooze ingram-preorder-setup campaign:<uuid> for:tomorrow`) is 97. A longer one is
 * written compactly: `~` instead of `/preorder `, `c:` instead of `campaign:` and the uuid without
 * hyphens. Decoding gives back a command string only: it is untrusted and goes through
 * `dispatchAction`, which checks it like anything else a member sends.
 */
export const MAX_CUSTOM_ID = 100;

const PREFIX = '/preorder ';
const COMPACT = '~';

export function encodeCustomId(command: string): string | null {
  if (command.length <= MAX_CUSTOM_ID) return command;
  if (!command.startsWith(PREFIX)) return null;
  const compact =
    COMPACT +
    command
      .slice(PREFIX.length)
      .replace(/\bcampaign:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\b/i, 'c:$1$2$3$4$5');
  return compact.length <= MAX_CUSTOM_ID ? compact : null;
}

export function decodeCustomId(customId: string): string {
  if (!customId.startsWith(COMPACT)) return customId;
  return (
    PREFIX +
    customId
      .slice(COMPACT.length)
      .replace(/\bc:([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})\b/i, 'campaign:$1-$2-$3-$4-$5')
  );
}
