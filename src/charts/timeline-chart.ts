import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { DateTime } from 'luxon';
import type { PlannedMilestone } from '../core/timeline.ts';
import { zoneAbbreviation } from '../core/zone-abbreviation.ts';
import type { MilestoneState, MilestoneView } from '../app/campaigns/plan-view.ts';
import { chartFont } from './fonts.ts';
import { ellipsize } from './text.ts';
import { chartZone, timeTicks } from './time-axis.ts';

export type TimelineMilestone = Pick<
  PlannedMilestone,
  'id' | 'title' | 'opensAt' | 'closesAt' | 'kind' | 'critical'
> & {
  state: MilestoneState;
};

export interface TimelineChartInput {
  /** the campaign's title: member text, drawn as text only; empty leaves it out of the heading */
  title: string;
  zone: string;
  now: Date;
  milestones: readonly TimelineMilestone[];
}

export const STATE_COLOURS: Record<MilestoneState, string> = {
  done: '#2e7d32',
  skipped: '#9e9e9e',
  open: '#1e88e5',
  overdue: '#d32f2f',
  upcoming: '#8e7cc3',
  waiting: '#b0bec5',
  closed: '#80cbc4',
};

export const NOW_COLOUR = '#f57c00';
const CRITICAL_COLOUR = '#212121';
const INK = '#263238';
const MUTED = '#607d8b';
const GRID = '#e3e7ea';
const STRIPE = '#f5f7f9';

const STATE_NAMES: Record<MilestoneState, string> = {
  done: 'done',
  skipped: 'skipped',
  open: 'open now',
  overdue: 'overdue',
  upcoming: 'upcoming',
  waiting: 'waiting',
  closed: 'ended',
};

const WIDTH = 1100;
const MARGIN = 24;
const LABEL_WIDTH = 330;
const HEADER_HEIGHT = 92;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 16;
const MIN_BAR = 6;
const FOOTER_HEIGHT = 96;

export interface TimelineLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** x of an instant on the date axis */
  xOf(instant: Date): number;
  /** y of the middle of row `index` */
  rowCentre(index: number): number;
  domain: { start: Date; end: Date };
}

/**
 * The chart's geometry, apart from drawing so tests can find where the now line and each bar
 * must be. The axis spans every step and now, with room on the right for open-ended steps and
 * the window labels.
 */
export function timelineLayout(input: TimelineChartInput): TimelineLayout {
  const rows = Math.max(input.milestones.length, 2);
  const top = HEADER_HEIGHT;
  const bottom = top + rows * ROW_HEIGHT;
  const left = MARGIN + LABEL_WIDTH;
  const right = WIDTH - MARGIN;
  const instants = [input.now.getTime()];
  for (const m of input.milestones) {
    instants.push(m.opensAt.getTime());
    if (m.closesAt) instants.push(m.closesAt.getTime());
  }
  const min = Math.min(...instants);
  const max = Math.max(...instants);
  const span = Math.max(max - min, 2 * 86_400_000);
  const start = min - span * 0.03;
  const end = max + span * 0.12;
  const xOf = (instant: Date) => left + ((instant.getTime() - start) / (end - start)) * (right - left);
  return {
    width: WIDTH,
    height: bottom + FOOTER_HEIGHT,
    plot: { left, right, top, bottom },
    xOf,
    rowCentre: (index) => top + index * ROW_HEIGHT + ROW_HEIGHT / 2,
    domain: { start: new Date(start), end: new Date(end) },
  };
}

/** The campaign's plan as a chart input (the views the status reply already computed). */
export function timelineInput(
  title: string,
  zone: string,
  views: readonly MilestoneView[],
  now: Date,
): TimelineChartInput {
  return {
    title,
    zone,
    now,
    milestones: views.map(({ milestone: m, state }) => ({
      id: m.id,
      title: m.title,
      opensAt: m.opensAt,
      closesAt: m.closesAt,
      kind: m.kind,
      critical: m.critical,
      state,
    })),
  };
}

/** A PNG of the plan: one row per step, windows as bars on a date axis in the campaign zone. */
export async function renderTimelineChart(input: TimelineChartInput): Promise<Buffer> {
  const zone = chartZone(input.zone);
  const layout = timelineLayout(input);
  const canvas = createCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);

  drawHeader(ctx, input, zone);
  // Back to front: stripes, grid, the now line, then the steps, so no mark is hidden behind the line.
  input.milestones.forEach((_, i) => drawStripe(ctx, layout, i));
  drawGrid(ctx, layout, zone);
  drawNow(ctx, layout, input.now, zone);
  input.milestones.forEach((m, i) => drawRow(ctx, layout, m, i, zone));
  if (input.milestones.length === 0) {
    ctx.fillStyle = MUTED;
    ctx.font = chartFont(14);
    ctx.textAlign = 'left';
    ctx.fillText('No steps to show.', MARGIN, layout.rowCentre(0) + 5);
  }
  drawLegend(ctx, layout.plot.bottom + 58);
  // Encoded on libuv's thread pool: a synchronous encode held the event loop ~40 ms per chart.
  return canvas.encode('png');
}

