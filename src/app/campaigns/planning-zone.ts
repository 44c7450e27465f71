import { UserError } from '../../core/errors.ts';
import type { Marketplace } from '../../core/types.ts';
import type { RequestContext } from '../context.ts';
import type { RichText } from '../reply.ts';

/** Zones to suggest when a member gave none, by the site they sell on. */
const SUGGESTIONS: Record<Marketplace, string[]> = {
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  UK: ['Europe/London', 'Europe/Dublin'],
};

/**
 * The zone a new campaign is planned in: the one given, else the member's own, else the
 * community's when someone chose it (said in the reply, so nobody is planned in a zone they did
 * not pick without knowing). With none of those, the member is asked: every deadline is a local
 * hour, and a silent UTC would put them all off by hours.
 */
export function planningZone(
  ctx: RequestContext,
  args: { timezone?: string | undefined; marketplace?: Marketplace | undefined },
): { timeZone: string; note: RichText | null } {
  if (args.timezone) return { timeZone: args.timezone, note: null };
  if (ctx.member.timeZone) return { timeZone: ctx.member.timeZone, note: null };
  const zone = ctx.community.defaultTimeZone;
  if (ctx.community.timeZoneChosen) {
    return {
      timeZone: zone,
      note: [
        `Planned in ${zone}, this community's default time zone. If yours differs, /preorder edit timezone:<your city> replans it.`,
      ],
    };
  }
  const choices = SUGGESTIONS[args.marketplace ?? 'US'];
  throw new UserError({
    field: 'timezone',
    code: 'required',
    message:
      'Which time zone should I plan in? Every deadline is a local time, so I need yours: add timezone: with a city or ' +
      `an IANA name, e.g. timezone:"New York" or timezone:London (or set it once with /preorder settings timezone:…). Common ones: ${choices.join(', ')}.`,
    choices,
  });
}
