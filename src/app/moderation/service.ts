import { UserError } from '../../core/errors.ts';
import { parseIsbn } from '../../core/isbn.ts';
import type { MentionRef } from '../../core/mention-ref.ts';
import { checkReleaseDate } from '../../core/release-date.ts';
import type { IsoDate } from '../../core/types.ts';
import { calendarDate, possessive } from '../../core/names.ts';
import type { CampaignAction } from '../commands/option-kinds.ts';
import { auditActor, type RequestContext } from '../context.ts';
import type { CampaignRecord } from '../ports.ts';
import type { CampaignStore } from '../campaigns/ports.ts';
import { onDate, reply, type Reply, type RichText } from '../reply.ts';
import { advantageDateLine, campaignFeasibility, feasibilityLines } from '../campaigns/feasibility.ts';
import { campaignPlan } from '../campaigns/plan-view.ts';
import {
  actionDoneReply,
  campaignAdminView,
  campaignChoiceReply,
  campaignCommand,
  cancelConfirmReply,
  memberWord,
  viewerOf,
} from './replies.ts';
import { lookupMembers, requireMember } from './member-lookup.ts';
import { moderatorNotice, type ModeratorChange, type NoticePayload } from './moderator-notices.ts';
import type { CampaignModeration, ModerationStore } from './ports.ts';

export interface AdminCampaignArgs {
  member?: MentionRef | undefined;
  title?: string | undefined;
  campaign?: string | undefined;
  action?: CampaignAction | undefined;
  release?: IsoDate | undefined;
  note?: string | undefined;
  confirm?: true | undefined;
}

const AUDIT_LIMIT = 15;
const FAILURE_LIMIT = 3;
/** Buttons a choice list shows; more would not fit a message. */
const CHOICE_LIMIT = 10;

/** One campaign through a moderator's eyes, and what they may do to it; dispatch has checked they are one. */
export class CampaignAdminService {
  constructor(
    private readonly store: ModerationStore,
    private readonly campaigns: Pick<CampaignStore, 'getCampaign'>,
  ) {}

  async campaign(ctx: RequestContext, args: AdminCampaignArgs): Promise<Reply> {
    checkCombination(args);
    const found = await this.find(ctx, args);
    if (found.length > 1) return campaignChoiceReply(found.slice(0, CHOICE_LIMIT), found.length > CHOICE_LIMIT);
    const campaign = found[0]!;
    switch (args.action) {
      case undefined:
        return campaignAdminView(
          campaign,
          await this.store.campaignActivity(campaign.id, AUDIT_LIMIT, FAILURE_LIMIT),
          ctx.now,
          viewerOf(ctx),
        );
      case 'pause':
        return this.pause(ctx, campaign, args.note);
      case 'resume':
        return this.resume(ctx, campaign, args.note);
      case 'shift':
        return this.shift(ctx, campaign, args.release!, args.note);
      case 'cancel':
        requireActive(campaign);
        return args.confirm
          ? this.cancel(ctx, campaign, args.note)
          : cancelConfirmReply(campaign, args.note, viewerOf(ctx));
      case 'nudge':
        return this.nudge(ctx, campaign, args.note);
    }
  }

