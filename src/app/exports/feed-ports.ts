/** Whose calendar a subscription link shows: one member's campaigns, or the moderators' view of all. */
export type FeedOwner = { kind: 'member'; memberId: string } | { kind: 'community' };

export interface CalendarFeedRecord {
  id: string;
  communityId: string;
  /** null for the moderators' feed of the community */
  memberId: string | null;
  createdAt: Date;
}

/** Subscription links, stored only as the SHA-256 of their token. */
export interface CalendarFeedStore {
  byTokenHash(tokenHash: string): Promise<CalendarFeedRecord | null>;
  find(communityId: string, owner: FeedOwner): Promise<CalendarFeedRecord | null>;
  /** Revokes the owner's link, if any, and keeps the new one's hash, in one transaction. */
  issue(communityId: string, owner: FeedOwner, tokenHash: string, now: Date): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Where links point: PUBLIC_URL or the local server; null while no server answers for feeds. */
export interface FeedLinks {
  base(): string | null;
}

/** A rendered feed and when what it shows last changed. */
export interface FeedDocument {
  body: string;
  lastModified: Date;
}
