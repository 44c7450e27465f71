/**
 * A button's custom id carries the action's command, so a press needs no stored state and works
 * after restarts. Discord allows 100 characters; the longest command today
 * (`/preorder snooze ingram-preorder-setup campaign:<uuid> for:tomorrow`) is 97. A longer one is
 * written compactly: `~` instead of `/preorder ` (`^` instead of `/preorder-admin `), `c:` instead
 * of `campaign:` and the uuid without hyphens. Decoding gives back a command string only: it is
 * untrusted and goes through `dispatchAction`, which checks it like anything else a member sends.
 */
export const MAX_CUSTOM_ID = 100;

/** Each group's prefix and the mark that stands for it in a compact id. */
const GROUPS: readonly [prefix: string, mark: string][] = [
  ['/preorder ', '~'],
  ['/preorder-admin ', '^'],
];
const UUID = /\bcampaign:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\b/i;
const COMPACT_UUID = /\bc:([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})\b/i;

export function encodeCustomId(command: string, max = MAX_CUSTOM_ID): string | null {
  if (command.length <= max) return command;
  const group = GROUPS.find(([prefix]) => command.startsWith(prefix));
  if (!group) return null;
  const compact = group[1] + command.slice(group[0].length).replace(UUID, 'c:$1$2$3$4$5');
  return compact.length <= max ? compact : null;
}

export function decodeCustomId(customId: string): string {
  const group = GROUPS.find(([, mark]) => customId.startsWith(mark));
  if (!group) return customId;
  return group[0] + customId.slice(group[1].length).replace(COMPACT_UUID, 'campaign:$1-$2-$3-$4-$5');
}

/**
 * A button that opens a form: `!`, the form's key (see form-store.ts, a fixed length) and the
 * encoded command. The form's fields are too long for a custom id, so they are looked up by key.
 */
const FORM_MARK = '!';
export const FORM_KEY_LENGTH = 11;

export function encodeFormCustomId(formKey: string, command: string): string | null {
  const encoded = encodeCustomId(command, MAX_CUSTOM_ID - FORM_MARK.length - FORM_KEY_LENGTH);
  return encoded ? `${FORM_MARK}${formKey}${encoded}` : null;
}

export function decodeFormCustomId(customId: string): { formKey: string; command: string } | null {
  if (!customId.startsWith(FORM_MARK) || customId.length <= FORM_MARK.length + FORM_KEY_LENGTH) return null;
  const formKey = customId.slice(FORM_MARK.length, FORM_MARK.length + FORM_KEY_LENGTH);
  return { formKey, command: decodeCustomId(customId.slice(FORM_MARK.length + FORM_KEY_LENGTH)) };
}
