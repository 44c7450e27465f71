import { fail, ok } from './errors.ts';
import type { Result } from './errors.ts';
import { editDistance } from './edit-distance.ts';

// Zones are always IANA names: an offset or an abbreviation cannot follow daylight-saving
// changes, and every deadline here is counted in hours around a local midnight.

// ICU (Node 20) still lists some zones under their pre-rename names; members expect the new ones.
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const DEN = 'America/Denver';
const LAX = 'America/Los_Angeles';
const LON = 'Europe/London';
const PAR = 'Europe/Paris';
const SYD = 'Australia/Sydney';
const KOL = 'Asia/Kolkata';

/** Everyday names (lower case, single spaces) for the zones members are most likely in. */
// prettier-ignore
const ALIASES: Record<string, string> = {
  london: LON, uk: LON, 'united kingdom': LON, britain: LON, 'great britain': LON,
  england: LON, scotland: LON, wales: LON, edinburgh: LON, glasgow: LON, manchester: LON,
  birmingham: LON, cardiff: LON, belfast: LON,
  'new york': NY, 'new york city': NY, nyc: NY, boston: NY, miami: NY, atlanta: NY,
  washington: NY, 'washington dc': NY, philadelphia: NY, toronto: 'America/Toronto',
  montreal: 'America/Toronto', chicago: CHI, houston: CHI, dallas: CHI, austin: CHI,
  denver: DEN, phoenix: 'America/Phoenix', arizona: 'America/Phoenix',
  'los angeles': LAX, la: LAX, 'san francisco': LAX, sf: LAX, seattle: LAX,
  vancouver: 'America/Vancouver', hawaii: 'Pacific/Honolulu', alaska: 'America/Anchorage',
  dublin: 'Europe/Dublin', ireland: 'Europe/Dublin', paris: PAR, france: PAR,
  berlin: 'Europe/Berlin', germany: 'Europe/Berlin', madrid: 'Europe/Madrid', spain: 'Europe/Madrid',
  rome: 'Europe/Rome', italy: 'Europe/Rome', amsterdam: 'Europe/Amsterdam',
  netherlands: 'Europe/Amsterdam', stockholm: 'Europe/Stockholm', sweden: 'Europe/Stockholm',
  sydney: SYD, melbourne: 'Australia/Melbourne', brisbane: 'Australia/Brisbane',
  perth: 'Australia/Perth', auckland: 'Pacific/Auckland', 'new zealand': 'Pacific/Auckland',
  tokyo: 'Asia/Tokyo', japan: 'Asia/Tokyo', singapore: 'Asia/Singapore',
  'hong kong': 'Asia/Hong_Kong', mumbai: KOL, india: KOL, delhi: KOL, 'new delhi': KOL,
  bangalore: KOL, bengaluru: KOL, johannesburg: 'Africa/Johannesburg',
  'cape town': 'Africa/Johannesburg', 'south africa': 'Africa/Johannesburg',
};

/** Countries that span several zones: ask which one rather than pick. */
// prettier-ignore
const MULTI_ZONE: Record<string, string[]> = {
  us: [NY, CHI, DEN, LAX], usa: [NY, CHI, DEN, LAX], 'united states': [NY, CHI, DEN, LAX],
  america: [NY, CHI, DEN, LAX], canada: ['America/Toronto', 'America/Winnipeg', 'America/Vancouver'],
  australia: [SYD, 'Australia/Brisbane', 'Australia/Perth'],
};

/** Abbreviations (and POSIX-style names) with the zone a member most likely means. */
// prettier-ignore
const ABBREVIATIONS: Record<string, string[]> = {
  est: [NY], edt: [NY], et: [NY], eastern: [NY], est5edt: [NY],
  cst: [CHI, 'Asia/Shanghai'], cdt: [CHI], ct: [CHI], central: [CHI], cst6cdt: [CHI],
  mst: [DEN, 'America/Phoenix'], mdt: [DEN], mt: [DEN], mountain: [DEN], mst7mdt: [DEN],
  pst: [LAX], pdt: [LAX], pt: [LAX], pacific: [LAX], pst8pdt: [LAX],
  akst: ['America/Anchorage'], akdt: ['America/Anchorage'], hst: ['Pacific/Honolulu'],
  gmt: [LON, 'UTC'], bst: [LON], wet: ['Europe/Lisbon'], west: ['Europe/Lisbon'],
  ist: [KOL, 'Europe/Dublin', 'Asia/Jerusalem'], cet: [PAR], cest: [PAR], met: [PAR],
  eet: ['Europe/Athens'], eest: ['Europe/Athens'], sast: ['Africa/Johannesburg'],
  jst: ['Asia/Tokyo'], sgt: ['Asia/Singapore'], hkt: ['Asia/Hong_Kong'],
  aest: [SYD, 'Australia/Brisbane'], aedt: [SYD], acst: ['Australia/Adelaide'],
  acdt: ['Australia/Adelaide'], awst: ['Australia/Perth'], nzst: ['Pacific/Auckland'],
  nzdt: ['Pacific/Auckland'],
};

