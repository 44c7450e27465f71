import { DateTime, Duration } from 'luxon';
import { fail, ok, type Result } from '../../core/errors.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const MAX_JUMP_MS = 400 * 86_400_000;

const HELP =
  'use /clock +2h, /clock +3d, /clock +1w2d, /clock +PT90M, or an instant such as /clock 2027-03-10T09:00 (in the community zone) or 2027-03-10T09:00Z';

/**
 * The console's simulated-clock argument: `+<duration>` (compact 1w2d3h30m or ISO 8601 P…) or an
 * ISO instant, read in `zone` when it has no offset. Only forward moves make sense: sent
 * reminders cannot be unsent.
 */
export function parseClockTarget(input: string, now: Date, zone: string): Result<Date> {
  const text = input.trim();
  if (text.startsWith('-')) {
    return fail('clock', 'invalid', 'The simulated clock only moves forward; give a later time or a +duration.');
  }
  if (text.startsWith('+')) {
    const body = text.slice(1).trim();
    let ms: number | null = null;
    if (/^p/i.test(body)) {
      const duration = Duration.fromISO(body.toUpperCase());
      ms = duration.isValid ? duration.toMillis() : null;
    } else if (/^(\d+\s*[wdhm]\s*)+$/i.test(body)) {
      ms = 0;
      for (const [, n, unit] of body.matchAll(/(\d+)\s*([wdhm])/gi)) ms += Number(n) * UNIT_MS[unit!.toLowerCase()]!;
    }
    if (ms === null || ms <= 0) return fail('clock', 'invalid', `"${text}" is not a forward duration: ${HELP}.`);
    if (ms > MAX_JUMP_MS) return fail('clock', 'invalid', 'That is more than 400 days ahead; no campaign needs that.');
    return ok(new Date(now.getTime() + ms));
  }
  const instant = DateTime.fromISO(text, { zone, setZone: false });
  if (!instant.isValid) return fail('clock', 'invalid', `"${text}" is not a time I can read: ${HELP}.`);
  const target = instant.toJSDate();
  if (target.getTime() <= now.getTime()) {
    return fail('clock', 'invalid', 'The simulated clock only moves forward; give a later time or a +duration.');
  }
  if (target.getTime() - now.getTime() > MAX_JUMP_MS) {
    return fail('clock', 'invalid', 'That is more than 400 days ahead; no campaign needs that.');
  }
  return ok(target);
}
