import { DateTime } from 'luxon';
import type { IsoDate, Marketplace, Printer } from './types.ts';

/**
 * How the domain's values read in a sentence. The values themselves (`kdp`, `UK`, 2027-03-15)
 * stay what commands, files and the database use; only text for people goes through these.
 */

/** Printers by their proper names; CreateSpace merged into KDP, so a createspace campaign is a KDP one. */
export const PRINTER_NAMES: Readonly<Record<Printer, string>> = {
  kdp: 'KDP',
  createspace: 'KDP (formerly CreateSpace)',
  ingramspark: 'IngramSpark',
  lightningsource: 'Lightning Source',
};

/** "Amazon UK": the store a campaign's pre-order is on. */
export const MARKETPLACE_NAMES: Readonly<Record<Marketplace, string>> = {
  US: 'Amazon US',
  UK: 'Amazon UK',
};

/** The store's site, as members type it. */
export const MARKETPLACE_SITES: Readonly<Record<Marketplace, string>> = {
  US: 'amazon.com',
  UK: 'amazon.co.uk',
};

/** "Amazon UK (amazon.co.uk)": where a campaign is first described. */
export const marketplaceLabel = (marketplace: Marketplace): string =>
  `${MARKETPLACE_NAMES[marketplace]} (${MARKETPLACE_SITES[marketplace]})`;

/** A calendar date as people read it, "Mon 15 Mar 2027"; it needs no zone (it is a day, not an instant). */
export const calendarDate = (date: IsoDate): string =>
  DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('ccc d LLL yyyy');

/**
 * "Sam's", "James'" and, for the console's own member (who is called "you"), "your". A name
 * ending in s takes the apostrophe alone, which reads the same whether it is said with an extra s or not.
 */
export function possessive(name: string): string {
  if (name.toLowerCase() === 'you') return `${name.slice(0, 2)}ur`;
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** A fixed option's value as a choice reads in a menu ("IngramSpark" for `ingramspark`); other values as they are. */
export function choiceName(value: string): string {
  if (value === 'US' || value === 'UK') return marketplaceLabel(value);
  return (PRINTER_NAMES as Readonly<Record<string, string>>)[value] ?? value;
}
