import { ICalEventRepeatingFreq } from 'ical-generator';
import { DateTime } from 'luxon';
import { addDays, localDate, localHourOn } from '../../core/local-day.ts';
import { getMilestone, stepSummary } from '../../core/milestones.ts';
import { MORNING_HOUR } from '../../core/reminder-plan.ts';
import type { PlannedMilestone } from '../../core/timeline.ts';
import type { CampaignRecord } from '../ports.ts';
import type { MilestoneView } from '../campaigns/plan-view.ts';
import type { CalendarEvent } from './calendar-render.ts';

/** Length given to a step that has a start but no natural end (asap steps, account closing). */
const SLOT_MS = 30 * 60_000;

export const calendarUid = (campaignId: string, milestoneId: string): string =>
  `${campaignId}-${milestoneId}@preorder-pal`;

/** The moderators' copy of a step has its own UID: its summary differs, and both may sit in one calendar. */
export const communityUid = (campaignId: string, milestoneId: string): string =>
  `${campaignId}-${milestoneId}-community@preorder-pal`;

/**
 * How a step sits in a calendar. Every instant is written in UTC: a floating time or an all-day
 * date would be read in whatever zone the member's device is in, and a DST change could move it.
 * - window: exactly the window, opening to close.
 * - daily (confirming POs): one recurring event (see dailyCheck below), not a block of weeks.
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
 * The daily PO check as one event that repeats every day: half an hour at 09:00 in the campaign's
 * zone, from the first morning it can happen until the last before release. The times carry the
 * zone (TZID), so the recurrence stays at 09:00 local across daylight-saving changes.
 */
export function dailyCheck(view: MilestoneView, zone: string) {
  const step = view.milestone;
  const available = view.availableAt.getTime();
  let day = localDate(available, zone);
  if (localHourOn(day, MORNING_HOUR, zone) < available) day = addDays(day, 1);
  const start = DateTime.fromMillis(localHourOn(day, MORNING_HOUR, zone), { zone });
  const until = step.closesAt ?? new Date(available);
  return {
    start,
    end: start.plus({ milliseconds: SLOT_MS }),
    timezone: zone,
    repeating: { freq: ICalEventRepeatingFreq.DAILY, until: DateTime.fromJSDate(until, { zone }) },
  };
}

/** A step title inside a sentence: only its first letter is lowered ("… on KDP", "Amazon Advantage" stay). */
const inSentence = (title: string): string => title.charAt(0).toLowerCase() + title.slice(1);

/**
 * Commands written in full, so they can be copied from the calendar into the chat. The campaign
 * is named by id: a title may hold quotes, and a US and a UK campaign can share an ISBN.
 */
function eventDescription(campaign: CampaignRecord, step: PlannedMilestone, settled: string | null): string {
  const ref = `campaign:${campaign.id}`;
  const lines = [stepSummary(step.id, campaign.marketplace), ''];
  if (step.critical) lines.push('This step has a fixed window of a few hours: I send its own reminders.');
  if (step.after.length > 0) {
    lines.push(`It comes after: ${step.after.map((id) => inSentence(getMilestone(id).title)).join('; ')}.`);
  }
  if (settled) lines.push(settled);
  else if (step.kind === 'daily') lines.push(`Each day, once confirmed: /preorder done ${step.id} ${ref}`);
  else
    lines.push(
      `When it is done: /preorder done ${step.id} ${ref}`,
      `If it does not apply: /preorder skip ${step.id} ${ref}`,
    );
  lines.push(`Your whole plan: /preorder status ${ref}`);
  return lines.join('\n');
}

/** The campaign's steps as calendar events, for the member's one-off file and their feed. */
export function campaignEvents(campaign: CampaignRecord, views: readonly MilestoneView[]): CalendarEvent[] {
  return views.map((view) => {
    const { milestone: step, state } = view;
    const settled = state === 'done' || state === 'skipped' ? `You marked this step ${state}.` : null;
    const label = `${step.title} — ${campaign.title}`;
    // Settled steps need no nudge; open ones ring when they open and, when critical, an hour before they close.
    const alarms: CalendarEvent['alarms'] = settled
      ? []
      : [{ at: 'start', text: `${label}: this step can be done now.` }];
    if (!settled && step.critical && step.closesAt)
      alarms.push({ at: 'hour-before-end', text: `${label}: the window closes in one hour.` });
    return {
      uid: calendarUid(campaign.id, step.id),
      campaignId: campaign.id,
      ...(step.kind === 'daily' ? dailyCheck(view, campaign.timeZone) : eventSpan(step)),
      summary: label,
      description: eventDescription(campaign, step, settled),
      alarms,
    };
  });
}

/** Steps the moderators' feed shows: release day and the windows only hours wide. */
const COMMUNITY_STEPS = (step: PlannedMilestone) => step.critical || step.id === 'release-day';

/** A campaign's release day and critical windows as the moderators see them, with the member's name. */
export function communityEvents(campaign: CampaignRecord, views: readonly MilestoneView[]): CalendarEvent[] {
  return views
    .filter((v) => COMMUNITY_STEPS(v.milestone))
    .map(({ milestone: step }) => ({
      uid: communityUid(campaign.id, step.id),
      campaignId: campaign.id,
      ...eventSpan(step),
      summary: `${step.title} — ${campaign.title} (${campaign.memberName})`,
      description: [
        stepSummary(step.id, campaign.marketplace),
        '',
        `Campaign of ${campaign.memberName}: /preorder-admin campaign campaign:${campaign.id}`,
      ].join('\n'),
      alarms: [],
    }));
}
