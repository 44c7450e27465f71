import { UserError } from '../../core/errors.ts';
import type { MentionRef } from '../../core/mention-ref.ts';
import type { PostSelection } from '../commands/option-kinds.ts';
import { auditActor, type RequestContext } from '../context.ts';
import { candidateIds, lookupMembers } from './member-lookup.ts';
import type { ModerationStore } from './ports.ts';
import { CHANNEL_POST_KINDS, type CommunityPatch, type CommunityRecord } from '../ports.ts';
import { reply, type Reply, type RichText } from '../reply.ts';
import type { ChannelFeatureArgs, ChannelFeatureSettings } from '../threads/feature-settings.ts';

export interface CommunitySettingsArgs extends ChannelFeatureArgs {
  /** a channel id; null clears it */
  channel?: string | null | undefined;
  /** Discord's channel picker cannot say "none": channel_off:on clears the channel there */
  channel_off?: boolean | undefined;
  timezone?: string | undefined;
  digest_hour?: number | undefined;
  add_moderator?: MentionRef | undefined;
  remove_moderator?: MentionRef | undefined;
  posts?: PostSelection | undefined;
  /** The DM fallback is turned off only by naming it (see PostSelection) */
  dm_fallback?: boolean | undefined;
}

const POST_LABEL: Record<(typeof CHANNEL_POST_KINDS)[number], string> = {
  'listing-live': 'now on pre-order',
  'release-day': 'release day',
  digest: 'daily digest',
  'dm-fallback': 'critical steps when DMs are closed',
};

/** Community-wide settings moderators manage; dispatch has already checked the caller is one. */
export class CommunitySettingsService {
  constructor(
    private readonly store: ModerationStore,
    private readonly features: ChannelFeatureSettings,
  ) {}

  async settings(ctx: RequestContext, args: CommunitySettingsArgs): Promise<Reply> {
    const { community } = ctx;
    const patch = await this.patchFrom(ctx, args);
    const featurePatch = await this.features.plan(ctx, args);
    const changes = describeChanges(community, patch);
    if (featurePatch) {
      await this.features.apply(community.id, featurePatch);
      if (Object.keys(changes).length === 0)
        return this.settingsReply(ctx, community, 'Community settings updated', 'success');
    }
    if (Object.keys(changes).length === 0) {
      const asked = Object.values(args).some((v) => v !== undefined);
      return this.settingsReply(
        ctx,
        community,
        asked ? 'Nothing changed: those are the current settings' : 'Community settings',
      );
    }
    const updated = await this.store.updateCommunitySettings(
      community.id,
      patch,
      { actorId: auditActor(ctx), action: 'community.settings', details: changes },
      ctx.now,
    );
    return this.settingsReply(ctx, updated, 'Community settings updated', 'success', fallbackNote(community, updated));
  }

  /** Every option read into one patch; a bad one throws before anything is written. */
  private async patchFrom(ctx: RequestContext, args: CommunitySettingsArgs): Promise<CommunityPatch> {
    const patch: CommunityPatch = {};
    if (args.channel !== undefined && args.channel_off !== undefined) {
      throw new UserError({
        field: 'channel_off',
        code: 'invalid',
        message:
          'Give channel: or channel_off:, not both: channel picks the announcement channel, channel_off:on clears it.',
      });
    }
    if (args.channel_off === false) {
      throw new UserError({
        field: 'channel_off',
        code: 'invalid',
        message: 'channel_off:on clears the announcement channel; to set one, use channel: instead.',
      });
    }
    if (args.channel !== undefined) patch.announcementChannelId = args.channel;
    if (args.channel_off) patch.announcementChannelId = null;
    if (args.timezone !== undefined) {
      patch.defaultTimeZone = args.timezone;
      // A zone a moderator names is a choice, even UTC: new campaigns may be planned in it.
      patch.timeZoneChosen = true;
    }
    if (args.digest_hour !== undefined) patch.digestHour = args.digest_hour;
    if (args.posts !== undefined || args.dm_fallback !== undefined) {
      patch.mutedPosts = mutedPosts(ctx.community.mutedPosts, args.posts, args.dm_fallback);
    }

    if (args.add_moderator || args.remove_moderator) {
      const current = ctx.community.moderatorRoleIds;
      let next = [...current];
      if (args.add_moderator) {
        const id = await this.moderatorId(ctx, args.add_moderator, 'add_moderator');
        if (current.includes(id)) {
          throw new UserError({
            field: 'add_moderator',
            code: 'conflict',
            message: `${args.add_moderator.label} is already a moderator here.`,
          });
        }
        next.push(id);
      }
      if (args.remove_moderator) {
        const ref = args.remove_moderator;
        const typed = new Set(candidateIds(ctx, ref));
        let present = current.filter((id) => typed.has(id));
        // Not on the list as typed: maybe as the member that name belongs to.
        if (present.length === 0) {
          const id = await this.moderatorId(ctx, ref, 'remove_moderator');
          present = current.filter((m) => m === id);
        }
        if (present.length === 0) {
          throw new UserError({
            field: 'remove_moderator',
            code: 'not-found',
            message: `${args.remove_moderator.label} is not on this community's moderator list${current.length > 0 ? ` (${(await this.moderatorNames(ctx, current)).join(', ')})` : ', which is empty'}. Server admins are moderators anyway.`,
          });
        }
        next = next.filter((id) => !present.includes(id));
      }
      patch.moderatorRoleIds = next;
    }
    return patch;
  }