function drawHeader(ctx: SKRSContext2D, input: TimelineChartInput, zone: string): void {
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  ctx.font = chartFont(20, 'bold');
  const heading = input.title === '' ? 'Pre-order timeline' : `Pre-order timeline: ${input.title}`;
  ctx.fillText(ellipsize(ctx, heading, WIDTH - 2 * MARGIN), MARGIN, 34);
  const count = (s: MilestoneState) => input.milestones.filter((m) => m.state === s).length;
  const summary = [
    `${input.milestones.length} steps`,
    `${count('done')} done`,
    `${count('skipped')} skipped`,
    `${count('overdue')} overdue`,
  ].join(' · ');
  ctx.font = chartFont(13);
  ctx.fillStyle = MUTED;
  ctx.fillText(
    `${summary} · now ${local(input.now, zone, 'ccc d LLL yyyy, HH:mm')} ${zoneAbbreviation(input.now, zone)}`,
    MARGIN,
    58,
  );
}

function drawGrid(ctx: SKRSContext2D, layout: TimelineLayout, zone: string): void {
  const { plot } = layout;
  const ticks = timeTicks(layout.domain.start, layout.domain.end, zone, Math.floor((plot.right - plot.left) / 75));
  ctx.font = chartFont(12);
  ctx.textAlign = 'center';
  for (const tick of ticks) {
    const x = Math.round(layout.xOf(tick.at)) + 0.5;
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, plot.top);
    ctx.lineTo(x, plot.bottom + 4);
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.fillText(tick.label, x, plot.bottom + 20);
  }
  ctx.strokeStyle = MUTED;
  ctx.beginPath();
  ctx.moveTo(plot.left, plot.bottom + 0.5);
  ctx.lineTo(plot.right, plot.bottom + 0.5);
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.fillStyle = MUTED;
  ctx.fillText(`Dates and times in ${zone}`, plot.left, plot.bottom + 40);
}

function drawStripe(ctx: SKRSContext2D, layout: TimelineLayout, index: number): void {
  if (index % 2 === 0) return;
  ctx.fillStyle = STRIPE;
  ctx.fillRect(MARGIN, layout.rowCentre(index) - ROW_HEIGHT / 2, layout.plot.right - MARGIN, ROW_HEIGHT);
}

function drawRow(ctx: SKRSContext2D, layout: TimelineLayout, m: TimelineMilestone, index: number, zone: string): void {
  const { plot } = layout;
  const cy = layout.rowCentre(index);
  const colour = STATE_COLOURS[m.state];

  // Label column: state swatch, critical mark, then the title cut to fit.
  ctx.fillStyle = colour;
  ctx.fillRect(MARGIN, cy - 5, 10, 10);
  let textX = MARGIN + 16;
  if (m.critical) {
    diamond(ctx, textX + 5, cy, 5, CRITICAL_COLOUR);
    textX += 14;
  }
  ctx.font = chartFont(13, m.critical ? 'bold' : 'normal');
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.fillText(ellipsize(ctx, m.title, plot.left - textX - 10), textX, cy + 4.5);

  const x1 = layout.xOf(m.opensAt);
  let barLeft = x1;
  let barRight: number;
  if (m.closesAt && (m.kind === 'window' || m.kind === 'daily')) {
    const x2 = layout.xOf(m.closesAt);
    barRight = x2;
    if (x2 - x1 < MIN_BAR) {
      // A three-hour window is under a pixel on a months-long axis: keep it visible, centred on its time.
      barLeft = (x1 + x2) / 2 - MIN_BAR / 2;
      barRight = barLeft + MIN_BAR;
    }
    // Daily steps are thinner: a stretch of small daily checks, not one window to act in.
    const h = m.kind === 'daily' ? BAR_HEIGHT / 2 : BAR_HEIGHT;
    ctx.fillStyle = colour;
    ctx.fillRect(barLeft, cy - h / 2, barRight - barLeft, h);
    if (m.critical) {
      ctx.strokeStyle = CRITICAL_COLOUR;
      ctx.lineWidth = 2;
      ctx.strokeRect(barLeft - 1, cy - h / 2 - 1, barRight - barLeft + 2, h + 2);
    }
  } else if (m.kind === 'open-ended' || m.kind === 'asap' || m.closesAt === null) {
    // An asap step with a deadline (the print files) trails a line to it; one without is a dot.
    const to = m.kind === 'open-ended' ? plot.right - 2 : m.closesAt ? layout.xOf(m.closesAt) : x1;
    barRight = drawOpenEnded(ctx, x1, cy, colour, to);
  } else {
    barRight = x1;
  }
  drawWindowNote(ctx, layout, m, zone, barLeft, barRight, cy);
}

