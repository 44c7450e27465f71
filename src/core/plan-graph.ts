import type { Marketplace, MilestoneId } from './types.ts';

/**
 * The order the process imposes, as a small dependency graph (the domain doc's prerequisites).
 * A step whose prerequisites are not settled cannot happen yet, so it is never the member's next
 * step and gets no reminder of its own; the member hears about the prerequisite instead.
 */
interface Edge {
  /** the step that has to come first */
  before: MilestoneId;
  /**
   * Marking the later step done proves this one happened too (a live listing means the item was
   * added, which means the account exists). Not every edge proves that: pressing Publish on KDP
   * says nothing about whether the Advantage listing is live, which is exactly what to check.
   */
  proven: boolean;
}

const GRAPH: Partial<Record<MilestoneId, readonly Edge[]>> = {
  'aa-add-item': [{ before: 'aa-account', proven: true }],
  'aa-images': [{ before: 'aa-add-item', proven: true }],
  'aa-sales-copy': [{ before: 'aa-add-item', proven: true }],
  'listing-live': [{ before: 'aa-add-item', proven: true }],
  'confirm-pos': [{ before: 'listing-live', proven: true }],
  'kdp-publish': [
    { before: 'listing-live', proven: false },
    { before: 'kdp-files-ready', proven: true },
  ],
};

/** The US ticket follows zeroing out; the UK's follows the check for unconfirmed POs (the article's step 6 then 7). */
const TICKET_AFTER: Record<Marketplace, MilestoneId> = { US: 'zero-out-pos', UK: 'check-unconfirmed-pos' };

function edgesOf(id: MilestoneId, marketplace: Marketplace): readonly Edge[] {
  if (id === 'support-ticket') return [{ before: TICKET_AFTER[marketplace], proven: false }];
  return GRAPH[id] ?? [];
}

/** The steps that must be settled before `id`, in plan order. */
export function prerequisitesOf(id: MilestoneId, marketplace: Marketplace): MilestoneId[] {
  return edgesOf(id, marketplace).map((e) => e.before);
}

/** The steps that marking `id` done proves happened, directly or through others. */
export function provenBy(id: MilestoneId, marketplace: Marketplace): MilestoneId[] {
  const out: MilestoneId[] = [];
  const visit = (step: MilestoneId) => {
    for (const e of edgesOf(step, marketplace)) {
      if (!e.proven || out.includes(e.before)) continue;
      out.push(e.before);
      visit(e.before);
    }
  };
  visit(id);
  return out;
}

/** Every step that waits on `id`, directly or through others, among `ids`. */
export function dependentsOf(id: MilestoneId, ids: readonly MilestoneId[], marketplace: Marketplace): MilestoneId[] {
  const out: MilestoneId[] = [];
  const visit = (step: MilestoneId) => {
    for (const other of ids) {
      if (out.includes(other) || !prerequisitesOf(other, marketplace).includes(step)) continue;
      out.push(other);
      visit(other);
    }
  };
  visit(id);
  return out;
}
