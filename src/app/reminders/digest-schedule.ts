import { nextLocalHour } from '../../core/reminder-timing.ts';
import type { Platform } from '../ports.ts';
import type { NewReminder } from './ports.ts';

const HOUR_MS = 3_600_000;

export interface DigestCommunity {
  id: string;
  platform: Platform;
  defaultTimeZone: string;
  digestHour: number;
}

/**
 * A community's next daily digest row. The key carries the instant, so the sweeper (hourly) and a
 * settings change (a new hour or zone) name the same row and neither inserts a second one.
 */
export function nextDigestRow(community: DigestCommunity, now: Date): NewReminder {
  const dueAt = nextLocalHour(new Date(now.getTime() - 1), community.defaultTimeZone, community.digestHour);
  return {
    key: `digest:${community.id}:${dueAt.toISOString()}`,
    platform: community.platform,
    communityId: community.id,
    campaignId: null,
    memberId: null,
    milestoneId: null,
    kind: 'digest',
    target: 'channel',
    dueAt,
    // A digest is about the day ahead; hours late, it is noise.
    expiresAt: new Date(dueAt.getTime() + 6 * HOUR_MS),
    critical: false,
  };
}
