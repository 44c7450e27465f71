import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { DateTime } from 'luxon';
import type { CampaignState } from '../app/ports.ts';
import { chartFont } from './fonts.ts';
import { NOW_COLOUR } from './timeline-chart.ts';
import { chartZone } from './time-axis.ts';

export interface BoardChartCampaign {
  /** the release day as the member's calendar has it (in the campaign's own zone) */
  releaseDate: string;
  /** the campaign zone (informational: release days are calendar days) */
  zone?: string;
  state: CampaignState;
  flags: { overdue: boolean; atRisk: boolean; undeliverable: boolean; paused: boolean };
  /** how many campaigns alike this one stands for (the kept board's tallies); 1 if absent */
  count?: number;
}

export interface BoardChartInput {
  campaigns: readonly BoardChartCampaign[];
  now: Date;
  /** the community's zone: where "today" is for the now line; UTC if absent */
  zone?: string;
}

/** Stacked bottom to top in this order, so what needs a moderator sits on the axis. */
export const BOARD_CATEGORIES = ['overdue', 'at-risk', 'undeliverable', 'on-track', 'other'] as const;
export type BoardCategory = (typeof BOARD_CATEGORIES)[number];

export const CATEGORY_COLOURS: Record<BoardCategory, string> = {
  overdue: '#d32f2f',
  'at-risk': '#ffa000',
  undeliverable: '#8e24aa',
  'on-track': '#43a047',
  other: '#b0bec5',
};

const CATEGORY_NAMES: Record<BoardCategory, string> = {
  overdue: 'overdue',
  'at-risk': 'at risk',
  undeliverable: 'reminders not delivered',
  'on-track': 'on track',
  other: 'paused, completed or cancelled',
};

/** A campaign's worst condition: one category each, so the stacks add up to the campaign count. */
export function boardCategory(c: BoardChartCampaign): BoardCategory {
  if (c.state !== 'active') return 'other';
  if (c.flags.overdue) return 'overdue';
  if (c.flags.atRisk) return 'at-risk';
  if (c.flags.undeliverable) return 'undeliverable';
  if (c.flags.paused) return 'other';
  return 'on-track';
}

export type BucketUnit = 'week' | 'month' | 'year';

