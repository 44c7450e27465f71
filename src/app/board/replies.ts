import { getMilestone } from '../../core/milestones.ts';
import type { MilestoneId } from '../../core/types.ts';
import {
  BOARD_FILTERS,
  BOARD_PHASES,
  PHASE_LABELS,
  type BoardFilter,
  type BoardNext,
} from '../../core/campaign-board.ts';
import { at, onDate, reply, type Reply, type ReplyAction, type RichText, type Segment } from '../reply.ts';
import type { BoardEntry, BoardPage, OrderTotals } from './page.ts';

/**
 * Ten campaigns a page keeps the worst case (a 200-character title, a long member name and zone,
 * every warning) inside a Discord embed's 6,000 characters and 25 fields, and a Slack message's
 * 50 blocks; a typical page is half that.
 */
export const BOARD_PAGE_SIZE = 10;

const FILTER_TITLES: Record<BoardFilter, string> = {
  active: 'Active campaigns',
  'releasing-this-week': 'Releasing in the next 7 days',
  overdue: 'Overdue campaigns',
  'at-risk': 'Campaigns at risk',
  undeliverable: 'Campaigns whose reminders do not get through',
  completed: 'Completed campaigns',
  cancelled: 'Cancelled campaigns',
};

const EMPTY: Record<BoardFilter, string> = {
  active: 'No active campaigns in this community yet. Members start one with /preorder start.',
  'releasing-this-week': 'No campaign has its release day in the next 7 days.',
  overdue: 'Nothing is overdue: every window that has closed was marked done or skipped.',
  'at-risk': 'No campaign is at risk: no step a critical window needs is still open within a week of that window.',
  undeliverable: 'Reminders reach everyone: no member has closed DMs and no reminder failed.',
  completed: 'No campaign has been completed yet.',
  cancelled: 'No campaign has been cancelled.',
};

/** Open-a-campaign buttons, one per line; a button label holds 80 characters. */
const LABEL_TITLE_CHARS = 40;

export const boardCommand = (filter: BoardFilter, page: number): string =>
  `/preorder-admin campaigns filter:${filter} page:${page}`;
export const campaignCommand = (campaignId: string): string => `/preorder-admin campaign campaign:${campaignId}`;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function whenText(next: BoardNext, zone: string): RichText {
  switch (next.state) {
    case 'overdue':
      return ['closed ', at(next.closesAt!, zone)];
    case 'upcoming':
      return [next.kind === 'open-ended' ? 'from ' : 'opens ', at(next.opensAt, zone)];
    case 'open':
      if (next.kind === 'asap') return ['as soon as possible'];
      if (next.closesAt) return ['until ', at(next.closesAt, zone)];
      if (next.expectedBy) return ['expected by ', at(next.expectedBy, zone)];
      return ['open since ', at(next.opensAt, zone)];
  }
}

function warnings(e: BoardEntry): string[] {
  const marks: string[] = [];
  const title = (id: MilestoneId) => getMilestone(id).title;
  if (e.flags.overdue) marks.push(`⚠ overdue: ${e.status.overdueSteps.map(title).join('; ')}`);
  if (e.flags.atRisk && e.status.atRiskStep) {
    marks.push(`⚠ at risk: ${title(e.status.atRiskStep)} soon, earlier steps open`);
  }
  if (e.flags.undeliverable) marks.push('✉ reminders not delivered');
  if (e.flags.paused) marks.push('⏸ reminders paused');
  return marks;
}

function entryLine(e: BoardEntry): RichText {
  const segments: Segment[] = ['release ', onDate(e.status.releaseAt, e.zone), ` · ${PHASE_LABELS[e.status.phase]}`];
  if (e.status.next) {
    segments.push(` · next: ${getMilestone(e.status.next.id).title}, `, ...whenText(e.status.next, e.zone));
  }
  const marks = warnings(e);
  if (marks.length > 0) segments.push(` · ${marks.join(' · ')}`);
  return segments;
}

function phaseLine(data: BoardPage): string {
  return `Phases: ${BOARD_PHASES.map((p) => `${PHASE_LABELS[p]} ${data.phaseCounts[p]}`).join(' · ')}`;
}

function attentionLine(data: BoardPage): string {
  const c = data.filterCounts;
  return `Needs attention: ${c.overdue} overdue · ${c['at-risk']} at risk · ${c.undeliverable} not reachable · ${data.paused} paused`;
}

function totalsLine(t: OrderTotals): string {
  if (t.logging === 0) return 'Logged pre-orders: none logged for these campaigns yet.';
  const which = t.logging === 1 ? '1 campaign' : `${t.logging} campaigns`;
  return `Logged pre-orders (latest reading of ${which}): ${t.orders} customer orders, ${t.pos} PO units.`;
}

function pagingActions(filter: BoardFilter, page: number, pages: number): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (page > 1) actions.push({ id: 'board-prev', label: 'Previous page', command: boardCommand(filter, page - 1) });
  if (page < pages) actions.push({ id: 'board-next', label: 'Next page', command: boardCommand(filter, page + 1) });
  return actions;
}

function emptyReply(data: BoardPage, filter: BoardFilter): Reply {
  const others = BOARD_FILTERS.filter((f) => f !== filter && data.filterCounts[f] > 0).slice(0, 3);
  const hint =
    others.length > 0
      ? `Try ${others.map((f) => `filter:${f} (${data.filterCounts[f]})`).join(' or ')}.`
      : 'The board is empty for now.';
  return reply({
    title: `${FILTER_TITLES[filter]} (0)`,
    lines: [phaseLine(data), EMPTY[filter], hint],
    actions: others.map((f) => ({ id: `board-${f}`, label: FILTER_TITLES[f], command: boardCommand(f, 1) })),
  });
}

/**
 * One page of the board: counts per phase and what needs attention across the community, logged
 * pre-orders for the filtered campaigns, then one field per campaign, most urgent first. A page
 * past the end shows the last one (a Next button pressed after campaigns ended lands somewhere useful).
 */
export function boardReply(data: BoardPage, requestedPage: number): Reply {
  const { filter, page, pages } = data;
  if (data.total === 0) return emptyReply(data, filter);
  const first = (page - 1) * BOARD_PAGE_SIZE;
  const shown = data.entries;
  const pageNote =
    page === requestedPage
      ? `Page ${page} of ${pages}, most urgent first.`
      : `There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`}; showing page ${page}, most urgent first.`;
  return reply({
    title: `${FILTER_TITLES[filter]} (${data.total})`,
    lines: [phaseLine(data), attentionLine(data), totalsLine(data.totals), pageNote],
    fields: shown.map((e, i) => ({ label: `${first + i + 1}. ${e.memberName} — ${e.title}`, value: entryLine(e) })),
    actions: [
      ...pagingActions(filter, page, pages),
      ...shown.map((e, i) => ({
        id: `board-open-${first + i + 1}`,
        label: `Open ${first + i + 1}. ${clip(e.title, LABEL_TITLE_CHARS)}`,
        command: campaignCommand(e.campaignId),
      })),
    ],
  });
}
