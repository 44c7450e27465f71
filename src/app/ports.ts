import type { Isbn } from '../core/isbn.ts';
import type { IsoDate, Marketplace, MilestoneId, MilestoneStatus, Printer } from '../core/types.ts';

/** Time is injected everywhere so tests and the console can move it. */
export interface Clock {
  now(): Date;
}

export type Platform = 'console' | 'discord' | 'slack';
export type CampaignState = 'active' | 'completed' | 'cancelled';

/**
 * Who is asking, as the adapter saw it. `platformAdmin` is the platform's own word (Discord's
 * Manage Server, a Slack workspace admin, the console's `you`); moderator roles configured for
 * the community are checked again on the server side by dispatch, every call.
 */
export interface Actor {
  platform: Platform;
  communityExternalId: string;
  communityName?: string;
  userExternalId: string;
  displayName: string;
  platformAdmin: boolean;
  roleIds: readonly string[];
}

export interface CommunityRecord {
  id: string;
  platform: Platform;
  externalId: string;
  name: string | null;
  defaultTimeZone: string;
  /** a moderator or the operator chose the default zone; false: it is only the UTC fallback */
  timeZoneChosen: boolean;
  announcementChannelId: string | null;
  moderatorRoleIds: string[];
  /** local hour (community zone) of the daily channel digest */
  digestHour: number;
  /** channel posts moderators turned off (see CHANNEL_POST_KINDS) */
  mutedPosts: string[];
}

/** The posts a community can send to its announcement channel, each of which moderators can turn off. */
export const CHANNEL_POST_KINDS = ['listing-live', 'release-day', 'digest', 'dm-fallback'] as const;
export type ChannelPostKind = (typeof CHANNEL_POST_KINDS)[number];

export interface MemberRecord {
  id: string;
  platform: Platform;
  externalId: string;
  displayName: string;
  timeZone: string | null;
  dmReminders: boolean;
  /** local hours (member zone); both null when the member has none */
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  /** set when the platform refused a DM; cleared when the member turns DMs back on */
  dmsClosedAt: Date | null;
}

export type CommunityPatch = Partial<
  Pick<
    CommunityRecord,
    'announcementChannelId' | 'defaultTimeZone' | 'timeZoneChosen' | 'moderatorRoleIds' | 'digestHour' | 'mutedPosts'
  >
>;

export interface ProgressRecord {
  milestoneId: MilestoneId;
  status: MilestoneStatus;
  markedAt: Date;
  markedBy: string;
}

export interface CampaignRecord {
  id: string;
  communityId: string;
  memberId: string;
  memberName: string;
  title: string;
  isbn: Isbn;
  marketplace: Marketplace;
  printer: Printer;
  timeZone: string;
  releaseDate: IsoDate;
  state: CampaignState;
  createdAt: Date;
  updatedAt: Date;
  /** set while a moderator has paused the campaign's reminders */
  remindersPausedAt: Date | null;
  progress: ProgressRecord[];
  /** the most recent days (campaign zone, newest first) on which the daily PO check was confirmed */
  poConfirmedDays: IsoDate[];
}

/** One line of the audit trail; written in the same transaction as the change it describes. */
export interface AuditInput {
  actorId: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditInput {
  at: Date;
  campaignId: string | null;
}

/** Where services write the files replies carry; adapters send them and may then delete them. */
export interface FileOutbox {
  /** A fresh absolute path for a file called `name` (the name is kept for the reader). */
  reserve(name: string): Promise<string>;
  /** Removes what is left when the bot stops (a temporary outbox); a kept one stays. */
  dispose?(): Promise<void>;
}

/** Small facts an adapter keeps across boots and processes (e.g. the registered command hash). */
export interface PlatformStateStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, now: Date): Promise<void>;
}

/** The state store with what one-time tickets need (Slack's OAuth state). */
export interface TicketStateStore extends PlatformStateStore {
  /** Removes the key and returns its value, atomically: of two callers, one gets it. */
  take(key: string): Promise<string | null>;
  /** Removes the keys with this prefix last set before `before`; returns how many. */
  removeOlder(prefix: string, before: Date): Promise<number>;
}
