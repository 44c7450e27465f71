import { localDate } from '../../core/local-day.ts';
import { planReminders, type PlannedReminder } from '../../core/reminder-plan.ts';
import type { IsoDate } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import { campaignMarks, campaignTimeline } from '../campaigns/plan-view.ts';
import type { DesiredReminder } from './ports.ts';
import { MODERATOR_NOTICE_KINDS } from '../moderation/moderator-notices.ts';

const DAY_MS = 86_400_000;

/**
 * Which reminder policy made a campaign's stored rows. Raise it when the policy changes what rows
 * exist: the sweeper replans campaigns stored by an older one, so an upgrade reaches every
 * campaign, not only those someone touches.
 */
export const PLAN_VERSION = 2;

/** The reminder kind of a member's one morning message; its row is the member's, not a campaign's. */
export const MORNING_KIND = 'morning';

/** The row key of a member's morning message on a local date: one per member and day, whatever the campaigns. */
export const morningKey = (memberId: string, date: IsoDate): string => `morning:${memberId}:${date}`;

function planFor(
  campaign: CampaignRecord,
  memberTimeZone: string | null,
): { zone: string; planned: PlannedReminder[] } {
  const zone = memberTimeZone ?? campaign.timeZone;
  const planned = planReminders({
    timeline: campaignTimeline(campaign, campaign.createdAt),
    marketplace: campaign.marketplace,
    marks: campaignMarks(campaign),
    memberTimeZone: zone,
    startedAt: campaign.createdAt,
  });
  return { zone, planned };
}

/**
 * Every reminder an active campaign should have, past ones included, keyed so that each can
 * exist once: the pure plan's own DMs and release-day post, one morning row per day that has
 * something to say, plus the "now on pre-order" channel post once listing-live is marked done.
 * Replanning compares this list with the stored rows.
 */
export function desiredReminders(campaign: CampaignRecord, memberTimeZone: string | null): DesiredReminder[] {
  // A moderator's pause stops every planned reminder; resuming replans, so rows still ahead come back.
  if (campaign.state !== 'active' || campaign.remindersPausedAt) return [];
  const { zone, planned } = planFor(campaign, memberTimeZone);
  const desired: DesiredReminder[] = [];
  const seen = new Set<string>();
  for (const r of planned) {
    if (r.delivery === 'morning') {
      // The words are worked out when the morning comes, from every campaign of the member then.
      const date = localDate(r.dueAt.getTime(), zone);
      const key = morningKey(campaign.memberId, date);
      if (seen.has(key)) continue;
      seen.add(key);
      desired.push({
        key,
        milestoneId: null,
        kind: MORNING_KIND,
        target: 'dm',
        dueAt: r.dueAt,
        expiresAt: r.expiresAt,
        critical: false,
        memberWide: true,
      });
      continue;
    }
    if (r.kind === 'start') {
      // The first steps all start together: one DM lists those still open, not one DM each.
      const key = `${campaign.id}:first-steps:start:dm:${r.dueAt.toISOString()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      desired.push({
        key,
        milestoneId: null,
        kind: 'start',
        target: 'dm',
        dueAt: r.dueAt,
        expiresAt: r.expiresAt,
        critical: false,
      });
      continue;
    }
    desired.push({
      key: `${campaign.id}:${r.key}`,
      milestoneId: r.milestoneId,
      kind: r.kind,
      target: r.target,
      dueAt: r.dueAt,
      expiresAt: r.expiresAt,
      critical: r.critical,
    });
  }
  const listed = campaign.progress.find((p) => p.milestoneId === 'listing-live' && p.status === 'done');
  if (listed) {
    desired.push({
      // No instant in the key: the announcement is made once, even if the step is undone and redone.
      key: `${campaign.id}:listing-live:channel-listing-live:channel`,
      milestoneId: 'listing-live',
      kind: 'channel-listing-live',
      target: 'channel',
      dueAt: listed.markedAt,
      expiresAt: new Date(listed.markedAt.getTime() + DAY_MS),
      critical: false,
    });
  }
  return desired;
}

/** The lines a campaign has for the member's morning message of `date` (member zone), in plan order. */
export function morningLines(
  campaign: CampaignRecord,
  memberTimeZone: string | null,
  date: IsoDate,
): PlannedReminder[] {
  if (campaign.state !== 'active' || campaign.remindersPausedAt) return [];
  const { zone, planned } = planFor(campaign, memberTimeZone);
  return planned.filter((r) => r.delivery === 'morning' && localDate(r.dueAt.getTime(), zone) === date);
}

/** Reminder kinds the sync leaves alone when they are not in the plan: the member, the sweeper or a moderator made them. */
export const UNPLANNED_KINDS: ReadonlySet<string> = new Set(['snooze', 'missed-summary', ...MODERATOR_NOTICE_KINDS]);