  /** The campaigns the arguments name, in this community only; never none (that is an error). */
  private async find(ctx: RequestContext, args: AdminCampaignArgs): Promise<CampaignRecord[]> {
    if (args.campaign) {
      const campaign = await this.campaigns.getCampaign(args.campaign);
      // Another community's campaign is as unknown here as one that does not exist.
      if (!campaign || campaign.communityId !== ctx.community.id) {
        throw new UserError({
          field: 'campaign',
          code: 'not-found',
          message: 'No campaign with that id in this community.',
        });
      }
      return [campaign];
    }
    const member = args.member ? await requireMember(this.store, ctx, args.member, 'member') : undefined;
    const filter = {
      ...(member ? { memberIds: [member.id] } : {}),
      ...(args.title ? titleFilter(args.title) : {}),
    };
    let found = await this.store.findCampaigns(ctx.community.id, filter, CHOICE_LIMIT + 1);
    // `/preorder-admin campaign Sam`: the positional text may name a member rather than a title.
    if (found.length === 0 && args.title && !member) {
      const members = await lookupMembers(this.store, ctx, {
        id: args.title,
        kind: 'unknown',
        mention: false,
        label: args.title,
      });
      if (members.length > 0) {
        found = await this.store.findCampaigns(
          ctx.community.id,
          { memberIds: members.map((m) => m.id) },
          CHOICE_LIMIT + 1,
        );
      }
    }
    if (found.length === 0) {
      const what = [member ? `of ${member.displayName}` : '', args.title ? `matching "${args.title}"` : '']
        .filter(Boolean)
        .join(' ');
      throw new UserError({
        field: args.title ? 'title' : 'member',
        code: 'not-found',
        message: `No campaign ${what} in this community. /preorder-admin campaigns lists them all.`,
      });
    }
    const exact = args.title ? found.filter((c) => c.title.toLowerCase() === args.title!.trim().toLowerCase()) : [];
    return exact.length === 1 ? exact : found;
  }

  private async pause(ctx: RequestContext, c: CampaignRecord, note?: string): Promise<Reply> {
    requireActive(c);
    if (c.remindersPausedAt)
      return unchanged(c, ['Reminders are already paused since ', onDate(c.remindersPausedAt, c.timeZone), '.']);
    const updated = await this.change(ctx, c, { pause: { at: ctx.now, by: auditActor(ctx) } }, 'paused', { note });
    return actionDoneReply(
      `Reminders paused for "${c.title}"`,
      [['No reminder of this campaign is sent until you resume them; the plan and progress are kept.']],
      updated,
      ctx.now,
      viewerOf(ctx),
    );
  }

  private async resume(ctx: RequestContext, c: CampaignRecord, note?: string): Promise<Reply> {
    requireActive(c);
    if (!c.remindersPausedAt) return unchanged(c, ['Reminders are not paused.']);
    const updated = await this.change(ctx, c, { pause: null }, 'resumed', { note });
    return actionDoneReply(
      `Reminders resumed for "${c.title}"`,
      [['Reminders still ahead are back on; the ones that fell due while paused are not sent.']],
      updated,
      ctx.now,
      viewerOf(ctx),
    );
  }

  private async shift(ctx: RequestContext, c: CampaignRecord, release: IsoDate, note?: string): Promise<Reply> {
    requireActive(c);
    if (release === c.releaseDate) {
      throw new UserError({
        field: 'release',
        code: 'invalid',
        message: `"${c.title}" is already set for release on ${calendarDate(release)}.`,
      });
    }
    const check = checkReleaseDate(release, c.timeZone, ctx.now);
    if (!check.ok) throw new UserError(check.error);
    const updated = await this.change(ctx, c, { releaseDate: release }, 'shifted', {
      note,
      from: c.releaseDate,
      to: release,
    });
    const plan = campaignPlan(updated, ctx.now);
    const lines: RichText[] = [
      [`Release date ${calendarDate(c.releaseDate)} → ${calendarDate(release)}; every step not yet done is replanned.`],
      ...feasibilityLines(updated, campaignFeasibility(updated, ctx.now, plan)),
    ];
    const advantage = advantageDateLine(updated, plan, release);
    if (advantage) lines.push([`In ${possessive(memberWord(c, viewerOf(ctx)))} notice: `, ...advantage]);
    return actionDoneReply(`Release date shifted for "${c.title}"`, lines, updated, ctx.now, viewerOf(ctx));
  }

  private async cancel(ctx: RequestContext, c: CampaignRecord, note?: string): Promise<Reply> {
    requireActive(c);
    const updated = await this.change(ctx, c, { state: 'cancelled' }, 'cancelled', { note });
    return actionDoneReply(
      `"${c.title}" is cancelled`,
      [['It gets no more reminders; its history is kept.']],
      updated,
      ctx.now,
      viewerOf(ctx),
    );
  }