  /**
   * The id a moderator entry is stored under, which dispatch compares with a caller's user id and
   * role ids. Picked or mentioned: the platform's id. Typed: a member known by that id or name,
   * else (console) the console's member id for that name, else the text as a raw id.
   */
  private async moderatorId(ctx: RequestContext, ref: MentionRef, field: string): Promise<string> {
    if (ref.mention) return ref.id;
    const found = await lookupMembers(this.store, ctx, ref);
    if (found.length === 1) return found[0]!.externalId;
    if (found.length > 1) {
      throw new UserError({
        field,
        code: 'ambiguous',
        message: `${found.length} members go by "${ref.label}"; mention the one you mean with @.`,
        choices: found.map((m) => `${m.displayName} (${m.externalId})`),
      });
    }
    const ids = candidateIds(ctx, ref);
    if (ctx.actor.platform === 'console') return ids[ids.length - 1]!;
    if (/^[A-Z0-9]{6,}$/i.test(ref.id)) return ref.id;
    throw new UserError({
      field,
      code: 'not-found',
      message: `I know no member or role "${ref.label}" here. Pick one from the list or mention it with @.`,
    });
  }

  /** The moderator list as people read it: members by the name they go by, other ids (roles) as they are. */
  private async moderatorNames(ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
    const known = ids.length
      ? await this.store.findMembers(ctx.community.id, ctx.actor.platform, { externalIds: ids })
      : [];
    const names = new Map(known.map((m) => [m.externalId, m.displayName]));
    return ids.map((id) => names.get(id) ?? `role or user ${id}`);
  }

  private async settingsReply(
    ctx: RequestContext,
    community: CommunityRecord,
    title: string,
    tone: 'info' | 'success' = 'info',
    note: string | null = null,
  ): Promise<Reply> {
    const channel = community.announcementChannelId;
    const moderators = await this.moderatorNames(ctx, community.moderatorRoleIds);
    const muted = new Set(community.mutedPosts);
    const posts = CHANNEL_POST_KINDS.map((k) => `${k} (${POST_LABEL[k]}): ${muted.has(k) ? 'off' : 'on'}`);
    const features = await this.features.current(community.id);
    return reply({
      tone: note && tone === 'success' ? 'warning' : tone,
      title,
      lines: note ? [[note]] : [],
      fields: [
        {
          label: 'Announcement channel',
          value: channel
            ? [{ channel }]
            : ['none: milestone posts, the daily digest and DM fallbacks are not sent; set one with channel:'],
        },
        {
          label: 'Default time zone (new campaigns, the digest)',
          value: [
            community.timeZoneChosen
              ? community.defaultTimeZone
              : `none chosen (the digest uses ${community.defaultTimeZone}; /preorder start asks each member for their zone until you set one with timezone:)`,
          ],
        },
        { label: 'Daily digest', value: [`${String(community.digestHour).padStart(2, '0')}:00 community time`] },
        {
          label: 'Moderators (besides server admins)',
          value: [moderators.length === 0 ? 'none added; add one with add_moderator:' : moderators.join(', ')],
        },
        { label: 'Channel posts', value: [posts.join('; ')] as RichText },
        ...this.features.fields(features, community.platform),
      ],
    });
  }
}

/** The posts muted after a change: named ones on or off, the rest as they were. */
function mutedPosts(current: readonly string[], posts: PostSelection | undefined, dmFallback: boolean | undefined) {
  if (posts?.on.includes('dm-fallback') && dmFallback === false) {
    throw new UserError({
      field: 'dm_fallback',
      code: 'invalid',
      message: 'posts: names dm-fallback (on) and dm_fallback:off turns it off; say one or the other.',
    });
  }
  const on = new Set<string>(posts?.on ?? []);
  const off = new Set<string>(posts?.off ?? []);
  if (dmFallback !== undefined) (dmFallback ? on : off).add('dm-fallback');
  return CHANNEL_POST_KINDS.filter((k) => !on.has(k) && (off.has(k) || current.includes(k)));
}

/** What turning the DM fallback off (or leaving it off) means, in the reply that did it. */
function fallbackNote(before: CommunityRecord, after: CommunityRecord): string | null {
  const was = before.mutedPosts.includes('dm-fallback');
  const is = after.mutedPosts.includes('dm-fallback');
  if (!is || was) return null;
  return (
    'dm-fallback is now off: when a member has closed their DMs, their critical steps (Publish on KDP, ' +
    'zero out the POs, the support ticket) are no longer posted in the announcement channel for them. ' +
    'Those reminders fail instead, and only you moderators are told. dm_fallback:on turns it back on.'
  );
}

/** `{ field: { from, to } }` for each setting the patch really changes. */
function describeChanges(
  before: CommunityRecord,
  patch: CommunityPatch,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [key, to] of Object.entries(patch) as [keyof CommunityPatch, unknown][]) {
    const from = before[key];
    if (!same(from, to)) changes[key] = { from, to };
  }
  return changes;
}