export interface BoardBuckets {
  unit: BucketUnit;
  /** first day of each bucket, YYYY-MM-DD */
  starts: string[];
  counts: Record<BoardCategory, number>[];
  /** position of today in bucket units from the first bucket's start (fractional) */
  today: number;
  /** campaigns whose release date could not be read, left out of the bars */
  skipped: number;
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 60;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; release dates are calendar days, so no zone applies. */
function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? ms / DAY_MS : null;
}

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Monday on or before `day` (1970-01-01 was a Thursday). */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);
const monthIndex = (day: number) => {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/**
 * Counts by release week (or month, or year when the dates spread wide), one pass over the
 * campaigns with plain integer arithmetic: the board may hold ten thousand of them.
 */
export function boardBuckets(input: BoardChartInput): BoardBuckets {
  const todayIso = DateTime.fromJSDate(input.now, { zone: chartZone(input.zone ?? 'UTC') }).toISODate() ?? '1970-01-01';
  const today = dayNumber(todayIso) ?? Math.floor(input.now.getTime() / DAY_MS);
  const days: number[] = [];
  const categories: BoardCategory[] = [];
  const weights: number[] = [];
  let skipped = 0;
  let min = today;
  let max = today;
  for (const c of input.campaigns) {
    const day = dayNumber(c.releaseDate);
    if (day === null) {
      skipped += c.count ?? 1;
      continue;
    }
    days.push(day);
    categories.push(boardCategory(c));
    weights.push(c.count ?? 1);
    if (day < min) min = day;
    if (day > max) max = day;
  }
  if (days.length === 0) {
    min = today - 14;
    max = today + 56;
  }
  // A handful of weeks at least, so a lone bar does not fill the whole chart.
  max = Math.max(max, min + 8 * 7 - 1);

  const unit: BucketUnit =
    (mondayOf(max) - mondayOf(min)) / 7 < MAX_BUCKETS
      ? 'week'
      : monthIndex(max) - monthIndex(min) < MAX_BUCKETS
        ? 'month'
        : 'year';
  const indexOf = (day: number): number => {
    if (unit === 'week') return (mondayOf(day) - mondayOf(min)) / 7;
    if (unit === 'month') return monthIndex(day) - monthIndex(min);
    return Math.floor(monthIndex(day) / 12) - Math.floor(monthIndex(min) / 12);
  };
  const n = indexOf(max) + 1;
  const counts = Array.from({ length: n }, () => emptyCounts());
  for (let i = 0; i < days.length; i++) counts[indexOf(days[i]!)]![categories[i]!] += weights[i]!;
  const starts = Array.from({ length: n }, (_, i) => bucketStart(unit, min, i));
  const todayStart = dayNumber(starts[indexOf(today)]!)!;
  const nextStart = indexOf(today) + 1 < n ? dayNumber(starts[indexOf(today) + 1]!)! : todayStart + bucketDays(unit);
  const today01 = (today - todayStart + 0.5) / (nextStart - todayStart);
  return { unit, starts, counts, today: indexOf(today) + today01, skipped };
}

function emptyCounts(): Record<BoardCategory, number> {
  return { overdue: 0, 'at-risk': 0, undeliverable: 0, 'on-track': 0, other: 0 };
}

function bucketStart(unit: BucketUnit, min: number, index: number): string {
  if (unit === 'week') return isoOf(mondayOf(min) + index * 7);
  const first = unit === 'month' ? monthIndex(min) + index : (Math.floor(monthIndex(min) / 12) + index) * 12;
  return `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
}

const bucketDays = (unit: BucketUnit) => (unit === 'week' ? 7 : unit === 'month' ? 31 : 365);

const WIDTH = 1100;
const HEIGHT = 560;
const MARGIN = 24;
const INK = '#263238';
const MUTED = '#607d8b';
const GRID = '#e3e7ea';

export interface BoardLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** x of a position in bucket units from the first bucket's start */
  xOf(position: number): number;
}

export function boardLayout(buckets: Pick<BoardBuckets, 'starts'>): BoardLayout {
  const plot = { left: MARGIN + 48, right: WIDTH - MARGIN, top: 96, bottom: HEIGHT - 112 };
  const n = Math.max(buckets.starts.length, 1);
  return { width: WIDTH, height: HEIGHT, plot, xOf: (p) => plot.left + (p / n) * (plot.right - plot.left) };
}

/** Pictures drawn lately, by what they show: a board looked at again unchanged is not drawn again. */
const drawn = new Map<string, Promise<Buffer>>();
const DRAWN_KEPT = 32;

/** A PNG of the group's campaigns by release date, stacked by how they are doing, with today marked. */
export function renderBoardChart(input: BoardChartInput): Promise<Buffer> {
  const buckets = boardBuckets(input);
  // The picture depends on the buckets alone (a few dozen counts), so they are its key.
  const key = JSON.stringify(buckets);
  const cached = drawn.get(key);
  if (cached) return cached;
  const png = drawBoard(buckets);
  drawn.set(key, png);
  if (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
  png.catch(() => drawn.delete(key));
  return png;
}

async function drawBoard(buckets: BoardBuckets): Promise<Buffer> {
  const layout = boardLayout(buckets);
  const canvas = createCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);

  const totals = emptyCounts();
  for (const bucket of buckets.counts) for (const k of BOARD_CATEGORIES) totals[k] += bucket[k];
  const total = BOARD_CATEGORIES.reduce((sum, k) => sum + totals[k], 0);
  drawHeader(ctx, buckets.unit, total, totals, buckets.skipped);

  // Never fewer than four steps: one campaign should not look like a wall.
  const peak = Math.max(4, ...buckets.counts.map((b) => BOARD_CATEGORIES.reduce((s, k) => s + b[k], 0)));
  const yTicks = niceTicks(peak);
  const yMax = yTicks[yTicks.length - 1]!;
  const { plot } = layout;
  const yOf = (v: number) => plot.bottom - (v / yMax) * (plot.bottom - plot.top);
  drawYAxis(ctx, layout, yTicks, yOf);
  drawBars(ctx, layout, buckets, yOf);
  drawXAxis(ctx, layout, buckets);
  if (total === 0) {
    ctx.fillStyle = MUTED;
    ctx.font = chartFont(16);
    ctx.textAlign = 'center';
    ctx.fillText('No campaigns to chart yet.', (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2);
  }
  const x = Math.round(layout.xOf(buckets.today));
  ctx.fillStyle = NOW_COLOUR;
  ctx.fillRect(x - 1, plot.top - 10, 3, plot.bottom - plot.top + 10);
  ctx.font = chartFont(12, 'bold');
  ctx.textAlign = x + 60 < plot.right ? 'left' : 'right';
  ctx.fillText('today', ctx.textAlign === 'left' ? x + 6 : x - 6, plot.top - 2);
  drawLegend(ctx, totals, HEIGHT - 28);
  // Encoded on libuv's thread pool: a synchronous encode held the event loop ~40 ms per chart.
  return canvas.encode('png');
}

function drawHeader(
  ctx: SKRSContext2D,
  unit: BucketUnit,
  total: number,
  totals: Record<BoardCategory, number>,
  skipped: number,
): void {
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  ctx.font = chartFont(20, 'bold');
  ctx.fillText(`Campaigns by release ${unit}`, MARGIN, 34);
  ctx.font = chartFont(13);
  ctx.fillStyle = MUTED;
  const parts = [`${total} campaign${total === 1 ? '' : 's'}`];
  for (const k of BOARD_CATEGORIES) if (k !== 'other') parts.push(`${totals[k]} ${CATEGORY_NAMES[k]}`);
  if (skipped > 0) parts.push(`${skipped} without a readable release date`);
  ctx.fillText(parts.join(' · '), MARGIN, 58);
}

/** Round steps (1, 2 or 5 times a power of ten) up to at least the peak, about five of them. */
export function niceTicks(peak: number): number[] {
  const rough = Math.max(peak / 5, 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < peak + step; v += step) {
    ticks.push(v);
    if (v >= peak) break;
  }
  return ticks;
}

function drawYAxis(ctx: SKRSContext2D, layout: BoardLayout, ticks: number[], yOf: (v: number) => number): void {
  const { plot } = layout;
  ctx.font = chartFont(12);
  ctx.textAlign = 'right';
  for (const v of ticks) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.strokeStyle = v === 0 ? MUTED : GRID;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.right, y);
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.fillText(String(v), plot.left - 8, y + 4);
  }
}

function drawBars(ctx: SKRSContext2D, layout: BoardLayout, buckets: BoardBuckets, yOf: (v: number) => number): void {
  const width = layout.xOf(1) - layout.xOf(0);
  const gap = width > 8 ? 1.5 : 0;
  ctx.font = chartFont(11);
  ctx.textAlign = 'center';
  buckets.counts.forEach((bucket, i) => {
    const x = layout.xOf(i) + gap;
    let base = 0;
    for (const k of BOARD_CATEGORIES) {
      if (bucket[k] === 0) continue;
      ctx.fillStyle = CATEGORY_COLOURS[k];
      const y0 = yOf(base);
      const y1 = yOf(base + bucket[k]);
      ctx.fillRect(x, y1, Math.max(width - 2 * gap, 1), y0 - y1);
      base += bucket[k];
    }
    if (base > 0 && width >= 22) {
      ctx.fillStyle = INK;
      ctx.fillText(String(base), x + (width - 2 * gap) / 2, yOf(base) - 4);
    }
  });
}

function drawXAxis(ctx: SKRSContext2D, layout: BoardLayout, buckets: BoardBuckets): void {
  const { plot } = layout;
  const labelWidth = buckets.unit === 'year' ? 44 : 78;
  const every = Math.max(1, Math.ceil((buckets.starts.length * labelWidth) / (plot.right - plot.left)));
  ctx.font = chartFont(12);
  ctx.textAlign = 'center';
  ctx.fillStyle = INK;
  let lastYear = '';
  buckets.starts.forEach((start, i) => {
    if (i % every !== 0) return;
    const d = DateTime.fromISO(start, { zone: 'UTC' });
    const year = start.slice(0, 4);
    const label =
      buckets.unit === 'year'
        ? year
        : buckets.unit === 'month'
          ? d.toFormat('LLL yyyy')
          : d.toFormat(year !== lastYear ? 'd LLL yyyy' : 'd LLL');
    lastYear = year;
    // A week is labelled by its Monday, at its start; months and years in their middle.
    const x = layout.xOf(buckets.unit === 'week' ? i : i + 0.5);
    ctx.fillRect(Math.round(layout.xOf(i)), plot.bottom, 1, 5);
    ctx.fillText(label, x, plot.bottom + 20);
  });
  ctx.textAlign = 'left';
  ctx.fillStyle = MUTED;
  const what =
    buckets.unit === 'week' ? 'Weeks start on Monday' : buckets.unit === 'month' ? 'Calendar months' : 'Calendar years';
  ctx.fillText(`${what}; each campaign counts on its release day in its own time zone.`, plot.left, plot.bottom + 42);
}

function drawLegend(ctx: SKRSContext2D, totals: Record<BoardCategory, number>, y: number): void {
  ctx.font = chartFont(12);
  ctx.textAlign = 'left';
  let x = MARGIN;
  for (const k of BOARD_CATEGORIES) {
    const text = `${CATEGORY_NAMES[k]} (${totals[k]})`;
    ctx.fillStyle = CATEGORY_COLOURS[k];
    ctx.fillRect(x, y - 10, 14, 12);
    ctx.fillStyle = INK;
    ctx.fillText(text, x + 20, y);
    x += 32 + ctx.measureText(text).width;
  }
  ctx.fillStyle = NOW_COLOUR;
  ctx.fillRect(x, y - 12, 3, 16);
  ctx.fillStyle = INK;
  ctx.fillText('today', x + 10, y);
}
