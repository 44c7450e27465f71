import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { getMilestone } from '../../core/milestones.ts';
import type { PlannedMilestone } from '../../core/timeline.ts';
import type { CampaignRecord } from '../ports.ts';
import type { MilestoneView } from '../services/plan-view.ts';

/** Length given to a step that has a start but no natural end (asap steps, account closing). */
const SLOT_MS = 30 * 60_000;
const HOUR_S = 3600;

export const calendarUid = (campaignId: string, milestoneId: string): string =>
  `${campaignId}-${milestoneId}@preorder-pal`;

/**
 * How a step sits in a calendar. Every instant is written in UTC: a floating time or an all-day
 * date would be read in whatever zone the member's device is in, and a DST change could move it.
 * - window: exactly the window, opening to close.
 * - daily (confirming POs): one span from the first day to the last, rather than a daily
 *   recurrence, whose RRULE in UTC would drift an hour against local time across a DST change.
 * - open-ended (listing check): from when it can first happen to when it normally has; a step
 *   with no expected time (closing the account) gets a short slot at its opening.
 * - asap: a short slot at the moment the plan started, so it shows up at the top of the plan.
 */
export function eventSpan(step: PlannedMilestone): { start: Date; end: Date } {
  const start = step.opensAt;
  const natural = step.kind === 'open-ended' ? step.expectedBy : step.kind === 'asap' ? null : step.closesAt;
  // A daily step opened late (listing live after the last PO day) still gets a visible slot.
  const end = natural && natural.getTime() > start.getTime() ? natural : new Date(start.getTime() + SLOT_MS);
  return { start, end };
}

/**
 * Commands written in full, so they can be copied from the calendar into the chat. The campaign
 * is named by id: a title may hold quotes, and a US and a UK campaign can share an ISBN.
 */
function eventDescription(campaign: CampaignRecord, step: PlannedMilestone, settled: string | null): string {
  const ref = `campaign:${campaign.id}`;
  const lines = [getMilestone(step.id).summary, ''];
  if (step.critical) lines.push('This step is time-critical: missing its window can cost you the pre-orders.');
  if (settled) lines.push(settled);
  else
    lines.push(
      `When it is done: /preorder done ${step.id} ${ref}`,
      `If it does not apply: /preorder skip ${step.id} ${ref}`,
    );
  lines.push(`Your whole plan: /preorder status ${ref}`);
  return lines.join('\n');
}

/**
 * The campaign's plan as an iCalendar file: one event per step, with UIDs that stay the same on
 * every export so a calendar app updates the events instead of duplicating them.
 */
export function campaignCalendar(campaign: CampaignRecord, views: readonly MilestoneView[], now: Date): string {
  const calendar = ical({
    name: `Pre-order plan: ${campaign.title}`,
    description: `Amazon print pre-order steps for "${campaign.title}" (release ${campaign.releaseDate}, ${campaign.timeZone}).`,
    prodId: { company: 'preorder-pal', product: 'Pre-order Pal', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const { milestone: step, state } of views) {
    const { start, end } = eventSpan(step);
    const settled = state === 'done' || state === 'skipped' ? `You marked this step ${state}.` : null;
    const event = calendar.createEvent({
      id: calendarUid(campaign.id, step.id),
      start,
      end,
      stamp: now,
      summary: `${step.title} — ${campaign.title}`,
      description: eventDescription(campaign, step, settled),
      // Deadlines, not meetings: they must not mark the member busy for days.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    // Settled steps need no nudge; open ones ring when they open and, when critical, an hour before they close.
    if (settled) continue;
    event.createAlarm({
      type: ICalAlarmType.display,
      trigger: 0,
      description: `${step.title} — ${campaign.title}: this step can be done now.`,
    });
    if (step.critical && step.closesAt) {
      // Set after creation: ical-generator 10.2 ignores `relatesTo` passed to createAlarm.
      event
        .createAlarm({
          type: ICalAlarmType.display,
          trigger: HOUR_S,
          description: `${step.title} — ${campaign.title}: the window closes in one hour.`,
        })
        .relatesTo('END');
    }
  }
  return calendar.toString();
}
