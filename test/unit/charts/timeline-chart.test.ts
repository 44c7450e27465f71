import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { MilestoneState } from '../../../src/app/campaigns/plan-view.ts';
import { chartFont } from '../../../src/charts/fonts.ts';
import { cleanLabel, ellipsize } from '../../../src/charts/text.ts';
import {
  NOW_COLOUR,
  STATE_COLOURS,
  renderTimelineChart,
  timelineLayout,
  type TimelineChartInput,
  type TimelineMilestone,
} from '../../../src/charts/timeline-chart.ts';
import { timeTicks } from '../../../src/charts/time-axis.ts';
import { decode, pngHeader } from './png.ts';

const DAY = 86_400_000;
const NOW = new Date('2027-02-20T12:00:00Z');
const STATES: MilestoneState[] = ['done', 'skipped', 'open', 'overdue', 'upcoming'];
const KINDS: TimelineMilestone['kind'][] = ['window', 'asap', 'daily', 'open-ended'];

function milestones(count: number): TimelineMilestone[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const opensAt = new Date(NOW.getTime() + (i - count / 2) * 3 * DAY);
    return {
      id: 'kdp-publish',
      title: `Step ${i + 1}`,
      kind,
      opensAt,
      closesAt:
        kind === 'window' || kind === 'daily' ? new Date(opensAt.getTime() + (i % 3) * DAY + 3 * 3_600_000) : null,
      critical: i % 5 === 0,
      state: STATES[i % STATES.length]!,
    };
  });
}

const input = (count: number, title = 'The Salt Road'): TimelineChartInput => ({
  title,
  zone: 'America/New_York',
  now: NOW,
  milestones: milestones(count),
});

describe('timeline chart', () => {
  it.each([0, 1, 12, 30])('renders a decodable PNG of sensible size for %i milestones', async (count) => {
    const png = await renderTimelineChart(input(count));
    const layout = timelineLayout(input(count));
    expect(pngHeader(png)).toEqual({ width: layout.width, height: layout.height });
    expect(layout.width).toBeGreaterThanOrEqual(1000);
    expect(layout.width).toBeLessThanOrEqual(1200);
    const image = await decode(png);
    expect([image.width, image.height]).toEqual([layout.width, layout.height]);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(300_000);
  });

  it('grows with the number of rows', () => {
    const heights = [1, 12, 30].map((n) => timelineLayout(input(n)).height);
    expect(heights[1]!).toBeGreaterThan(heights[0]!);
    expect(heights[2]!).toBeGreaterThan(heights[1]! + 18 * 20);
  });

  it.each([
    ['a very long title', 'The Extraordinarily Long and Winding Chronicle of Everything '.repeat(20)],
    ['emoji', '📚✨ Books & 👩‍👩‍👧‍👦 family 🇬🇧 flags'],
    ['right-to-left', 'كتاب عربي طويل جداً — ספר בעברית'],
    ['control and override characters', 'Title\u202Egnp.exe\nline two\u0000<@everyone>'],
  ])('draws %s as text without throwing', async (_what, title) => {
    const chart = input(3, title);
    chart.milestones.forEach((m) => (m.title = title));
    const png = await renderTimelineChart(chart);
    expect(pngHeader(png).width).toBe(timelineLayout(chart).width);
    await decode(png);
  });

  it('draws the now line where the layout puts now', async () => {
    const chart = input(12);
    const layout = timelineLayout(chart);
    const image = await decode(await renderTimelineChart(chart));
    const x = Math.round(layout.xOf(NOW));
    // Between the marks of each row (marks are drawn over the line, so a step at now stays readable).
    for (const y of [layout.plot.top + 3, layout.rowCentre(5) + 11, layout.plot.bottom - 3]) {
      expect(image.colourAt(x, y)).toBe(NOW_COLOUR);
    }
    expect(image.colourAt(x - 8, layout.plot.top + 3)).not.toBe(NOW_COLOUR);
    // Moving now moves the line.
    const later = { ...chart, now: new Date(NOW.getTime() + 10 * DAY) };
    const moved = await decode(await renderTimelineChart(later));
    expect(moved.colourAt(x, layout.plot.top + 3)).not.toBe(NOW_COLOUR);
    expect(moved.colourAt(Math.round(timelineLayout(later).xOf(later.now)), layout.plot.top + 3)).toBe(NOW_COLOUR);
  });

  it('colours done and overdue windows differently', async () => {
    const window = (state: MilestoneState, startDay: number): TimelineMilestone => ({
      id: 'kdp-publish',
      title: state,
      kind: 'window',
      opensAt: new Date(NOW.getTime() - startDay * DAY),
      closesAt: new Date(NOW.getTime() - (startDay - 6) * DAY),
      critical: false,
      state,
    });
    const chart: TimelineChartInput = {
      title: 'Colours',
      zone: 'Europe/London',
      now: NOW,
      milestones: [window('done', 30), window('overdue', 20), window('upcoming', -10)],
    };
    const layout = timelineLayout(chart);
    const image = await decode(await renderTimelineChart(chart));
    const middle = (m: TimelineMilestone) => new Date((m.opensAt.getTime() + m.closesAt!.getTime()) / 2);
    const [done, overdue, upcoming] = chart.milestones.map((m, i) =>
      image.colourAt(layout.xOf(middle(m)), layout.rowCentre(i)),
    );
    expect(done).toBe(STATE_COLOURS.done);
    expect(overdue).toBe(STATE_COLOURS.overdue);
    expect(upcoming).toBe(STATE_COLOURS.upcoming);
    expect(done).not.toBe(overdue);
  });
});

describe('chart text', () => {
  it('cuts long member text on whole graphemes and keeps it within the width', () => {
    const ctx = createCanvas(10, 10).getContext('2d');
    ctx.font = chartFont(13);
    const family = '👩‍👩‍👧‍👦';
    const cut = ellipsize(ctx, `Title ${family.repeat(40)}`, 120);
    expect(cut.endsWith('…')).toBe(true);
    expect(ctx.measureText(cut).width).toBeLessThanOrEqual(120);
    // Only whole family emoji survive: the part between "Title " and "…" is made of them.
    const body = cut.slice('Title '.length, -1);
    expect(body.length % family.length).toBe(0);
    expect(ellipsize(ctx, 'Short', 120)).toBe('Short');
  });

  it('turns control characters and bidi overrides into plain spaces', () => {
    expect(cleanLabel('A\u202Eb\nc\u0007  d\u2066e')).toBe('A b c d e');
  });

  it('labels ticks at local midnights of the zone, across a DST change', () => {
    const ticks = timeTicks(new Date('2027-03-12T00:00:00Z'), new Date('2027-03-16T00:00:00Z'), 'America/New_York', 10);
    expect(ticks.map((t) => t.label)).toEqual(['12 Mar 2027', '13 Mar', '14 Mar', '15 Mar']);
    // 14 March starts at 05:00Z (EST), 15 March at 04:00Z (EDT).
    expect(ticks[2]!.at.toISOString()).toBe('2027-03-14T05:00:00.000Z');
    expect(ticks[3]!.at.toISOString()).toBe('2027-03-15T04:00:00.000Z');
  });
});