  private async nudge(ctx: RequestContext, c: CampaignRecord, note?: string): Promise<Reply> {
    requireActive(c);
    const payload = withNote({}, note);
    const updated = await this.store.moderateCampaign(
      c.id,
      {},
      { actorId: auditActor(ctx), action: 'moderator.nudged', details: { ...payload } },
      moderatorNotice(c, ctx.actor.platform, 'moderator-nudge', payload, ctx.now),
      ctx.now,
    );
    const who = memberWord(c, viewerOf(ctx));
    return actionDoneReply(
      `Nudge on its way to ${who}`,
      [[`It names ${who === 'you' ? 'your' : 'their'} next step${note ? ' and carries your note' : ''}.`]],
      updated,
      ctx.now,
      viewerOf(ctx),
    );
  }

  /** The change, its audit line (who, what, when) and the member's notice, committed together. */
  private change(
    ctx: RequestContext,
    c: CampaignRecord,
    change: CampaignModeration,
    what: ModeratorChange,
    extra: { note?: string | undefined; from?: string; to?: string },
  ): Promise<CampaignRecord> {
    const payload: NoticePayload = withNote(
      { change: what, ...(extra.from ? { from: extra.from, to: extra.to! } : {}) },
      extra.note,
    );
    const details: Record<string, unknown> = extra.from ? { releaseDate: { from: extra.from, to: extra.to } } : {};
    if (extra.note) details.note = extra.note;
    return this.store.moderateCampaign(
      c.id,
      change,
      { actorId: auditActor(ctx), action: `moderator.${what}`, details },
      moderatorNotice(c, ctx.actor.platform, 'moderator-change', payload, ctx.now),
      ctx.now,
    );
  }
}

const withNote = (payload: NoticePayload, note: string | undefined): NoticePayload =>
  note ? { ...payload, note } : payload;

function titleFilter(text: string): { isbn13: string } | { titleContains: string } {
  const isbn = parseIsbn(text);
  return isbn.ok ? { isbn13: isbn.value.isbn13 } : { titleContains: text.trim() };
}

/** Options that only make sense together are refused before anything is looked up. */
function checkCombination(args: AdminCampaignArgs): void {
  if (!args.member && !args.title && !args.campaign) {
    throw new UserError({
      field: 'member',
      code: 'required',
      message: 'Say which campaign: member:@someone, title:"Book title" (or an ISBN), or campaign:<id>.',
    });
  }
  if (args.action === 'shift' && !args.release) {
    throw new UserError({
      field: 'release',
      code: 'required',
      message: 'action:shift needs the new date, e.g. release:2027-04-01.',
    });
  }
  if (args.release && args.action !== 'shift') {
    throw new UserError({ field: 'release', code: 'invalid', message: 'release: is only used with action:shift.' });
  }
  if (args.note && !args.action) {
    throw new UserError({
      field: 'note',
      code: 'invalid',
      message: 'note: goes with an action (pause, resume, shift, cancel or nudge).',
    });
  }
  if (args.confirm && args.action !== 'cancel') {
    throw new UserError({ field: 'confirm', code: 'invalid', message: 'confirm: is only used with action:cancel.' });
  }
}

function requireActive(c: CampaignRecord): void {
  if (c.state === 'active') return;
  throw new UserError({
    field: 'action',
    code: 'invalid',
    message: `"${c.title}" is ${c.state}; moderator actions work on active campaigns only.`,
  });
}

function unchanged(c: CampaignRecord, line: RichText): Reply {
  return reply({
    tone: 'info',
    title: `Nothing changed on "${c.title}"`,
    lines: [line],
    actions: [{ id: 'view', label: 'View campaign', command: campaignCommand(c) }],
  });
}
