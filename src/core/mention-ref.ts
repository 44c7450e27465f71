import { fail, ok, type Result } from './errors.ts';

/**
 * A person or role as a moderator can name them on any platform. `id` is the platform's own id
 * when the platform said it (a Discord user or role picker, a Slack `<@U…>` or `<!subteam^S…>`
 * escape); `mention` tells the service the id needs no lookup by name. Typed text (the console's
 * member names, a pasted id) keeps `mention: false`, and the service resolves it.
 */
export interface MentionRef {
  id: string;
  kind: 'user' | 'role' | 'unknown';
  mention: boolean;
  /** the name that came with a Slack escape or was typed, for replies */
  label: string;
}

const USER_MENTION = /^<@!?([A-Z0-9]+)(?:\|([^>]*))?>$/i;
const DISCORD_ROLE = /^<@&(\d+)>$/;
const SLACK_GROUP = /^<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>$/i;
const PLAIN = /^@?([^<>@\s][^<>]{0,79})$/u;

function parseRef(input: string, field: string, allowRoles: boolean): Result<MentionRef> {
  const text = input.trim();
  const user = USER_MENTION.exec(text);
  if (user) return ok({ id: user[1]!, kind: 'user', mention: true, label: user[2] || user[1]! });
  if (allowRoles) {
    const role = DISCORD_ROLE.exec(text);
    if (role) return ok({ id: role[1]!, kind: 'role', mention: true, label: role[1]! });
    const group = SLACK_GROUP.exec(text);
    if (group) return ok({ id: group[1]!, kind: 'role', mention: true, label: group[2] || group[1]! });
  }
  const plain = PLAIN.exec(text);
  // A bare platform id (Discord snowflake, Slack U…/S… id) arrives this way from pickers, too.
  if (plain && plain[1]!.trim() !== '') {
    const name = plain[1]!.trim();
    return ok({ id: name, kind: 'unknown', mention: false, label: name });
  }
  const what = allowRoles ? 'a member or a role' : 'a member';
  return fail(
    field,
    'invalid',
    `${field} should be ${what}: pick one from the list (Discord), mention them with @ (Slack), or type their name (console).`,
  );
}

/** A member: a user picker or mention, a raw id, or a name. */
export const parseMemberRef = (input: string, field = 'member'): Result<MentionRef> => parseRef(input, field, false);

/** A member or a role (or Slack user group), e.g. a moderator to add. */
export const parseMentionableRef = (input: string, field = 'moderator'): Result<MentionRef> =>
  parseRef(input, field, true);

/** A whole local hour, 0–23; `9`, `09`, `09:00` and `9am`/`9pm` all read. */
export function parseHour(input: string, field = 'hour'): Result<number> {
  const text = input.trim().toLowerCase();
  const match = /^(\d{1,2})(?::00)?\s*(am|pm)?$/.exec(text);
  let hour = match ? Number(match[1]) : NaN;
  if (match?.[2]) hour = hour >= 1 && hour <= 12 ? (hour % 12) + (match[2] === 'pm' ? 12 : 0) : NaN;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    return fail(field, 'invalid', `${field} must be a whole hour from 0 to 23 (e.g. 9 or 18:00); "${input}" is not.`);
  }
  return ok(hour);
}
