export { FAQ_TOPIC_IDS, isFaqTopicId } from './topics.ts';
export type { FaqTopicId } from './topics.ts';
export { FAQ_ENTRIES, getFaqEntry } from './knowledge-base.ts';
export type { FaqEntry } from './knowledge-base.ts';
export { createFaqMatcher } from './matcher.ts';
export type { FaqMatch, FaqMatchKind, FaqMatcher } from './matcher.ts';
export { normalizeTokens } from './normalize.ts';
export { warmUp } from './warm-up.ts';
