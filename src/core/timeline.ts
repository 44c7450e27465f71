import { dayStartAfter, dayStartMs } from './local-day.ts';
import { MILESTONES } from './milestones.ts';
import type { MilestoneDefinition } from './milestones.ts';
import { prerequisitesOf } from './plan-graph.ts';
import { pathForPrinter } from './types.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from './types.ts';

export type MilestoneKind = 'asap' | 'window' | 'daily' | 'open-ended';

export interface PlannedMilestone {
  id: MilestoneId;
  title: string;
  kind: MilestoneKind;
  /** When the step can start, assuming its prerequisites are done by then. */
  opensAt: Date;
  /** Exclusive end of the window; null when the step has no deadline. */
  closesAt: Date | null;
  /** When it normally has happened by (listing-live only). */
  expectedBy: Date | null;
  /** After this, something is probably wrong and the member should chase it. */
  escalateAt: Date | null;
  critical: boolean;
  /** The steps that have to be settled first (see plan-graph.ts). */
  after: readonly MilestoneId[];
}

export interface TimelineInput {
  releaseDate: IsoDate;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  now: Date;
  startedAt?: Date;
  /** When milestones were marked done; moves listing-live and confirm-pos to real events. */
  done?: Partial<Record<MilestoneId, Date>>;
}

/**
 * R0: the first instant of release day in the campaign zone, off which every deadline hangs.
 * Usually midnight; 01:00 where the 00:00 hour is skipped; the first of two midnights where
 * clocks fall back at 01:00.
 */
export function r0(releaseDate: IsoDate, zone: string): Date {
  return new Date(dayStartMs(releaseDate, zone));
}

/** The listing can appear as early as 3 hours after submission. */
const LISTING_EARLIEST_HOURS = 3;
const LISTING_EXPECTED_HOURS = 48;
const LISTING_ESCALATE_HOURS = 72;
const HOUR_MS = 3_600_000;

/** A step's times in epoch milliseconds, before they become Dates. */
interface Timing {
  kind: MilestoneKind;
  opensAt: number;
  closesAt: number | null;
  expectedBy: number | null;
  escalateAt: number | null;
}

const asap = (opensAt: number, closesAt: number | null): Timing => ({
  kind: 'asap',
  opensAt,
  closesAt,
  expectedBy: null,
  escalateAt: null,
});

const windowed = (opensAt: number, closesAt: number, escalate = false): Timing => ({
  kind: 'window',
  opensAt,
  closesAt,
  expectedBy: null,
  escalateAt: escalate ? closesAt : null,
});

const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

interface Anchors {
  midnight: number;
  day2: number;
  day7: number;
  day30: number;
}
const anchors = new Map<string, Anchors>();
const ANCHORS_LIMIT = 20_000;

/** R0 and the calendar days after it the plan needs, once per release date and zone (the board plans thousands). */
function anchorsFor(releaseDate: IsoDate, zone: string): Anchors {
  const key = `${releaseDate}|${zone}`;
  let found = anchors.get(key);
  if (!found) {
    found = {
      midnight: dayStartMs(releaseDate, zone),
      day2: dayStartAfter(releaseDate, 2, zone),
      day7: dayStartAfter(releaseDate, 7, zone),
      day30: dayStartAfter(releaseDate, 30, zone),
    };
    if (anchors.size >= ANCHORS_LIMIT) anchors.clear();
    anchors.set(key, found);
  }
  return found;
}

function applies(def: MilestoneDefinition, input: TimelineInput): boolean {
  const path = pathForPrinter(input.printer);
  return (def.path === 'both' || def.path === path) && def.marketplaces.includes(input.marketplace);
}

/**
 * Hours are real elapsed hours and days are calendar days in the campaign zone, so a deadline
 * 48 hours before R0 lands at 23:00 or 01:00 local when daylight saving changes between, and
 * "R0 + 2 days" is the first instant of the date two days after release, whatever the clocks do.
 * Everything is plain millisecond arithmetic once R0 is known (memoised per date and zone), so
 * the board and the export can plan thousands of campaigns.
 */
export function planTimeline(input: TimelineInput): PlannedMilestone[] {
  const zone = input.timeZone;
  const start = (input.startedAt ?? input.now).getTime();
  const done = input.done ?? {};
  const { midnight, day2, day7, day30 } = anchorsFor(input.releaseDate, zone);
  const hours = (n: number): number => midnight + n * HOUR_MS;

  const submitted = done['aa-add-item']?.getTime() ?? start;
  const listingOpens = submitted + LISTING_EARLIEST_HOURS * HOUR_MS;

  const timing = (id: MilestoneId): Timing => {
    switch (id) {
      case 'aa-account':
      case 'aa-add-item':
      case 'aa-images':
      case 'aa-sales-copy':
      case 'ingram-preorder-setup':
        return asap(start, null);
      case 'kdp-files-ready':
        // Due before the publish window opens: publishing needs the print-ready file in place.
        return asap(start, hours(-48));
      case 'listing-live':
        return {
          kind: 'open-ended',
          opensAt: listingOpens,
          closesAt: null,
          expectedBy: submitted + LISTING_EXPECTED_HOURS * HOUR_MS,
          escalateAt: submitted + LISTING_ESCALATE_HOURS * HOUR_MS,
        };
      case 'confirm-pos':
        return {
          kind: 'daily',
          opensAt: done['listing-live']?.getTime() ?? listingOpens,
          closesAt: hours(-1),
          expectedBy: null,
          escalateAt: null,
        };
      case 'kdp-publish':
        return windowed(hours(-48), hours(-36));
      case 'zero-out-pos':
      case 'check-unconfirmed-pos':
        return windowed(hours(-3), hours(-1));
      case 'support-ticket':
        return windowed(hours(-3), hours(0));
      case 'release-day':
        return windowed(hours(0), hours(24));
      case 'orders-transfer':
        return windowed(day2, day7, true);
      case 'close-aa-account':
        return { kind: 'open-ended', opensAt: day30, closesAt: null, expectedBy: null, escalateAt: null };
    }
  };

  return MILESTONES.filter((def) => applies(def, input)).map((def) => {
    const t = timing(def.id);
    return {
      id: def.id,
      title: def.title,
      kind: t.kind,
      opensAt: new Date(t.opensAt),
      closesAt: toDate(t.closesAt),
      expectedBy: toDate(t.expectedBy),
      escalateAt: toDate(t.escalateAt),
      critical: def.critical,
      after: prerequisitesOf(def.id, input.marketplace),
    };
  });
}