/** A likely zone per offset in minutes, only where one is the obvious guess. */
// prettier-ignore
const OFFSET_GUESSES: Record<number, string> = {
  [-600]: 'Pacific/Honolulu', [-540]: 'America/Anchorage', [-480]: LAX, [-420]: DEN,
  [-360]: CHI, [-300]: NY, [-240]: 'America/Halifax', [-180]: 'America/Sao_Paulo',
  0: LON, 60: PAR, 120: 'Europe/Athens', 180: 'Europe/Moscow', 240: 'Asia/Dubai',
  300: 'Asia/Karachi', 330: KOL, 345: 'Asia/Kathmandu', 420: 'Asia/Bangkok',
  480: 'Asia/Singapore', 540: 'Asia/Tokyo', 600: SYD, 720: 'Pacific/Auckland',
};

// prettier-ignore
const POPULAR = [
  NY, CHI, DEN, 'America/Phoenix', LAX, 'America/Anchorage', 'Pacific/Honolulu', 'America/Toronto',
  'America/Vancouver', LON, 'Europe/Dublin', PAR, 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome',
  'Europe/Amsterdam', 'Europe/Stockholm', 'Africa/Johannesburg', KOL, 'Asia/Singapore',
  'Asia/Hong_Kong', 'Asia/Tokyo', 'Australia/Perth', 'Australia/Brisbane', SYD,
  'Australia/Melbourne', 'Pacific/Auckland', 'UTC',
];

const EXAMPLES = 'for example "London", "New York" or "Europe/Paris"';

const validity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  const cached = validity.get(zone);
  if (cached !== undefined) return cached;
  let valid = false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = zone.trim() !== '';
  } catch {
    valid = false;
  }
  validity.set(zone, valid);
  return valid;
}

const modernName = (zone: string): string => {
  const renamed = RENAMED[zone];
  return renamed && isValidTimeZone(renamed) ? renamed : zone;
};

interface Catalogue {
  zones: string[];
  /** lower-case full name (old and new spellings) → canonical name */
  byName: Map<string, string>;
  /** lower-case last segment → canonical name */
  bySegment: Map<string, string>;
}

let catalogue: Catalogue | undefined;

function getCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const byName = new Map<string, string>([
    ['utc', 'UTC'],
    ['etc/utc', 'UTC'],
  ]);
  const bySegment = new Map<string, string>();
  const zones = new Set<string>(['UTC']);
  for (const raw of Intl.supportedValuesOf('timeZone')) {
    const zone = modernName(raw);
    zones.add(zone);
    byName.set(raw.toLowerCase(), zone);
    byName.set(zone.toLowerCase(), zone);
    for (const name of [zone, raw]) {
      const segment = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
      if (!bySegment.has(segment)) bySegment.set(segment, zone);
    }
  }
  catalogue = { zones: [...zones].sort(), byName, bySegment };
  return catalogue;
}

/** Lower case, single spaces; callers swap spaces and underscores as each table needs. */
const normalise = (input: string): string => input.trim().toLowerCase().replace(/\s+/g, ' ');
const spaced = (s: string): string => s.replace(/_/g, ' ');
const underscored = (s: string): string => s.replace(/ /g, '_');

