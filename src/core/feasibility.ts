import { addDays, dayStartMs, localDate } from './local-day.ts';
import type { IsoDate } from './types.ts';

/**
 * Can the Advantage listing reasonably be live before the KDP publish window opens? The article's
 * last step assumes it is: pressing Publish without a live listing leaves no pre-order to hand
 * over. A new listing is usually up within a day or two of adding the item (48 h is what the plan
 * expects), and the publish window opens 48 hours before release day begins.
 */

const HOUR_MS = 3_600_000;
const LISTING_EXPECTED_MS = 48 * HOUR_MS;
const PUBLISH_OPENS_MS = 48 * HOUR_MS;
const PUBLISH_CLOSES_MS = 36 * HOUR_MS;

export interface FeasibilityInput {
  releaseDate: IsoDate;
  timeZone: string;
  now: Date;
  /** the IngramSpark/LightningSource path has no Advantage listing to wait for */
  advantage: boolean;
  accountOpen: boolean;
  /** when the item was added in Advantage, if it was */
  itemAddedAt: Date | null;
  listingLive: boolean;
  published: boolean;
}

export type Feasibility =
  | { ok: true }
  | {
      ok: false;
      /** `listing`: it cannot be live in time; `window-passed`: the publish window for that date is already over */
      reason: 'listing' | 'window-passed';
      publishOpensAt: Date;
      /** when the listing can reasonably be expected (the `listing` case) */
      listingExpectedAt: Date | null;
      /** Amazon has not approved an account yet, and it reviews applications first */
      accountPending: boolean;
      /** the first release date that leaves room for every step still ahead */
      earliestDate: IsoDate;
    };

export function checkFeasibility(input: FeasibilityInput): Feasibility {
  if (!input.advantage || input.published) return { ok: true };
  const t = input.now.getTime();
  const publishOpens = (date: IsoDate) => dayStartMs(date, input.timeZone) - PUBLISH_OPENS_MS;
  const opens = publishOpens(input.releaseDate);
  const closes = opens + (PUBLISH_OPENS_MS - PUBLISH_CLOSES_MS);
  // What must be behind us when the window opens: the listing, and (if it is live) nothing else.
  const readyAt = input.listingLive ? t : (input.itemAddedAt?.getTime() ?? t) + LISTING_EXPECTED_MS;
  const readyBy = Math.max(readyAt, t);
  if (input.listingLive ? t < closes : readyBy <= opens) return { ok: true };
  let earliest = localDate(readyBy + PUBLISH_OPENS_MS, input.timeZone);
  while (publishOpens(earliest) < readyBy) earliest = addDays(earliest, 1);
  return {
    ok: false,
    reason: input.listingLive ? 'window-passed' : 'listing',
    publishOpensAt: new Date(opens),
    listingExpectedAt: input.listingLive ? null : new Date(readyBy),
    accountPending: !input.accountOpen,
    earliestDate: earliest,
  };
}
