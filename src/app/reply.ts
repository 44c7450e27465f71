import { DateTime } from 'luxon';
import { zoneAbbreviation } from '../core/zone-abbreviation.ts';

/**
 * The neutral reply every service returns. It holds plain text only (no markdown): adapters
 * add formatting from the structure and escape every string, so a member's title can never
 * format or ping. Instants stay instants, so each platform can show them natively.
 */
export type Segment =
  | string
  | { instant: Date; zone: string; style: 'datetime' | 'date' }
  | { url: string; label: string }
  /** a channel by platform id: shown as a native channel link (never a ping) */
  | { channel: string };

export type RichText = readonly Segment[];

export type ReplyTone = 'info' | 'success' | 'warning' | 'error' | 'question';

export interface ReplyField {
  label: string;
  value: RichText;
}

export interface ReplyAction {
  /** Stable id adapters turn into buttons later; the console shows the command instead. */
  id: string;
  label: string;
  command: string;
  /**
   * A small form the button opens (a Discord modal, a Slack view). On submit the adapter appends
   * each field as `name:"value"` to `command` and runs it as a button press.
   */
  form?: ActionForm;
}

export interface ActionForm {
  title: string;
  fields: readonly ActionFormField[];
}

export interface ActionFormField {
  name: string;
  label: string;
  placeholder?: string;
  required: boolean;
  value?: string;
}

/** A form field as it comes back from a platform, which is untrusted JSON: does it have the shape? */
export function isFormField(value: unknown): value is ActionFormField {
  if (typeof value !== 'object' || value === null) return false;
  const field = value as Record<string, unknown>;
  return typeof field.name === 'string' && typeof field.label === 'string' && typeof field.required === 'boolean';
}

/**
 * A file a reply carries: a CSV export, a calendar, a chart. Services write it to the outbox and
 * name its path; each adapter sends it natively (an attachment, a Slack upload, a path printed
 * in the console).
 */
export interface ReplyFile {
  name: string;
  path: string;
  contentType: string;
  /** what it shows, for alt text and for readers that cannot open it */
  description: string;
}

export interface Reply {
  tone: ReplyTone;
  title: string;
  lines: RichText[];
  fields: ReplyField[];
  actions: ReplyAction[];
  files: ReplyFile[];
  /** Personal answers are shown only to the member who asked. */
  visibility: 'private' | 'public';
  /** The whole reply as plain text: the console's rendering and every platform's fallback. */
  fallback: string;
  /** Set on a refusal: which field was wrong, so a form can show the message under that input. */
  problem?: { field: string; code: string; message: string };
}

export type ReplyInit = Partial<Omit<Reply, 'title' | 'lines' | 'fallback'>> & {
  title: string;
  lines?: (RichText | string)[];
};

export function reply(init: ReplyInit): Reply {
  const body = {
    tone: init.tone ?? 'info',
    title: init.title,
    lines: (init.lines ?? []).map((line) => (typeof line === 'string' ? [line] : line)),
    fields: init.fields ?? [],
    actions: init.actions ?? [],
    files: init.files ?? [],
    visibility: init.visibility ?? 'private',
  } satisfies Omit<Reply, 'fallback'>;
  return { ...body, fallback: renderPlainText(body), ...(init.problem ? { problem: init.problem } : {}) };
}

export const at = (instant: Date, zone: string): Segment => ({ instant, zone, style: 'datetime' });
export const onDate = (instant: Date, zone: string): Segment => ({ instant, zone, style: 'date' });
export const link = (url: string, label: string): Segment => ({ url, label });

/**
 * An instant as people read it in `zone`: "Mon 15 Mar 2027, 00:00 EDT" ("BST" in a London
 * summer, where ICU would say GMT+1), or "Mon 15 Mar 2027" for a date. The zone's name is left
 * to the caller, so a reply can name it once.
 */
const localTimes = new Map<string, string>();
const LOCAL_TIMES_LIMIT = 20_000;

/**
 * An instant as people read it in `zone`. Memoised: a plan's replies show the same few dozen
 * instants again and again, and luxon's formatting was most of the cost of writing one (issue 17).
 */
