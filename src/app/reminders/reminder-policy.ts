import { planReminders } from '../../core/reminder-plan.ts';
import type { MilestoneId, MilestoneStatus } from '../../core/types.ts';
import type { CampaignRecord } from '../ports.ts';
import { campaignTimeline } from '../services/plan-view.ts';
import type { DesiredReminder } from './ports.ts';
import { MODERATOR_NOTICE_KINDS } from '../moderation/moderator-notices.ts';

const DAY_MS = 86_400_000;

/** The start and nudge DMs of the "as soon as possible" steps go out as one DM per instant. */
const GROUPED_KINDS: ReadonlySet<string> = new Set(['start', 'nudge']);

/**
 * Every reminder an active campaign should have, past ones included, keyed so that each can
 * exist once: the pure plan's DMs and release-day post, plus the "now on pre-order" channel post
 * once listing-live is marked done. Replanning compares this list with the stored rows.
 */
export function desiredReminders(campaign: CampaignRecord, memberTimeZone: string | null): DesiredReminder[] {
  // A moderator's pause stops every planned reminder; resuming replans, so rows still ahead come back.
  if (campaign.state !== 'active' || campaign.remindersPausedAt) return [];
  const statuses: Partial<Record<MilestoneId, MilestoneStatus>> = {};
  for (const p of campaign.progress) statuses[p.milestoneId] = p.status;
  const timeline = campaignTimeline(campaign, campaign.createdAt);
  const firstSteps = new Set(timeline.filter((m) => m.kind === 'asap').map((m) => m.id));
  const planned = planReminders({
    timeline,
    statuses,
    memberTimeZone: memberTimeZone ?? campaign.timeZone,
    startedAt: campaign.createdAt,
  });
  const desired: DesiredReminder[] = [];
  const grouped = new Set<string>();
  for (const r of planned) {
    if (GROUPED_KINDS.has(r.kind) && firstSteps.has(r.milestoneId)) {
      // The first steps all start together and are nudged together: one DM lists those still open,
      // instead of four DMs a morning. The row lives while any of them is open.
      const key = `${campaign.id}:first-steps:${r.kind}:${r.target}:${r.dueAt.toISOString()}`;
      if (grouped.has(key)) continue;
      grouped.add(key);
      desired.push({
        key,
        milestoneId: null,
        kind: r.kind,
        target: r.target,
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

/** Reminder kinds the sync leaves alone when they are not in the plan: the member, the sweeper or a moderator made them. */
export const UNPLANNED_KINDS: ReadonlySet<string> = new Set(['snooze', 'missed-summary', ...MODERATOR_NOTICE_KINDS]);
