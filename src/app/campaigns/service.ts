import { checkReleaseDate } from '../../core/release-date.ts';
import type { PlanState } from '../../core/plan-state.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from '../../core/types.ts';
import { UserError } from '../../core/errors.ts';
import type { Isbn } from '../../core/isbn.ts';
import { auditActor, type RequestContext } from '../context.ts';
import { ensureCommunityOf } from '../community.ts';
import type { Actor, CampaignRecord, CampaignState } from '../ports.ts';
import type { CampaignPatch, CampaignStore } from './ports.ts';
import type { Reply, RichText } from '../reply.ts';
import type { OrderTrendSource } from '../tracking/ports.ts';
import { campaignPlan, campaignTimeline, milestoneViews, requireStep, type MilestoneView } from './plan-view.ts';
import { resolveOwnCampaign } from './resolver.ts';
import * as view from './replies.ts';
import { advantageDateLine, campaignFeasibility, feasibilityLines } from './feasibility.ts';
import { confirmEarlyPublish, dailyCheckError } from './step-guards.ts';
import { planningZone } from './planning-zone.ts';

import { findRestorable, restoreDeadline } from './restore.ts';

/** Attaches a picture of the plan to a status reply; wired in compose so this layer never touches files. */
export type StatusChart = (base: Reply, campaign: CampaignRecord, views: MilestoneView[], now: Date) => Promise<Reply>;

export interface MarkArgs {
  milestone: MilestoneId;
  campaign?: string | undefined;
  /** an early publish on KDP goes through only when confirmed */
  confirm?: true | undefined;
}

export interface StartArgs {
  title: string;
  isbn: Isbn;
  release: IsoDate;
  timezone?: string | undefined;
  marketplace?: Marketplace | undefined;
  printer?: Printer | undefined;
}

export interface EditArgs {
  campaign?: string | undefined;
  release?: IsoDate | undefined;
  timezone?: string | undefined;
  title?: string | undefined;
  isbn?: Isbn | undefined;
  marketplace?: Marketplace | undefined;
}

const OPEN_STATES = ['active'] as const;
const VISIBLE_STATES = ['active', 'completed'] as const;

/** A campaign is complete once every step but the optional account closing is settled. */
const OPTIONAL_MILESTONES: ReadonlySet<MilestoneId> = new Set(['close-aa-account']);

/** Whose campaigns, and where: an Actor without what only permission checks need. */
export type CampaignOwner = Pick<
  Actor,
  'platform' | 'communityExternalId' | 'communityName' | 'userExternalId' | 'displayName'
>;

export interface CampaignServiceOptions {
  /** The zone a community starts with when its first request is a lookup (see listOwn). */
  defaultTimeZone: string;
  /** Logged Advantage figures for status; without it status shows the plan only. */
  orders?: OrderTrendSource;
  /** The timeline chart for status; without it status is text only. */
  statusChart?: StatusChart;
}

export class CampaignService {
  constructor(
    private readonly store: CampaignStore,
    private readonly options: CampaignServiceOptions,
  ) {}

  /**
   * A member's own campaigns where they are, for the places that show them outside a command
   * (Discord's autocomplete, Slack's App Home). The community and member rows are made on first
   * use, as a command would make them.
   */
  async listOwn(owner: CampaignOwner, states: readonly CampaignState[] = OPEN_STATES): Promise<CampaignRecord[]> {
    const community = await ensureCommunityOf(this.store, owner, { defaultTimeZone: this.options.defaultTimeZone });
    const member = await this.store.ensureMember(owner.platform, owner.userExternalId, owner.displayName);
    return this.store.listMemberCampaigns(community.id, member.id, states);
  }

  async start(ctx: RequestContext, args: StartArgs): Promise<Reply> {
    const zone = planningZone(ctx, args);
    const timeZone = zone.timeZone;
    const check = checkReleaseDate(args.release, timeZone, ctx.now);
    if (!check.ok) throw new UserError(check.error);
    // A second active campaign for the same ISBN and marketplace is refused by a unique index.
    const campaign = await this.store.createCampaign(
      {
        communityId: ctx.community.id,
        memberId: ctx.member.id,
        owner: ctx.member,
        title: args.title,
        isbn: args.isbn,
        marketplace: args.marketplace ?? 'US',
        printer: args.printer ?? 'kdp',
        timeZone,
        releaseDate: args.release,
      },
      { actorId: auditActor(ctx), action: 'campaign.started', details: { title: args.title, release: args.release } },
      ctx.now,
    );
    const plan = campaignPlan(campaign, ctx.now);
    const feasibility = feasibilityLines(campaign, campaignFeasibility(campaign, ctx.now, plan));
    const notes: RichText[] = [...feasibility];
    if (zone.note) notes.push(zone.note);
    return view.startedReply(campaign, plan, { lines: notes, warning: feasibility.length > 0 });
  }

