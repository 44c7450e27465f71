import { MILESTONES } from '../../core/milestones.ts';
import type { MilestoneId } from '../../core/types.ts';
import { milestoneViews, type MilestoneState } from '../campaigns/plan-view.ts';
import { hyphenatedIsbn10, hyphenatedIsbn13 } from './isbn-text.ts';
import { orderTotals } from './order-totals.ts';
import type { ExportCampaign } from './ports.ts';

/**
 * The columns of `/preorder-admin export`, one row per campaign:
 * - campaign_id: the campaign's uuid (what buttons and the database use)
 * - member: the owner's display name as last seen
 * - title, isbn13, isbn10 (blank for 979 ISBNs; both hyphenated, so spreadsheets keep them as text), marketplace (US/UK), printer, time_zone (IANA)
 * - release_date: the calendar date of release day in time_zone (YYYY-MM-DD, not an instant)
 * - state: active, completed or cancelled
 * - reminders_paused: true while a moderator has paused the campaign's reminders, else false
 * - created_at: when the campaign was started (ISO-8601 UTC)
 * - orders_total, pos_total: the customer orders and PO units of the member's newest order log
 *   (Advantage's running totals, see orderTotals); blank when nothing was logged
 * - then, for every milestone in catalogue order, `<id>`: done, skipped, open, overdue, upcoming,
 *   or n/a when the step is not part of this campaign's path and marketplace, and
 *   `<id>_marked_at`: when it was marked done or skipped (ISO-8601 UTC), blank otherwise.
 * Statuses are as of the moment of export, as /preorder status would show them.
 */
export const CSV_COLUMNS: readonly string[] = [
  'campaign_id',
  'member',
  'title',
  'isbn13',
  'isbn10',
  'marketplace',
  'printer',
  'time_zone',
  'release_date',
  'state',
  'reminders_paused',
  'created_at',
  'orders_total',
  'pos_total',
  ...MILESTONES.flatMap((m) => [m.id, `${m.id}_marked_at`]),
];

export type CsvCell = string | number;
export type MilestoneCell = MilestoneState | 'n/a';

// Spreadsheets run a cell starting with one of these as a formula (the full-width forms too, in
// some locales); tab and carriage return can smuggle one past a naive check.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A leading apostrophe makes spreadsheets show the text as typed instead of evaluating it. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const iso = (instant: Date | null | undefined): string => (instant ? instant.toISOString() : '');

export function campaignCsvRow(campaign: ExportCampaign, now: Date): CsvCell[] {
  const states = new Map<MilestoneId, MilestoneCell>(
    milestoneViews(campaign, now).map((v) => [v.milestone.id, v.state]),
  );
  const marked = new Map(campaign.progress.map((p) => [p.milestoneId, p.markedAt]));
  const totals = orderTotals(campaign.orderLogs);
  const cells: CsvCell[] = [
    campaign.id,
    campaign.memberName,
    campaign.title,
    hyphenatedIsbn13(campaign.isbn.isbn13),
    campaign.isbn.isbn10 ? hyphenatedIsbn10(campaign.isbn.isbn10) : '',
    campaign.marketplace,
    campaign.printer,
    campaign.timeZone,
    campaign.releaseDate,
    campaign.state,
    campaign.remindersPausedAt ? 'true' : 'false',
    iso(campaign.createdAt),
    totals.orders ?? '',
    totals.pos ?? '',
    // A mark left on a step that no longer applies (the marketplace changed) keeps its time.
    ...MILESTONES.flatMap((m) => [states.get(m.id) ?? 'n/a', iso(marked.get(m.id))]),
  ];
  return cells.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell));
}
