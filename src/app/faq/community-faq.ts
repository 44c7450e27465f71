import { createFaqMatcher, getFaqEntry, warmUp, type FaqMatcher, type FaqTopicId } from '../../core/faq/index.ts';
import type { FaqFeedbackStore } from './ports.ts';

/** How long a community's taught FAQ is reused before it is read again (other processes may have changed it). */
const TTL_MS = 30_000;
/** Communities kept at once; the oldest is dropped first. */
const MAX_COMMUNITIES = 500;

export interface CommunityFaq {
  matcher: FaqMatcher;
  answerOf(topic: FaqTopicId): string;
  isEdited(topic: FaqTopicId): boolean;
}

let defaultMatcher: FaqMatcher | undefined;
/**
 * Building a matcher takes ~100 ms, so communities that taught nothing share one. It is warmed up
 * as it is built (see warmUp); the bot builds it at start-up, so no member waits for either.
 */
export function sharedMatcher(): FaqMatcher {
  if (defaultMatcher) return defaultMatcher;
  defaultMatcher = createFaqMatcher();
  warmUp(defaultMatcher);
  return defaultMatcher;
}

export const DEFAULT_FAQ: CommunityFaq = {
  get matcher() {
    return sharedMatcher();
  },
  answerOf: (topic) => getFaqEntry(topic).answer,
  isEdited: () => false,
};

/**
 * Each community's FAQ: the catalogue plus the aliases its moderators promoted and the answers
 * they rewrote. Changes made here are seen at once; changes made by another process within TTL_MS.
 */
export class CommunityFaqCache {
  private readonly entries = new Map<string, { faq: CommunityFaq; loadedAt: number }>();

  constructor(
    private readonly store: FaqFeedbackStore,
    private readonly now: () => number = Date.now,
  ) {}

  async get(communityId: string): Promise<CommunityFaq> {
    const cached = this.entries.get(communityId);
    if (cached && this.now() - cached.loadedAt < TTL_MS) return cached.faq;
    const data = await this.store.knowledge(communityId);
    const extra: Partial<Record<FaqTopicId, string[]>> = {};
    for (const alias of data.aliases) (extra[alias.topic] ??= []).push(alias.text);
    const matcher = data.aliases.length > 0 ? createFaqMatcher(undefined, extra) : sharedMatcher();
    const faq: CommunityFaq = {
      matcher,
      answerOf: (topic) => data.answers.get(topic) ?? getFaqEntry(topic).answer,
      isEdited: (topic) => data.answers.has(topic),
    };
    this.entries.delete(communityId);
    this.entries.set(communityId, { faq, loadedAt: this.now() });
    if (this.entries.size > MAX_COMMUNITIES) this.entries.delete(this.entries.keys().next().value!);
    return faq;
  }

  invalidate(communityId: string): void {
    this.entries.delete(communityId);
  }
}
