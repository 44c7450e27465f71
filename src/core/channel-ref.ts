import { fail, ok, type Result } from './errors.ts';

/**
 * A channel as a member can name it on any platform: a Discord mention `<#123…>`, a Slack
 * reference `<#C0123|general>`, a bare id, or `#name` in the console. `off` clears the setting.
 */
export function parseChannelRef(input: string, field = 'channel'): Result<string | null> {
  const text = input.trim();
  if (/^(off|none)$/i.test(text)) return ok(null);
  const mention = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(text);
  if (mention) return ok(mention[1]!);
  const bare = /^#?([a-z0-9][\w-]{0,79})$/i.exec(text);
  if (bare) return ok(bare[1]!);
  return fail(
    field,
    'invalid',
    `${field} should be a channel: pick one from the list (Discord), type #channel (Slack), or write off to post nowhere.`,
  );
}