function parseOffsetMinutes(text: string): number | null {
  const etc = /^etc\/gmt([+-])(\d{1,2})$/.exec(text);
  // POSIX inverts the sign: Etc/GMT+5 is five hours behind UTC.
  if (etc) return (etc[1] === '+' ? -1 : 1) * Number(etc[2]) * 60;
  const m = /^(?:(?:utc|gmt)\s*)?([+\-\u2212])?\s*(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' || m[1] === '\u2212' ? -1 : 1;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 ? null : sign * minutes;
}

const formatOffset = (minutes: number): string => {
  const abs = Math.abs(minutes);
  const mins = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : '';
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${mins}`;
};

/** Up to three zones whose everyday name or city segment is a small typo away from the input. */
function closeZones(text: string): string[] {
  const query = spaced(text);
  const best = new Map<string, number>();
  const consider = (name: string, zone: string): void => {
    const distance = editDistance(query, name);
    if (distance <= Math.max(1, Math.floor(query.length / 3)) && distance < (best.get(zone) ?? 99)) {
      best.set(zone, distance);
    }
  };
  for (const [alias, zone] of Object.entries(ALIASES)) consider(alias, zone);
  for (const [segment, zone] of getCatalogue().bySegment) consider(spaced(segment), zone);
  for (const [name, zone] of getCatalogue().byName) consider(spaced(name), zone);
  return [...best.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([zone]) => zone);
}

export function resolveTimeZone(input: string, field = 'timezone'): Result<string> {
  const text = normalise(input);
  if (text === '') {
    return fail(field, 'required', `Please give a time zone, ${EXAMPLES}.`);
  }
  const offset = parseOffsetMinutes(text);
  if (offset !== null) {
    const guess = OFFSET_GUESSES[offset];
    const hint = guess ? ` For ${formatOffset(offset)} that could be ${guess}.` : '';
    return fail(
      field,
      'invalid',
      `"${input.trim()}" is a fixed UTC offset, and offsets go wrong when daylight saving starts ` +
        `or ends. Please give a city or an IANA zone name instead, ${EXAMPLES}.${hint}`,
      guess ? [guess] : undefined,
    );
  }
  const abbreviation = ABBREVIATIONS[text];
  if (abbreviation) {
    return fail(
      field,
      'invalid',
      `"${input.trim()}" is an abbreviation, which can mean different places and does not follow ` +
        `daylight saving reliably. Did you mean ${abbreviation.join(' or ')}? A city name works too.`,
      abbreviation,
    );
  }
  const multi = MULTI_ZONE[text];
  if (multi) {
    return fail(
      field,
      'ambiguous',
      `"${input.trim()}" covers several time zones. Which one: ${multi.join(', ')}? ` + `A city name works too.`,
      multi,
    );
  }
  const { byName, bySegment } = getCatalogue();
  const found = byName.get(underscored(text)) ?? ALIASES[spaced(text)] ?? bySegment.get(underscored(text));
  if (found) return ok(found);
  // Older link names (e.g. US/Eastern) are valid for ICU even though it does not list them.
  if (text.includes('/') && isValidTimeZone(text)) {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    const canonical = byName.get(resolved.toLowerCase());
    if (canonical) return ok(canonical);
  }
  const choices = closeZones(text);
  const suggestion = choices.length ? ` Did you mean ${choices.join(', ')}?` : '';
  return fail(
    field,
    'invalid',
    `I can't find a time zone called "${input.trim()}" for the ${field} option. Use a city or ` +
      `an IANA zone name, ${EXAMPLES}.${suggestion}`,
    choices.length ? choices : undefined,
  );
}

/** Candidate zones for autocomplete: exact hits first, then prefixes, then substrings. */
export function suggestTimeZones(query: string, limit = 25): string[] {
  if (limit <= 0) return [];
  const text = normalise(query);
  if (text === '') return POPULAR.slice(0, limit);
  const withSpaces = spaced(text);
  const withUnderscores = underscored(text);
  const score = new Map<string, number>();
  const offer = (zone: string, rank: number): void => {
    if (rank < (score.get(zone) ?? 99)) score.set(zone, rank);
  };
  for (const [alias, zone] of Object.entries(ALIASES)) {
    if (alias === withSpaces) offer(zone, 0);
    else if (alias.startsWith(withSpaces)) offer(zone, 2);
    else if (alias.includes(withSpaces)) offer(zone, 4);
  }
  for (const zone of getCatalogue().zones) {
    const name = zone.toLowerCase();
    const segment = name.slice(name.lastIndexOf('/') + 1);
    if (name === withUnderscores || segment === withUnderscores) offer(zone, 0);
    else if (segment.startsWith(withUnderscores) || name.startsWith(withUnderscores)) offer(zone, 1);
    else if (name.includes(withUnderscores)) offer(zone, 3);
  }
  const popularity = (zone: string): number => {
    const index = POPULAR.indexOf(zone);
    return index === -1 ? POPULAR.length : index;
  };
  return [...score.entries()]
    .sort((a, b) => a[1] - b[1] || popularity(a[0]) - popularity(b[0]) || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([zone]) => zone);
}