/** A point where the step opens; open-ended steps trail an arrow to the edge (no deadline). */
function drawOpenEnded(ctx: SKRSContext2D, x: number, cy: number, colour: string, arrowTo: number): number {
  if (arrowTo - x > 16) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(arrowTo - 6, cy);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.moveTo(arrowTo, cy);
    ctx.lineTo(arrowTo - 8, cy - 5);
    ctx.lineTo(arrowTo - 8, cy + 5);
    ctx.closePath();
    ctx.fill();
  }
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, cy, 6, 0, Math.PI * 2);
  ctx.fill();
  return Math.max(x + 6, arrowTo);
}

/** The window in words beside its bar, since short windows are only a few pixels wide. */
function drawWindowNote(
  ctx: SKRSContext2D,
  layout: TimelineLayout,
  m: TimelineMilestone,
  zone: string,
  barLeft: number,
  barRight: number,
  cy: number,
): void {
  const note = windowNote(m, zone);
  ctx.font = chartFont(11);
  ctx.fillStyle = MUTED;
  const width = ctx.measureText(note).width;
  if (barRight + 8 + width <= layout.plot.right) {
    ctx.textAlign = 'left';
    ctx.fillText(note, barRight + 8, cy + 4);
  } else if (barLeft - 8 - width >= layout.plot.left) {
    ctx.textAlign = 'right';
    ctx.fillText(note, barLeft - 8, cy + 4);
  }
}

function windowNote(m: TimelineMilestone, zone: string): string {
  if (m.kind === 'asap') return m.closesAt ? `by ${local(m.closesAt, zone, 'd LLL HH:mm')}` : 'as soon as possible';
  if (m.kind === 'open-ended' || !m.closesAt) return `from ${local(m.opensAt, zone, 'd LLL HH:mm')}`;
  if (m.kind === 'daily') return `daily until ${local(m.closesAt, zone, 'd LLL HH:mm')}`;
  const from = DateTime.fromJSDate(m.opensAt, { zone });
  const to = DateTime.fromJSDate(m.closesAt, { zone });
  return from.hasSame(to, 'day')
    ? `${from.toFormat('d LLL HH:mm')}–${to.toFormat('HH:mm')}`
    : `${from.toFormat('d LLL HH:mm')} – ${to.toFormat('d LLL HH:mm')}`;
}

function drawNow(ctx: SKRSContext2D, layout: TimelineLayout, now: Date, zone: string): void {
  const { plot } = layout;
  const x = Math.round(layout.xOf(now));
  ctx.fillStyle = NOW_COLOUR;
  // Three whole pixels centred on x, so the line is crisp and sits exactly where the layout says.
  ctx.fillRect(x - 1, plot.top - 14, 3, plot.bottom - plot.top + 14);
  ctx.font = chartFont(12, 'bold');
  const label = `now ${local(now, zone, 'd LLL HH:mm')}`;
  const width = ctx.measureText(label).width;
  ctx.textAlign = x + 6 + width <= plot.right ? 'left' : 'right';
  ctx.fillText(label, ctx.textAlign === 'left' ? x + 6 : x - 6, plot.top - 4);
}

function drawLegend(ctx: SKRSContext2D, y: number): void {
  ctx.font = chartFont(12);
  ctx.textAlign = 'left';
  let x = MARGIN;
  for (const state of Object.keys(STATE_COLOURS) as MilestoneState[]) {
    ctx.fillStyle = STATE_COLOURS[state];
    ctx.fillRect(x, y - 10, 14, 12);
    ctx.fillStyle = INK;
    ctx.fillText(STATE_NAMES[state], x + 20, y);
    x += 28 + ctx.measureText(STATE_NAMES[state]).width;
  }
  diamond(ctx, x + 6, y - 4, 6, CRITICAL_COLOUR);
  ctx.fillStyle = INK;
  ctx.fillText('critical step (outlined)', x + 18, y);
  x += 34 + ctx.measureText('critical step (outlined)').width;
  ctx.fillStyle = NOW_COLOUR;
  ctx.fillRect(x, y - 12, 3, 16);
  ctx.fillStyle = INK;
  ctx.fillText('now', x + 10, y);
  ctx.fillStyle = MUTED;
  ctx.fillText('Bars are windows; thin bars are daily checks; dots start steps with no deadline.', MARGIN, y + 22);
}

function diamond(ctx: SKRSContext2D, x: number, y: number, r: number, colour: string): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fill();
}

function local(instant: Date, zone: string, format: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(format);
}
