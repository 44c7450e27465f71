import { UserError } from '../../core/errors.ts';
import { possessive } from '../../core/names.ts';
import type { RequestContext } from '../context.ts';
import type { CampaignRecord, CampaignState } from '../ports.ts';
import type { CampaignStore } from '../campaigns/ports.ts';
import { milestoneViews } from '../campaigns/plan-view.ts';
import { link, reply, type Reply } from '../reply.ts';
import { campaignEvents, communityEvents } from './calendar.ts';
import { renderWithSequences, type CalendarEvent, type CalendarMeta } from './calendar-render.ts';
import type { CalendarFeedRecord, CalendarFeedStore, FeedDocument, FeedLinks, FeedOwner } from './feed-ports.ts';
import { feedTokenHash, feedUrls, looksLikeFeedToken, newFeedToken } from './feed-tokens.ts';
import type { CalendarRevisionStore } from './ports.ts';

/** Calendar apps are asked to poll hourly (REFRESH-INTERVAL, X-PUBLISHED-TTL, Cache-Control). */
export const FEED_REFRESH_SECONDS = 3600;
/** More campaigns than any community runs at once; the feed stays one bounded query. */
const COMMUNITY_FEED_LIMIT = 2000;
const ALL_STATES: readonly CampaignState[] = ['active', 'completed', 'cancelled'];
/** As the one-off file: a cancelled campaign's plan no longer belongs in anyone's calendar. */
const SHOWN_STATES = new Set<CampaignState>(['active', 'completed']);

export interface CalendarFeedDeps {
  feeds: CalendarFeedStore;
  store: CampaignStore;
  revisions: CalendarRevisionStore;
  links: FeedLinks;
}

/** Private subscription links: issued to members and moderators, and served to calendar apps. */
export class CalendarFeedService {
  constructor(private readonly deps: CalendarFeedDeps) {}

  async memberLink(ctx: RequestContext, args: { reset?: boolean | undefined }): Promise<Reply> {
    const campaigns = await this.deps.store.listMemberCampaigns(ctx.community.id, ctx.member.id, ALL_STATES);
    if (campaigns.length === 0) {
      throw new UserError({
        field: 'campaign',
        code: 'not-found',
        message: 'You have no campaign here yet, so a calendar would be empty. Start one with /preorder start first.',
      });
    }
    return this.link(ctx, { kind: 'member', memberId: ctx.member.id }, args.reset === true);
  }

  communityLink(ctx: RequestContext, args: { reset?: boolean | undefined }): Promise<Reply> {
    return this.link(ctx, { kind: 'community' }, args.reset === true);
  }

  private async link(ctx: RequestContext, owner: FeedOwner, reset: boolean): Promise<Reply> {
    const base = this.deps.links.base();
    const command = owner.kind === 'member' ? '/preorder calendar-feed' : '/preorder-admin calendar-feed';
    if (!base) {
      throw new UserError({
        field: 'reset',
        code: 'unsupported',
        message:
          'Calendar links are not being served by this bot right now. The operator can turn them on (PORT, PUBLIC_URL); until then /preorder calendar gives a file.',
      });
    }
    const existing = await this.deps.feeds.find(ctx.community.id, owner);
    if (existing && !reset) {
      return reply({
        tone: 'info',
        title: 'You already have a calendar link',
        lines: [
          'I keep only a fingerprint of the link, not the link itself, so I cannot show it again.',
          `Lost it, or shared it by mistake? \`${command} reset:yes\` makes a new one, and the old one stops working at once.`,
        ],
      });
    }
    const token = newFeedToken();
    await this.deps.feeds.issue(ctx.community.id, owner, feedTokenHash(token), ctx.now);
    const urls = feedUrls(base, token);
    const what =
      owner.kind === 'member'
        ? 'every step of all your campaigns here'
        : "every campaign's release day and its time-critical windows, with the member's name";
    return reply({
      tone: 'success',
      title: reset && existing ? 'New calendar link (the old one no longer works)' : 'Your calendar link',
      lines: [
        `A calendar that stays current: ${what}. When a plan changes, the events move in your calendar app too.`,
        ['Subscribe: ', link(urls.webcal, urls.webcal)],
        ['Or add this address as a calendar "from URL": ', link(urls.https, urls.https)],
        'Calendar apps check it about once an hour. The link is private: anyone who has it can read this calendar.',
        `I will not show it again. \`${command} reset:yes\` replaces it.`,
      ],
      visibility: 'private',
    });
  }

  /** The calendar behind a token, or null for a token that is unknown, revoked or malformed. */
  async serve(token: string): Promise<FeedDocument | null> {
    if (!looksLikeFeedToken(token)) return null;
    const feed = await this.deps.feeds.byTokenHash(feedTokenHash(token));
    if (!feed) return null;
    return feed.memberId ? this.memberFeed(feed, feed.memberId) : this.communityFeed(feed);
  }

  private async memberFeed(feed: CalendarFeedRecord, memberId: string): Promise<FeedDocument | null> {
    const campaigns = await this.deps.store.listMemberCampaigns(feed.communityId, memberId, ALL_STATES);
    if (campaigns.length === 0) {
      // Their last campaign is gone: the link goes with it.
      await this.deps.feeds.remove(feed.id);
      return null;
    }
    const shown = campaigns.filter((c) => SHOWN_STATES.has(c.state));
    const name = campaigns[0]!.memberName;
    return this.render(
      feed,
      shown,
      {
        name: `Pre-order plans: ${name}`,
        description: `Every step of ${possessive(name)} Amazon print pre-order campaigns.`,
      },
      (c, now) => campaignEvents(c, milestoneViews(c, now)),
    );
  }

  private async communityFeed(feed: CalendarFeedRecord): Promise<FeedDocument | null> {
    const community = await this.deps.store.getCommunity(feed.communityId);
    if (!community) return null;
    const campaigns = await this.deps.store.listCommunityCampaigns(feed.communityId, ['active'], COMMUNITY_FEED_LIMIT);
    const title = community.name ?? 'the community';
    return this.render(
      feed,
      campaigns,
      {
        name: `Pre-order releases: ${title}`,
        description: `Release days and time-critical windows of every active campaign in ${title}.`,
      },
      (c, now) => communityEvents(c, milestoneViews(c, now)),
    );
  }

  private async render(
    feed: CalendarFeedRecord,
    campaigns: readonly CampaignRecord[],
    meta: Omit<CalendarMeta, 'refreshSeconds'>,
    eventsOf: (campaign: CampaignRecord, now: Date) => CalendarEvent[],
  ): Promise<FeedDocument> {
    const lastModified = lastChange(feed, campaigns);
    // Plans are computed as of the last change, and stamped with it, so an unchanged feed is
    // byte-for-byte the same and its ETag holds.
    const events = campaigns.flatMap((c) => eventsOf(c, lastModified));
    const body = await renderWithSequences(
      this.deps.revisions,
      { ...meta, refreshSeconds: FEED_REFRESH_SECONDS },
      events,
      lastModified,
    );
    return { body, lastModified };
  }
}

/** The newest of: the link, each campaign's last edit, each step's last mark. Whole seconds (HTTP dates). */
function lastChange(feed: CalendarFeedRecord, campaigns: readonly CampaignRecord[]): Date {
  let latest = feed.createdAt.getTime();
  for (const c of campaigns) {
    latest = Math.max(latest, c.updatedAt.getTime());
    for (const p of c.progress) latest = Math.max(latest, p.markedAt.getTime());
  }
  return new Date(Math.floor(latest / 1000) * 1000);
}
