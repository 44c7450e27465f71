import { MILESTONE_IDS, type Marketplace, type MilestoneId } from './types.ts';

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

interface Derived {
  prerequisites: Map<MilestoneId, readonly MilestoneId[]>;
  proven: Map<MilestoneId, readonly MilestoneId[]>;
  /** every step that waits on the key, directly or through others */
  dependents: Map<MilestoneId, readonly MilestoneId[]>;
}

/** The graph's closures, worked out once per marketplace: the board asks them for every campaign. */
const derived = new Map<Marketplace, Derived>();

function graphOf(marketplace: Marketplace): Derived {
  let found = derived.get(marketplace);
  if (found) return found;
  const prerequisites = new Map(MILESTONE_IDS.map((id) => [id, edgesOf(id, marketplace).map((e) => e.before)]));
  const closure = (start: MilestoneId, next: (id: MilestoneId) => readonly MilestoneId[]) => {
    const out: MilestoneId[] = [];
    const visit = (id: MilestoneId) => {
      for (const n of next(id)) {
        if (out.includes(n)) continue;
        out.push(n);
        visit(n);
      }
    };
    visit(start);
    return out;
  };
  const provenEdges = (id: MilestoneId) =>
    edgesOf(id, marketplace)
      .filter((e) => e.proven)
      .map((e) => e.before);
  const waitingOn = (id: MilestoneId) => MILESTONE_IDS.filter((other) => prerequisites.get(other)!.includes(id));
  found = {
    prerequisites,
    proven: new Map(MILESTONE_IDS.map((id) => [id, closure(id, provenEdges)])),
    dependents: new Map(MILESTONE_IDS.map((id) => [id, closure(id, waitingOn)])),
  };
  derived.set(marketplace, found);
  return found;
}

/** The steps that must be settled before `id`, in plan order. */
export function prerequisitesOf(id: MilestoneId, marketplace: Marketplace): readonly MilestoneId[] {
  return graphOf(marketplace).prerequisites.get(id)!;
}

/** The steps that marking `id` done proves happened, directly or through others. */
export function provenBy(id: MilestoneId, marketplace: Marketplace): readonly MilestoneId[] {
  return graphOf(marketplace).proven.get(id)!;
}

/** Every step that waits on `id`, directly or through others (filter by the plan's own steps). */
export function dependentsOf(id: MilestoneId, marketplace: Marketplace): readonly MilestoneId[] {
  return graphOf(marketplace).dependents.get(id)!;
}
