import { DateTime } from 'luxon';

/**
 * The short name people use for a zone's time at an instant: "EDT", "BST", "CEST". ICU (as Node
 * ships it) knows the North American names but writes most others as an offset ("GMT+1" for a
 * London summer), so the zones people most often name have theirs here, keyed by UTC offset in
 * minutes: a zone whose rules ever change to an offset not listed falls back to ICU's text, which
 * is never wrong, only less familiar.
 */
type OffsetNames = Readonly<Record<number, string>>;

const GMT_BST: OffsetNames = { 0: 'GMT', 60: 'BST' };
const GMT_IST: OffsetNames = { 0: 'GMT', 60: 'IST' };
const WET: OffsetNames = { 0: 'WET', 60: 'WEST' };
const CET: OffsetNames = { 60: 'CET', 120: 'CEST' };
const EET: OffsetNames = { 120: 'EET', 180: 'EEST' };
const AEST: OffsetNames = { 600: 'AEST', 660: 'AEDT' };
const ACST: OffsetNames = { 570: 'ACST', 630: 'ACDT' };
const NZST: OffsetNames = { 720: 'NZST', 780: 'NZDT' };
const NST: OffsetNames = { [-210]: 'NST', [-150]: 'NDT' };

const group = (names: OffsetNames, zones: readonly string[]) => zones.map((zone) => [zone, names] as const);

// prettier-ignore
const NAMES: ReadonlyMap<string, OffsetNames> = new Map([
  ...group(GMT_BST, ['Europe/London', 'Europe/Guernsey', 'Europe/Jersey', 'Europe/Isle_of_Man']),
  ...group(GMT_IST, ['Europe/Dublin']),
  ...group(WET, ['Europe/Lisbon', 'Atlantic/Madeira', 'Atlantic/Canary', 'Atlantic/Faroe']),
  ...group(CET, [
    'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Brussels',
    'Europe/Luxembourg', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Stockholm', 'Europe/Oslo',
    'Europe/Copenhagen', 'Europe/Prague', 'Europe/Warsaw', 'Europe/Budapest', 'Europe/Bratislava',
    'Europe/Ljubljana', 'Europe/Zagreb', 'Europe/Belgrade', 'Europe/Malta', 'Europe/Monaco',
  ]),
  ...group(EET, [
    'Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest', 'Europe/Sofia', 'Europe/Kyiv', 'Europe/Riga',
    'Europe/Tallinn', 'Europe/Vilnius',
  ]),
  ...group(AEST, ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Hobart', 'Australia/Brisbane']),
  ...group(ACST, ['Australia/Adelaide', 'Australia/Darwin', 'Australia/Broken_Hill']),
  ...group({ 480: 'AWST' }, ['Australia/Perth']),
  ...group(NZST, ['Pacific/Auckland']),
  ...group(NST, ['America/St_Johns']),
  ...group({ 330: 'IST' }, ['Asia/Kolkata']),
  ...group({ 540: 'JST' }, ['Asia/Tokyo']),
  ...group({ 540: 'KST' }, ['Asia/Seoul']),
  ...group({ 480: 'HKT' }, ['Asia/Hong_Kong']),
  ...group({ 480: 'SGT' }, ['Asia/Singapore']),
  ...group({ 120: 'SAST' }, ['Africa/Johannesburg']),
]);

/** ICU's short name is an abbreviation ("EDT", "UTC") rather than an offset ("GMT+1", "GMT-3:30"). */
const LETTERS = /^[A-Z]{2,5}$/;

/** The zone's short name at `instant`: a common abbreviation where there is one, else its UTC offset. */
export function zoneAbbreviation(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  const icu = local.toFormat('ZZZZ');
  if (LETTERS.test(icu)) return icu;
  return NAMES.get(zone)?.[local.offset] ?? icu;
}