  async status(ctx: RequestContext, args: { campaign?: string | undefined }): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, VISIBLE_STATES);
    const orders = (await this.options.orders?.trendFor(campaign, ctx.now)) ?? null;
    const plan = campaignPlan(campaign, ctx.now);
    const lines =
      plan.atRisk.length > 0 ? feasibilityLines(campaign, campaignFeasibility(campaign, ctx.now, plan)) : [];
    const text = view.statusReply(campaign, plan, ctx.now, ctx.member, orders, { lines, warning: lines.length > 0 });
    const chart = this.options.statusChart;
    return chart ? chart(text, campaign, plan.steps, ctx.now) : text;
  }

  async mark(ctx: RequestContext, args: MarkArgs, status: 'done' | 'skipped'): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, OPEN_STATES);
    requireStep(campaign, args.milestone, ctx.now);
    const before = campaignPlan(campaign, ctx.now);
    if (status === 'done' && args.milestone === 'confirm-pos') return this.confirmToday(ctx, campaign, before);
    if (status === 'done' && !args.confirm) {
      const question = confirmEarlyPublish(campaign, before, args.milestone, ctx.now);
      if (question) return question;
    }
    const existing = campaign.progress.find((p) => p.milestoneId === args.milestone);
    if (existing?.status === status) return view.alreadyMarkedReply(campaign, args.milestone, status);
    let updated = await this.store.setMilestone(
      campaign.id,
      args.milestone,
      status,
      { actorId: auditActor(ctx), action: `milestone.${status}`, details: { milestone: args.milestone } },
      ctx.now,
    );
    if (this.isSettled(updated, ctx.now)) {
      updated = await this.store.updateCampaign(
        updated.id,
        { state: 'completed' },
        { actorId: auditActor(ctx), action: 'campaign.completed', details: {} },
        ctx.now,
      );
    }
    return view.markedReply(updated, args.milestone, status, campaignPlan(updated, ctx.now));
  }

  /** The daily PO check is confirmed one day at a time: "done" means today, in the campaign's zone. */
  private async confirmToday(ctx: RequestContext, campaign: CampaignRecord, plan: PlanState): Promise<Reply> {
    const refusal = dailyCheckError(campaign, plan);
    if (refusal) throw new UserError(refusal);
    if (plan.daily?.confirmedToday) return view.confirmedTodayReply(campaign, plan, true);
    const updated = await this.store.setDailyCheck(
      campaign.id,
      plan.today,
      true,
      { actorId: auditActor(ctx), action: 'pos.confirmed', details: { day: plan.today } },
      ctx.now,
    );
    return view.confirmedTodayReply(updated, campaignPlan(updated, ctx.now), false);
  }

  async undo(ctx: RequestContext, args: { milestone: MilestoneId; campaign?: string | undefined }): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, VISIBLE_STATES);
    const today = campaignPlan(campaign, ctx.now);
    if (args.milestone === 'confirm-pos' && today.daily?.confirmedToday) {
      const updated = await this.store.setDailyCheck(
        campaign.id,
        today.today,
        false,
        { actorId: auditActor(ctx), action: 'pos.unconfirmed', details: { day: today.today } },
        ctx.now,
      );
      return view.undoneReply(
        updated,
        args.milestone,
        campaignPlan(updated, ctx.now),
        `Today's purchase-order check on "${campaign.title}" is open again.`,
      );
    }
    const existing = campaign.progress.find((p) => p.milestoneId === args.milestone);
    if (!existing) {
      throw new UserError({
        field: 'milestone',
        code: 'invalid',
        message: `${args.milestone} is not marked done or skipped on "${campaign.title}", so there is nothing to undo.`,
      });
    }
    let updated = await this.store.setMilestone(
      campaign.id,
      args.milestone,
      null,
      {
        actorId: auditActor(ctx),
        action: 'milestone.undone',
        details: { milestone: args.milestone, was: existing.status },
      },
      ctx.now,
    );
    if (updated.state === 'completed') {
      updated = await this.store.updateCampaign(
        updated.id,
        { state: 'active' },
        { actorId: auditActor(ctx), action: 'campaign.reopened', details: {} },
        ctx.now,
      );
    }
    return view.undoneReply(updated, args.milestone, campaignPlan(updated, ctx.now));
  }

  async edit(ctx: RequestContext, args: EditArgs): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, OPEN_STATES);
    const patch: CampaignPatch = {};
    if (args.title !== undefined && args.title !== campaign.title) patch.title = args.title;
    if (args.isbn !== undefined && args.isbn.isbn13 !== campaign.isbn.isbn13) patch.isbn = args.isbn;
    if (args.marketplace !== undefined && args.marketplace !== campaign.marketplace)
      patch.marketplace = args.marketplace;
    if (args.timezone !== undefined && args.timezone !== campaign.timeZone) patch.timeZone = args.timezone;
    if (args.release !== undefined && args.release !== campaign.releaseDate) patch.releaseDate = args.release;
    if (Object.keys(patch).length === 0) {
      throw new UserError({
        field: 'edit',
        code: 'required',
        message: 'Nothing to change: give at least one new value among release, timezone, title, isbn and marketplace.',
      });
    }
    if (patch.releaseDate !== undefined || patch.timeZone !== undefined) {
      const check = checkReleaseDate(
        patch.releaseDate ?? campaign.releaseDate,
        patch.timeZone ?? campaign.timeZone,
        ctx.now,
      );
      if (!check.ok) throw new UserError(check.error);
    }
    const before = campaignTimeline(campaign, ctx.now);
    const updated = await this.store.updateCampaign(
      campaign.id,
      patch,
      { actorId: auditActor(ctx), action: 'campaign.edited', details: describePatch(campaign, patch) },
      ctx.now,
    );
    const plan = campaignPlan(updated, ctx.now);
    const notes: RichText[] = [];
    if (patch.releaseDate !== undefined || patch.timeZone !== undefined) {
      notes.push(...feasibilityLines(updated, campaignFeasibility(updated, ctx.now, plan)));
    }
    const warning = notes.length > 0;
    const advantage = patch.releaseDate !== undefined ? advantageDateLine(updated, plan, patch.releaseDate) : null;
    if (advantage) notes.push(advantage);
    return view.editedReply(campaign, updated, before, plan, { lines: notes, warning });
  }

  /** Asks first, as the moderators' cancel does; confirmed, it can still be undone (restore). */
  async cancel(
    ctx: RequestContext,
    args: { campaign?: string | undefined; confirm?: true | undefined },
  ): Promise<Reply> {
    const campaign = await resolveOwnCampaign(this.store, ctx.community, ctx.member, args.campaign, OPEN_STATES);
    if (!args.confirm) return view.cancelQuestionReply(campaign);
    const updated = await this.store.updateCampaign(
      campaign.id,
      { state: 'cancelled' },
      { actorId: auditActor(ctx), action: 'campaign.cancelled', details: {} },
      ctx.now,
    );
    return view.cancelledReply(updated, restoreDeadline(ctx.now));
  }

  /** Brings back a campaign the member cancelled in the last 30 days, reminders still ahead included. */
  async restore(ctx: RequestContext, args: { campaign?: string | undefined }): Promise<Reply> {
    const { campaign } = await findRestorable(this.store, ctx, args.campaign);
    const check = checkReleaseDate(campaign.releaseDate, campaign.timeZone, ctx.now);
    if (!check.ok) {
      throw new UserError({
        field: 'campaign',
        code: 'invalid',
        message: `"${campaign.title}" was due for release on ${campaign.releaseDate}, so there is nothing left to plan. Start a new campaign with /preorder start.`,
      });
    }
    const updated = await this.store.updateCampaign(
      campaign.id,
      { state: 'active' },
      { actorId: auditActor(ctx), action: 'campaign.restored', details: {} },
      ctx.now,
    );
    return view.restoredReply(updated, milestoneViews(updated, ctx.now));
  }

  /** Every step settled but the optional account closing; the daily PO check settles when its run ends. */
  private isSettled(campaign: CampaignRecord, now: Date): boolean {
    return campaignPlan(campaign, now).steps.every(
      (s) =>
        OPTIONAL_MILESTONES.has(s.milestone.id) || s.state === 'done' || s.state === 'skipped' || s.state === 'closed',
    );
  }
}

function describePatch(before: CampaignRecord, patch: CampaignPatch): Record<string, unknown> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (patch.title !== undefined) changes.title = { from: before.title, to: patch.title };
  if (patch.isbn !== undefined) changes.isbn = { from: before.isbn.isbn13, to: patch.isbn.isbn13 };
  if (patch.marketplace !== undefined) changes.marketplace = { from: before.marketplace, to: patch.marketplace };
  if (patch.timeZone !== undefined) changes.timeZone = { from: before.timeZone, to: patch.timeZone };
  if (patch.releaseDate !== undefined) changes.releaseDate = { from: before.releaseDate, to: patch.releaseDate };
  return changes;
}
