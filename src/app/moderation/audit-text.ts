import { getMilestone, isMilestoneId } from '../../core/milestones.ts';
import { calendarDate, MARKETPLACE_NAMES, PRINTER_NAMES } from '../../core/names.ts';
import { MARKETPLACES, PRINTERS, type Marketplace, type Printer } from '../../core/types.ts';
import type { AuditRecord } from '../ports.ts';
import { at, type RichText } from '../reply.ts';
import { FORMER_MEMBER, FORMER_MODERATOR } from './ports.ts';

/** Audit actions as a moderator reads them; an action not listed here is shown by its id. */
const ACTION_TEXT: Record<string, string> = {
  'campaign.started': 'started the campaign',
  'campaign.edited': 'edited the campaign',
  'campaign.cancelled': 'cancelled the campaign',
  'campaign.completed': 'completed the campaign',
  'campaign.reopened': 'reopened the campaign',
  'campaign.restored': 'restored the campaign after cancelling it',
  'milestone.done': 'marked done',
  'milestone.skipped': 'skipped',
  'milestone.undone': 'reopened a step',
  'pos.confirmed': "confirmed the day's purchase orders",
  'pos.unconfirmed': "took back the day's PO confirmation",
  'orders.logged': 'logged orders',
  'orders.corrected': 'corrected an order log',
  'moderator.paused': 'paused reminders (moderator)',
  'moderator.resumed': 'resumed reminders (moderator)',
  'moderator.shifted': 'shifted the release date (moderator)',
  'moderator.cancelled': 'cancelled the campaign (moderator)',
  'moderator.nudged': 'sent a nudge (moderator)',
};

/** Detail keys as labels; a key not listed reads as words ("someKey" → "Some key"). */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  isbn: 'ISBN',
  marketplace: 'Marketplace',
  printer: 'Printer',
  timeZone: 'Time zone',
  releaseDate: 'Release date',
  release: 'Release date',
  day: 'Day',
  orders: 'Customer orders',
  pos: 'PO units',
  note: 'Note',
};

/** Details whose value says it all: the step a mark is about, what a line was before, a redaction. */
const UNLABELLED = new Set(['milestone', 'was', 'redacted']);

const DATE_KEYS = new Set(['releaseDate', 'release', 'day']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return FIELD_LABELS[key] ?? `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => valueText(key, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return typeof value;
  if (DATE_KEYS.has(key) && ISO_DATE.test(value)) return calendarDate(value);
  if (key === 'marketplace' && (MARKETPLACES as readonly string[]).includes(value)) {
    return MARKETPLACE_NAMES[value as Marketplace];
  }
  if (key === 'printer' && (PRINTERS as readonly string[]).includes(value)) return PRINTER_NAMES[value as Printer];
  if (key === 'title') return `"${value}"`;
  return value;
}

function unlabelledText(key: string, value: unknown): string {
  if (key === 'milestone' && typeof value === 'string' && isMilestoneId(value)) {
    return `${getMilestone(value).title} (${value})`;
  }
  if (key === 'was' && value && typeof value === 'object' && 'orders' in value && 'pos' in value) {
    return `was ${String(value.orders)} customer orders, ${String(value.pos)} PO units`;
  }
  return key === 'was' ? `was ${valueText(key, value)}` : valueText(key, value);
}

const isChange = (value: unknown): value is { from: unknown; to: unknown } =>
  value !== null && typeof value === 'object' && 'from' in value && 'to' in value;

/** "Release date Mon 15 Mar 2027 → Thu 1 Apr 2027; Note: back soon": an audit line's details, labelled. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      if (isChange(value)) return `${labelOf(key)} ${valueText(key, value.from)} → ${valueText(key, value.to)}`;
      if (UNLABELLED.has(key)) return unlabelledText(key, value);
      return `${labelOf(key)}: ${valueText(key, value)}`;
    })
    .join('; ');
}

/** Who did it: "you" for the reader, else the name they go by here; never a platform id. */
export function actorText(actorId: string, names: ReadonlyMap<string, string>, viewerId: string): string {
  if (actorId === viewerId) return 'you';
  const name = names.get(actorId);
  if (name) return name;
  if (actorId === FORMER_MODERATOR || actorId === FORMER_MEMBER) return actorId;
  return actorId === 'unknown' ? 'someone' : 'someone no longer here';
}

/** One line of a campaign's audit trail: when (in the campaign's zone), who, what, and the details. */
export function auditLine(
  entry: AuditRecord,
  names: ReadonlyMap<string, string>,
  viewerId: string,
  zone: string,
): RichText {
  const who = actorText(entry.actorId, names, viewerId);
  const what = ACTION_TEXT[entry.action] ?? entry.action;
  const details = detailsText(entry.details);
  return ['• ', at(entry.at, zone), ` — ${who}: ${what}${details ? ` · ${details}` : ''}`];
}
