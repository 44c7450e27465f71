import { listingUrls, searchUrl } from '../../core/isbn.ts';
import { dayStartAfter, dayStartMs } from '../../core/local-day.ts';
import { neutralizeMentions } from '../../core/text-safety.ts';
import type { CampaignRecord } from '../ports.ts';

/** Only releases this close get an event; the rest are made as they come into range. */
export const EVENT_HORIZON_DAYS = 60;
/** Discord's cap on scheduled and active events per server, counting everyone's. */
export const DISCORD_EVENT_CAP = 100;
const NAME_LIMIT = 100;
const LOCATION_LIMIT = 100;
const DAY_MS = 86_400_000;

/** A release-day event as Discord will show it. */
export interface ReleaseEventSpec {
  campaignId: string;
  name: string;
  description: string;
  /** the release day in the campaign's zone: its first instant to the next day's */
  start: Date;
  end: Date;
  location: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The event for a campaign: "Release day: <title>", over the release day in its zone, at its
 * listing. Member text cannot ping (mentions are broken with a zero-width space).
 */
export function releaseEventSpec(campaign: CampaignRecord): ReleaseEventSpec {
  const title = neutralizeMentions(campaign.title.replace(/\s+/g, ' ').trim());
  const listing =
    listingUrls(campaign.isbn)[campaign.marketplace] ?? searchUrl(campaign.isbn.isbn13, campaign.marketplace);
  return {
    campaignId: campaign.id,
    name: clip(`Release day: ${title}`, NAME_LIMIT),
    description: clip(
      `"${title}" by ${neutralizeMentions(campaign.memberName)} comes out in print today. Pre-order Pal keeps this event in step with the campaign's release date.`,
      1000,
    ),
    start: new Date(dayStartMs(campaign.releaseDate, campaign.timeZone)),
    end: new Date(dayStartAfter(campaign.releaseDate, 1, campaign.timeZone)),
    location: listing.length <= LOCATION_LIMIT ? listing : 'Amazon (the listing link is in /preorder status)',
  };
}

/**
 * Which campaigns should have an event now: active ones whose release day starts after `now` and
 * within the horizon, soonest first. A started day cannot be scheduled on Discord any more.
 */
export function eventCandidates(campaigns: readonly CampaignRecord[], now: Date): ReleaseEventSpec[] {
  const horizon = now.getTime() + EVENT_HORIZON_DAYS * DAY_MS;
  return campaigns
    .filter((c) => c.state === 'active')
    .map(releaseEventSpec)
    .filter((e) => e.start.getTime() > now.getTime() && e.start.getTime() <= horizon)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.campaignId.localeCompare(b.campaignId));
}
