import type { FaqTopicId } from './topics.ts';
import type { FaqEntry } from './entry.ts';
import { FAQ_TOPIC_IDS } from './topics.ts';
import { GETTING_STARTED_ENTRIES } from './entries/getting-started.ts';
import { LISTING_ENTRIES } from './entries/listing.ts';
import { PURCHASE_ORDER_ENTRIES } from './entries/purchase-orders.ts';
import { LAUNCH_ENTRIES } from './entries/launch.ts';
import { PLANNING_ENTRIES } from './entries/planning.ts';

export type { FaqEntry } from './entry.ts';

const order = new Map<FaqTopicId, number>(FAQ_TOPIC_IDS.map((id, index) => [id, index]));

/** Catalogue order, so listings and `faq` output are stable whatever file an entry lives in. */
export const FAQ_ENTRIES: readonly FaqEntry[] = Object.freeze(
  [
    ...GETTING_STARTED_ENTRIES,
    ...LISTING_ENTRIES,
    ...PURCHASE_ORDER_ENTRIES,
    ...LAUNCH_ENTRIES,
    ...PLANNING_ENTRIES,
  ].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
);

const byId = new Map<FaqTopicId, FaqEntry>(FAQ_ENTRIES.map((entry) => [entry.id, entry]));

export function getFaqEntry(id: FaqTopicId): FaqEntry {
  const entry = byId.get(id);
  // Unreachable while the knowledge-base test holds (one entry per id); fail loudly if it breaks.
  if (!entry) throw new Error(`No FAQ entry for topic "${id}"`);
  return entry;
}
