import { DateTime } from 'luxon';
import { MILESTONES } from './milestones.ts';
import { r0, type MilestoneKind } from './timeline.ts';
import { MILESTONE_IDS, pathForPrinter } from './types.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from './types.ts';

/** The board's cheap planner: the windows of planTimeline for thousands of campaigns at once. */

/**
 * The done marks whose time moves the plan (listing-live hangs off the item's submission, the PO
 * confirmations off the listing going live): the only mark times the board needs from a store.
 */
export const TIMED_MARKS = ['aa-add-item', 'listing-live'] as const satisfies readonly MilestoneId[];
export type TimedMark = (typeof TIMED_MARKS)[number];

/**
 * Marked steps travel as a bitmask over MILESTONE_IDS: a store can build it in SQL, and testing a
 * bit is what keeps classifying 10,000 campaigns cheap.
 */
export const markBit = (id: MilestoneId): number => 1 << MILESTONE_IDS.indexOf(id);
export const markMask = (ids: Iterable<MilestoneId>): number => {
  let mask = 0;
  for (const id of ids) mask |= markBit(id);
  return mask;
};

/** A planned step in epoch milliseconds: the board handles thousands, so no Date objects. */
export interface BoardStep {
  id: MilestoneId;
  kind: MilestoneKind;
  opensAt: number;
  closesAt: number | null;
  expectedBy: number | null;
  escalateAt: number | null;
  critical: boolean;
}

const HOUR_MS = 3_600_000;

/*
 * The windows below mirror src/core/timeline.ts (planTimeline), which spends a dozen luxon
 * operations on every plan: too slow for 10,000 campaigns on one board. Every window there is a
 * fixed number of real hours from release-day midnight (plain arithmetic once that midnight is
 * known) or a number of calendar days from it (looked up once per release date and zone), except
 * the set-up steps, which hang off the campaign's start and its marks. A unit test compares this
 * with planTimeline across zones, DST changes, paths and marks, so the two cannot drift apart.
 */
const LISTING_EARLIEST_MS = 3 * HOUR_MS;
const LISTING_EXPECTED_MS = 48 * HOUR_MS;
const LISTING_ESCALATE_MS = 72 * HOUR_MS;

/** What a step's window hangs off when it is not release-day midnight. */
export type Hook = 'start' | 'listing' | 'confirm' | null;
export interface TemplateStep extends BoardStep {
  hook: Hook;
  bit: number;
}

/** Release dates repeat across campaigns and calls; a cap keeps a long-running bot's memory flat. */
const CACHE_LIMIT = 20_000;

interface Anchors {
  midnight: number;
  day2: number;
  day7: number;
  day30: number;
}
const anchors = new Map<string, Anchors>();

/** The only luxon work of the board: four calls per distinct release date and zone. */
function anchorsFor(releaseDate: IsoDate, zone: string): Anchors {
  const key = `${releaseDate}|${zone}`;
  let found = anchors.get(key);
  if (!found) {
    const midnight = r0(releaseDate, zone).getTime();
    const local = DateTime.fromMillis(midnight, { zone });
    const days = (n: number) => local.plus({ days: n }).toMillis();
    found = { midnight, day2: days(2), day7: days(7), day30: days(30) };
    if (anchors.size >= CACHE_LIMIT) anchors.clear();
    anchors.set(key, found);
  }
  return found;
}
export interface Template {
  midnight: number;
  steps: readonly TemplateStep[];
}
const templates = new Map<string, Template>();

/** The steps of one release date, zone, path and marketplace with every midnight-anchored window filled in. */
export function templateFor(releaseDate: IsoDate, zone: string, marketplace: Marketplace, printer: Printer): Template {
  const path = pathForPrinter(printer);
  const key = `${releaseDate}|${zone}|${path}|${marketplace}`;
  const cached = templates.get(key);
  if (cached) return cached;
  const { midnight, day2, day7, day30 } = anchorsFor(releaseDate, zone);
  const hours = (n: number) => midnight + n * HOUR_MS;
  const step = (
    def: (typeof MILESTONES)[number],
    kind: MilestoneKind,
    opensAt: number,
    closesAt: number | null,
    hook: Hook = null,
    escalateAt: number | null = null,
  ): TemplateStep => ({
    id: def.id,
    kind,
    opensAt,
    closesAt,
    expectedBy: null,
    escalateAt,
    critical: def.critical,
    hook,
    bit: markBit(def.id),
  });
  const steps = MILESTONES.filter(
    (def) => (def.path === 'both' || def.path === path) && def.marketplaces.includes(marketplace),
  ).map((def): TemplateStep => {
    switch (def.id) {
      case 'aa-account':
      case 'aa-add-item':
      case 'aa-images':
      case 'aa-sales-copy':
      case 'ingram-preorder-setup':
        return step(def, 'asap', 0, null, 'start');
      case 'listing-live':
        return step(def, 'open-ended', 0, null, 'listing');
      case 'confirm-pos':
        return step(def, 'daily', 0, hours(-1), 'confirm');
      case 'kdp-publish':
        return step(def, 'window', hours(-48), hours(-36));
      case 'zero-out-pos':
      case 'check-unconfirmed-pos':
        return step(def, 'window', hours(-3), hours(-1));
      case 'support-ticket':
        return step(def, 'window', hours(-3), midnight);
      case 'release-day':
        return step(def, 'window', midnight, hours(24));
      case 'orders-transfer':
        return step(def, 'window', day2, day7, null, day7);
      case 'close-aa-account':
        return step(def, 'open-ended', day30, null);
    }
  });
  if (templates.size >= CACHE_LIMIT) templates.clear();
  const template = { midnight, steps };
  templates.set(key, template);
  return template;
}

export interface BoardPlanInput {
  releaseDate: IsoDate;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  startedAt: Date;
  /** when steps were marked done (not skipped), as planTimeline takes them; only TIMED_MARKS matter */
  done?: Partial<Record<TimedMark, Date>>;
}

/** The same windows as planTimeline, in milliseconds and without its per-plan cost. */
export function boardPlan(input: BoardPlanInput): BoardStep[] {
  const { steps } = templateFor(input.releaseDate, input.timeZone, input.marketplace, input.printer);
  const hooks = hookTimes(input.startedAt, input.done ?? {});
  return steps.map(({ hook, bit: _bit, ...step }) => (hook === null ? step : withHook(step, hook, hooks)));
}

interface HookTimes {
  start: number;
  submitted: number;
  listingOpens: number;
  live: number;
}

export function hookTimes(startedAt: Date, done: Partial<Record<TimedMark, Date>>): HookTimes {
  const start = startedAt.getTime();
  const submitted = done['aa-add-item']?.getTime() ?? start;
  const listingOpens = submitted + LISTING_EARLIEST_MS;
  return { start, submitted, listingOpens, live: done['listing-live']?.getTime() ?? listingOpens };
}

export function withHook(step: BoardStep, hook: Exclude<Hook, null>, h: HookTimes): BoardStep {
  switch (hook) {
    case 'start':
      return { ...step, opensAt: h.start };
    case 'listing':
      return {
        ...step,
        opensAt: h.listingOpens,
        expectedBy: h.submitted + LISTING_EXPECTED_MS,
        escalateAt: h.submitted + LISTING_ESCALATE_MS,
      };
    case 'confirm':
      return { ...step, opensAt: h.live };
  }
}