export function localTime(instant: Date, zone: string, style: 'datetime' | 'date' = 'datetime'): string {
  const key = `${instant.getTime()}|${zone}|${style}`;
  const cached = localTimes.get(key);
  if (cached !== undefined) return cached;
  const local = DateTime.fromJSDate(instant, { zone });
  const text =
    style === 'date'
      ? local.toFormat('ccc d LLL yyyy')
      : `${local.toFormat('ccc d LLL yyyy, HH:mm')} ${zoneAbbreviation(instant, zone)}`;
  if (localTimes.size >= LOCAL_TIMES_LIMIT) localTimes.clear();
  localTimes.set(key, text);
  return text;
}

/** An instant on its own, with its zone's name: "Mon 15 Mar 2027, 00:00 EDT (America/New_York)". */
export function formatInstant(instant: Date, zone: string, style: 'datetime' | 'date' = 'datetime'): string {
  const shown = localTime(instant, zone, style);
  // "20:24 UTC" says it all; "20:24 UTC (UTC)" would say it twice.
  return shown.endsWith(` ${zone}`) ? shown : `${shown} (${zone})`;
}

export function segmentText(segment: Segment): string {
  if (typeof segment === 'string') return segment;
  if ('instant' in segment) return formatInstant(segment.instant, segment.zone, segment.style);
  if ('channel' in segment) return `#${segment.channel}`;
  return segment.label === segment.url ? segment.url : `${segment.label} <${segment.url}>`;
}

/** Says whether a zone is named at this instant: true the first time it is asked for a zone. */
export type ZoneNamer = (zone: string) => boolean;

/**
 * Where a reply names its zones, for every renderer alike: where every instant is in one zone (a
 * campaign's reply), once, at the first; where zones differ (the board, the digest), once in each
 * line. Call `line()` at the start of each line or field.
 */
export function zoneNaming(reply: Pick<Reply, 'lines' | 'fields'>): { line(): ZoneNamer } {
  const zones = new Set(
    [...reply.lines, ...reply.fields.map((f) => f.value)].flatMap((t) =>
      t.flatMap((s) => (typeof s === 'object' && 'instant' in s ? [s.zone] : [])),
    ),
  );
  const shared = new Set<string>();
  const namer =
    (named: Set<string>): ZoneNamer =>
    (zone) => {
      if (named.has(zone)) return false;
      named.add(zone);
      return true;
    };
  return { line: () => namer(zones.size === 1 ? shared : new Set()) };
}

/** Text with each zone named where `nameZone` says. */
function namedOnce(text: RichText, nameZone: ZoneNamer): string {
  return text
    .map((segment) => {
      if (typeof segment !== 'object' || !('instant' in segment)) return segmentText(segment);
      return nameZone(segment.zone)
        ? formatInstant(segment.instant, segment.zone, segment.style)
        : localTime(segment.instant, segment.zone, segment.style);
    })
    .join('');
}

/** A line as plain text: "… Thu 1 Apr 2027, 00:00 BST (Europe/London) until Fri 2 Apr 2027, 00:00 BST". */
export const richText = (text: RichText): string => namedOnce(text, zoneNaming({ lines: [text], fields: [] }).line());

const TONE_MARK: Record<Reply['tone'], string> = {
  info: '',
  success: '✓ ',
  warning: '! ',
  error: '✗ ',
  question: '? ',
};

/** The plain-text form of a reply: the console's whole rendering and every platform's fallback. */
export function renderPlainText(reply: Omit<Reply, 'fallback'>): string {
  const naming = zoneNaming(reply);
  const out: string[] = [`${TONE_MARK[reply.tone]}${reply.title}`];
  for (const line of reply.lines) out.push(namedOnce(line, naming.line()));
  for (const field of reply.fields) out.push(`• ${field.label}: ${namedOnce(field.value, naming.line())}`);
  if (reply.actions.length > 0) {
    out.push(`Actions: ${reply.actions.map((a) => `${a.label} (${a.command})`).join(' · ')}`);
  }
  for (const file of reply.files) out.push(`📎 ${file.name}: ${file.description}`);
  return out.join('\n');
}
