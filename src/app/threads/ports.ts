import type { Platform } from '../ports.ts';

/** The board phases a campaign's thread shows, in the words its forum tags use. */
export const THREAD_PHASES = ['setting-up', 'collecting', 'launch', 'released'] as const;
export type ThreadPhase = (typeof THREAD_PHASES)[number];

export const THREAD_TAG_NAMES: Record<ThreadPhase | 'at-risk', string> = {
  'setting-up': 'Setting up',
  collecting: 'Collecting pre-orders',
  launch: 'Launch window',
  released: 'Released',
  'at-risk': 'At risk',
};

/** How a campaign's thread looks: its name and the tags (Discord) or header (Slack) of its phase. */
export interface ThreadLook {
  title: string;
  phase: ThreadPhase;
  atRisk: boolean;
}

/** Per-community switches for Discord scheduled events and a thread per campaign. */
export interface ChannelFeatures {
  eventsEnabled: boolean;
  /** when Discord last refused to manage events; the moderators were told once */
  eventsBlockedAt: Date | null;
  threadsEnabled: boolean;
  /** the Discord forum that holds campaign posts; null on Slack and the console */
  threadsForumId: string | null;
}

export const NO_CHANNEL_FEATURES: ChannelFeatures = {
  eventsEnabled: false,
  eventsBlockedAt: null,
  threadsEnabled: false,
  threadsForumId: null,
};

export interface ChannelFeatureStore {
  get(communityId: string): Promise<ChannelFeatures>;
  /** Communities with threads on. */
  withThreads(): Promise<string[]>;
  set(communityId: string, patch: Partial<ChannelFeatures>): Promise<ChannelFeatures>;
}

/** Where a campaign's posts go: the thread (Discord) or the parent message's ts (Slack) in a channel. */
export interface ThreadRef {
  channelId: string;
  threadId: string;
}

export interface CampaignThreadRecord extends ThreadRef {
  campaignId: string;
  /** the look last applied, as `phase` or `phase+at-risk` */
  phase: string;
}

export interface CampaignThreadStore {
  get(campaignId: string): Promise<CampaignThreadRecord | null>;
  many(campaignIds: readonly string[]): Promise<CampaignThreadRecord[]>;
  save(record: CampaignThreadRecord): Promise<void>;
}

/** A platform's side of threads; the notifier of that platform provides it. */
export interface ThreadPublisher {
  readonly platforms: readonly Platform[];
  /** Opens the campaign's thread under `parentChannelId` (a forum on Discord, the channel on Slack). */
  open(communityExternalId: string, parentChannelId: string, look: ThreadLook): Promise<ThreadRef>;
  /** Shows a new phase: the forum post's tags, or the Slack parent message's text. */
  restyle(communityExternalId: string, ref: ThreadRef, look: ThreadLook): Promise<void>;
  /** Whether a channel is a forum of this community (platforms with forums only). */
  isForum?(communityExternalId: string, channelId: string): Promise<boolean>;
}

/** Whether a channel can hold campaign threads (a Discord forum); checked when moderators pick it. */
export interface ForumCheck {
  isForum(platform: Platform, communityExternalId: string, channelId: string): Promise<boolean>;
}

export const lookKey = (look: ThreadLook): string => (look.atRisk ? `${look.phase}+at-risk` : look.phase);
