import { UserError } from '../../core/errors.ts';
import { formatQuietHours, snoozeUntil, type QuietHours, type SnoozeChoice } from '../../core/reminder-timing.ts';
import type { MilestoneId } from '../../core/types.ts';
import { auditActor, type RequestContext } from '../context.ts';
import { getMilestone } from '../../core/milestones.ts';
import type { CampaignRecord, MemberRecord } from '../ports.ts';
import type { CampaignStore, MemberSettingsPatch } from '../campaigns/ports.ts';
import { at, formatInstant, reply, type Reply, type RichText } from '../reply.ts';
import type { ReminderQueue } from './ports.ts';
import { resolveOwnCampaign } from '../campaigns/resolver.ts';
import { campaignPlan, requireStep } from '../campaigns/plan-view.ts';

export interface SnoozeArgs {
  milestone: MilestoneId;
  campaign?: string | undefined;
  for?: SnoozeChoice | undefined;
}

export interface SettingsArgs {
  dms?: boolean | undefined;
  quiet?: QuietHours | null | undefined;
  timezone?: string | undefined;
}

const HOUR_MS = 3_600_000;
/** A snoozed critical step comes back at least this long before its window closes. */
const CRITICAL_MARGIN_MS = HOUR_MS;

/** The member's side of reminders: snoozing one, and the settings that shape all of them. */
export class ReminderService {
  constructor(
    private readonly store: CampaignStore,
    private readonly queue: Pick<ReminderQueue, 'add'>,
  ) {}

  async snooze(ctx: RequestContext, args: SnoozeArgs): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, ['active']);
    const step = requireStep(campaign, args.milestone, ctx.now);
    const marked = campaign.progress.find((p) => p.milestoneId === step.id);
    if (marked) {
      throw new UserError({
        field: 'milestone',
        code: 'invalid',
        message: `"${step.title}" is already marked ${marked.status}, so there is nothing to snooze. Use /preorder undo ${step.id} to reopen it.`,
      });
    }
    notBeforeItOpens(campaign, step.id, ctx.now);
    const zone = ctx.member.timeZone ?? campaign.timeZone;
    const choice = args.for ?? '1h';
    let until = snoozeUntil(ctx.now, choice, zone);
    let clamped = false;
    // A critical step is never snoozed past its window: it comes back while there is still time.
    if (step.critical && step.closesAt && until.getTime() > step.closesAt.getTime() - CRITICAL_MARGIN_MS) {
      until = new Date(Math.max(ctx.now.getTime() + 5 * 60_000, step.closesAt.getTime() - CRITICAL_MARGIN_MS));
      clamped = true;
    }
    if (step.closesAt && until.getTime() >= step.closesAt.getTime()) {
      throw new UserError({
        field: 'for',
        code: 'invalid',
        message: `The window for "${step.title}" closes before then; do it now, or choose a shorter snooze.`,
        choices: ['1h'],
      });
    }
    await this.queue.add(
      [
        {
          key: `${campaign.id}:${step.id}:snooze:dm:${until.toISOString()}`,
          platform: ctx.actor.platform,
          communityId: campaign.communityId,
          campaignId: campaign.id,
          memberId: campaign.memberId,
          milestoneId: step.id,
          kind: 'snooze',
          target: 'dm',
          dueAt: until,
          expiresAt: step.closesAt ?? new Date(until.getTime() + 24 * HOUR_MS),
          critical: step.critical,
          payload: { snoozedBy: auditActor(ctx), choice },
        },
      ],
      ctx.now,
    );
    const lines: RichText[] = [
      [`I will remind you about "${step.title}" on "${campaign.title}" at `, at(until, zone), '.'],
    ];
    if (clamped) {
      lines.push([
        `${step.title} cannot wait that long: its window closes at `,
        at(step.closesAt!, campaign.timeZone),
        ', so I set the reminder an hour before.',
      ]);
    }
    return reply({ tone: 'success', title: 'Snoozed', lines });
  }

  async settings(ctx: RequestContext, args: SettingsArgs): Promise<Reply> {
    const patch: MemberSettingsPatch = {};
    if (args.dms !== undefined) {
      patch.dmReminders = args.dms;
      if (args.dms) patch.reopenDms = true;
    }
    if (args.quiet !== undefined) patch.quietHours = args.quiet;
    if (args.timezone !== undefined) patch.timeZone = args.timezone;
    if (Object.keys(patch).length === 0) return settingsReply(ctx.member, 'Your reminder settings');
    const updated = await this.store.updateMemberSettings(
      ctx.member.id,
      patch,
      {
        actorId: auditActor(ctx),
        action: 'member.settings',
        details: { ...patch },
      },
      ctx.now,
    );
    return settingsReply(updated, 'Settings saved');
  }
}

/**
 * A snooze moves a reminder within a step's window; before the window opens (or while the step
 * waits on another) there is nothing to move, and the plan already reminds the member in time.
 */
function notBeforeItOpens(campaign: CampaignRecord, id: MilestoneId, now: Date): void {
  const view = campaignPlan(campaign, now).steps.find((s) => s.milestone.id === id);
  if (!view) return;
  const title = view.milestone.title;
  if (view.state === 'waiting') {
    // Only the first letter is lowered: "… on KDP" and "Amazon Advantage" keep their capitals.
    const first = view.blockedBy
      .map((b) => getMilestone(b).title)
      .map((t) => t.charAt(0).toLowerCase() + t.slice(1))
      .join(' and ');
    throw new UserError({
      field: 'milestone',
      code: 'invalid',
      message: `"${title}" cannot start before ${first}, so there is nothing to snooze yet. I remind you about that first, and about this step when its time comes.`,
    });
  }
  if (view.state === 'upcoming') {
    throw new UserError({
      field: 'milestone',
      code: 'invalid',
      message: `The window for "${title}" opens ${formatInstant(view.availableAt, campaign.timeZone)}; I will remind you then, so there is nothing to snooze yet.`,
    });
  }
}

function settingsReply(member: MemberRecord, title: string): Reply {
  const quiet =
    member.quietHoursStart !== null && member.quietHoursEnd !== null
      ? formatQuietHours({ start: member.quietHoursStart, end: member.quietHoursEnd })
      : 'none';
  const lines: RichText[] = [];
  if (member.dmsClosedAt) {
    lines.push([
      'I could not reach you by direct message. Allow DMs from this server, then run /preorder settings dms:on; until then critical steps are posted in the announcement channel.',
    ]);
  }
  return reply({
    tone: 'success',
    title,
    lines,
    fields: [
      { label: 'DM reminders', value: [member.dmReminders ? 'on' : 'off'] },
      {
        label: 'Quiet hours',
        value: [`${quiet} (critical steps still arrive in time before their window closes)`],
      },
      { label: 'Time zone for daily reminders', value: [member.timeZone ?? "each campaign's zone"] },
    ],
  });
}
