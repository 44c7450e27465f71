import { DateTime } from 'luxon';
import { MILESTONES } from './milestones.ts';
import type { MilestoneDefinition } from './milestones.ts';
import { pathForPrinter } from './types.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from './types.ts';

export type MilestoneKind = 'asap' | 'window' | 'daily' | 'open-ended';

export interface PlannedMilestone {
  id: MilestoneId;
  title: string;
  kind: MilestoneKind;
  opensAt: Date;
  /** Exclusive end of the window; null when the step has no deadline. */
  closesAt: Date | null;
  /** When it normally has happened by (listing-live only). */
  expectedBy: Date | null;
  /** After this, something is probably wrong and the member should chase it. */
  escalateAt: Date | null;
  critical: boolean;
  /** The milestone that has to be finished first, if any. */
  after: MilestoneId | null;
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

/** Midnight at the start of release day in the campaign zone: every deadline hangs off it. */
export function r0(releaseDate: IsoDate, zone: string): Date {
  const start = DateTime.fromISO(releaseDate, { zone }).startOf('day');
  if (!start.isValid) {
    throw new RangeError(`Cannot place release date ${releaseDate} in zone ${zone}`);
  }
  return start.toJSDate();
}

const dayStarts = new Map<string, number>();
const DAY_STARTS_MAX = 50_000;

/** Epoch ms of the start of the calendar day `n` days after release day, in `zone` (memoised). */
function releaseDayStart(releaseDate: IsoDate, zone: string, n: number): number {
  const key = `${releaseDate}|${zone}|${n}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    ms = DateTime.fromJSDate(r0(releaseDate, zone), { zone }).plus({ days: n }).toMillis();
    if (dayStarts.size >= DAY_STARTS_MAX) dayStarts.clear();
    dayStarts.set(key, ms);
  }
  return ms;
}

/** The listing can appear as early as 3 hours after submission. */
const LISTING_EARLIEST_HOURS = 3;
const LISTING_EXPECTED_HOURS = 48;
const LISTING_ESCALATE_HOURS = 72;

type Timing = Pick<PlannedMilestone, 'kind' | 'opensAt' | 'closesAt' | 'expectedBy' | 'escalateAt'>;

const asap = (opensAt: Date): Timing => ({
  kind: 'asap',
  opensAt,
  closesAt: null,
  expectedBy: null,
  escalateAt: null,
});

const windowed = (opensAt: DateTime, closesAt: DateTime, escalate = false): Timing => ({
  kind: 'window',
  opensAt: opensAt.toJSDate(),
  closesAt: closesAt.toJSDate(),
  expectedBy: null,
  escalateAt: escalate ? closesAt.toJSDate() : null,
});

function applies(def: MilestoneDefinition, input: TimelineInput): boolean {
  const path = pathForPrinter(input.printer);
  return (def.path === 'both' || def.path === path) && def.marketplaces.includes(input.marketplace);
}

/** Documented ordering only; the PO step before the ticket differs by marketplace. */
function predecessor(id: MilestoneId, marketplace: Marketplace): MilestoneId | null {
  switch (id) {
    case 'aa-add-item':
      return 'aa-account';
    case 'aa-images':
    case 'aa-sales-copy':
    case 'listing-live':
      return 'aa-add-item';
    case 'confirm-pos':
      return 'listing-live';
    case 'support-ticket':
      return marketplace === 'US' ? 'zero-out-pos' : 'check-unconfirmed-pos';
    default:
      return null;
  }
}

/**
 * Hours are real elapsed hours and days are calendar days in the campaign zone, so a deadline
 * 48 hours before midnight lands at 23:00 or 01:00 local when daylight saving changes between.
 */
export function planTimeline(input: TimelineInput): PlannedMilestone[] {
  const zone = input.timeZone;
  const start = input.startedAt ?? input.now;
  const done = input.done ?? {};
  // Elapsed hours need no zone, so they are counted in UTC; only release day and the calendar
  // days after it need the zone, and those are memoised by release date and zone. Every zoned
  // luxon step looks the offset up through Intl (formatToParts), which made planning 10,000
  // campaigns (the export, the board) several times slower.
  const midnightMs = releaseDayStart(input.releaseDate, zone, 0);
  const hours = (n: number): DateTime => DateTime.fromMillis(midnightMs + n * 3_600_000, { zone: 'utc' });
  const days = (n: number): DateTime =>
    DateTime.fromMillis(releaseDayStart(input.releaseDate, zone, n), { zone: 'utc' });

  const submitted = DateTime.fromJSDate(done['aa-add-item'] ?? start, { zone: 'utc' });
  const listingOpens = submitted.plus({ hours: LISTING_EARLIEST_HOURS }).toJSDate();

  const timing = (id: MilestoneId): Timing => {
    switch (id) {
      case 'aa-account':
      case 'aa-add-item':
      case 'aa-images':
      case 'aa-sales-copy':
      case 'ingram-preorder-setup':
        return asap(start);
      case 'listing-live':
        return {
          kind: 'open-ended',
          opensAt: listingOpens,
          closesAt: null,
          expectedBy: submitted.plus({ hours: LISTING_EXPECTED_HOURS }).toJSDate(),
          escalateAt: submitted.plus({ hours: LISTING_ESCALATE_HOURS }).toJSDate(),
        };
      case 'confirm-pos':
        return {
          kind: 'daily',
          opensAt: done['listing-live'] ?? listingOpens,
          closesAt: hours(-1).toJSDate(),
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
        return windowed(days(2), days(7), true);
      case 'close-aa-account':
        return {
          kind: 'open-ended',
          opensAt: days(30).toJSDate(),
          closesAt: null,
          expectedBy: null,
          escalateAt: null,
        };
    }
  };

  return MILESTONES.filter((def) => applies(def, input)).map((def) => ({
    id: def.id,
    title: def.title,
    ...timing(def.id),
    critical: def.critical,
    after: predecessor(def.id, input.marketplace),
  }));
}
