import { describe, expect, it } from 'vitest';
import {
  CATEGORY_COLOURS,
  boardBuckets,
  boardCategory,
  boardLayout,
  niceTicks,
  renderBoardChart,
  type BoardChartCampaign,
} from '../../../src/charts/board-chart.ts';
import { NOW_COLOUR } from '../../../src/charts/timeline-chart.ts';
import { decode, pngHeader } from './png.ts';

const NOW = new Date('2027-02-20T12:00:00Z'); // a Saturday
const NO_FLAGS = { overdue: false, atRisk: false, undeliverable: false, paused: false };

const campaign = (
  releaseDate: string,
  flags: Partial<typeof NO_FLAGS> = {},
  state: BoardChartCampaign['state'] = 'active',
) => ({
  releaseDate,
  zone: 'America/New_York',
  state,
  flags: { ...NO_FLAGS, ...flags },
});

const THREE = [
  campaign('2027-02-01', { overdue: true, atRisk: true }),
  campaign('2027-02-03', { atRisk: true }),
  campaign('2027-04-30'),
];

function many(count: number): BoardChartCampaign[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2027, 0, 1) + ((i * 7919) % 300) * 86_400_000);
    const r = (i * 31) % 100;
    return campaign(
      day.toISOString().slice(0, 10),
      { overdue: r < 5, atRisk: r < 12, undeliverable: r >= 12 && r < 15, paused: r === 20 },
      r > 95 ? 'completed' : 'active',
    );
  });
}

describe('board chart', () => {
  it('puts each campaign in one category, the most urgent first', () => {
    expect(boardCategory(THREE[0]!)).toBe('overdue');
    expect(boardCategory(THREE[1]!)).toBe('at-risk');
    expect(boardCategory(THREE[2]!)).toBe('on-track');
    expect(boardCategory(campaign('2027-01-01', { undeliverable: true }))).toBe('undeliverable');
    expect(boardCategory(campaign('2027-01-01', { paused: true }))).toBe('other');
    expect(boardCategory(campaign('2027-01-01', { overdue: true }, 'cancelled'))).toBe('other');
  });

  it('counts campaigns by release week, Monday first, and places today inside its week', () => {
    const buckets = boardBuckets({ campaigns: THREE, now: NOW, zone: 'Europe/London' });
    expect(buckets.unit).toBe('week');
    expect(buckets.starts[0]).toBe('2027-02-01');
    expect(buckets.counts[0]).toEqual({ overdue: 1, 'at-risk': 1, undeliverable: 0, 'on-track': 0, other: 0 });
    const april = buckets.starts.indexOf('2027-04-26');
    expect(buckets.counts[april]!['on-track']).toBe(1);
    // Saturday 20 Feb is the sixth day of the week starting Monday 15 Feb, the third bucket.
    expect(buckets.today).toBeCloseTo(2 + 5.5 / 7, 5);
    const total = buckets.counts.reduce((s, b) => s + Object.values(b).reduce((a, n) => a + n, 0), 0);
    expect(total).toBe(3);
  });

  it('uses "today" in the community zone', () => {
    const lateSunday = new Date('2027-02-21T23:30:00Z');
    const london = boardBuckets({ campaigns: THREE, now: lateSunday, zone: 'Europe/London' });
    const tokyo = boardBuckets({ campaigns: THREE, now: lateSunday, zone: 'Asia/Tokyo' });
    expect(Math.floor(london.today)).toBe(2);
    expect(Math.floor(tokyo.today)).toBe(3);
  });

  it('switches to months, then years, when release dates spread wide', () => {
    const twoYears = [campaign('2027-01-10'), campaign('2028-12-20')];
    expect(boardBuckets({ campaigns: twoYears, now: NOW }).unit).toBe('month');
    const tenYears = [campaign('2027-01-10'), campaign('2036-12-20')];
    const years = boardBuckets({ campaigns: tenYears, now: NOW });
    expect(years.unit).toBe('year');
    expect(years.starts[0]).toBe('2027-01-01');
    expect(years.starts).toHaveLength(10);
  });

  it('leaves out unreadable dates and says how many', () => {
    const buckets = boardBuckets({ campaigns: [...THREE, campaign('someday')], now: NOW });
    expect(buckets.skipped).toBe(1);
  });

  it('picks round y steps that reach the peak', () => {
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(234)).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it.each([0, 3, 10_000])('renders a decodable PNG of sensible size for %i campaigns', async (count) => {
    const campaigns = count === 3 ? THREE : many(count);
    const started = performance.now();
    const png = await renderBoardChart({ campaigns, now: NOW, zone: 'Europe/London' });
    const ms = performance.now() - started;
    // Timings belong in benches; printed for the record only.
    if (count === 10_000)
      process.stdout.write(`board chart, 10,000 campaigns: ${ms.toFixed(0)} ms, ${png.length} bytes\n`);
    const layout = boardLayout(boardBuckets({ campaigns, now: NOW }));
    expect(pngHeader(png)).toEqual({ width: layout.width, height: layout.height });
    const image = await decode(png);
    expect([image.width, image.height]).toEqual([1100, 560]);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(300_000);
  });

  it('draws today as a line and stacks overdue at the bottom of its bar', async () => {
    const input = { campaigns: THREE, now: NOW, zone: 'Europe/London' };
    const buckets = boardBuckets(input);
    const layout = boardLayout(buckets);
    const image = await decode(await renderBoardChart(input));
    const x = Math.round(layout.xOf(buckets.today));
    expect(image.colourAt(x, (layout.plot.top + layout.plot.bottom) / 2)).toBe(NOW_COLOUR);
    expect(image.colourAt(x - 10, (layout.plot.top + layout.plot.bottom) / 2)).not.toBe(NOW_COLOUR);
    // Two campaigns that week on a four-step axis: overdue fills the bottom quarter, at risk the next.
    const firstBar = layout.xOf(0.5);
    const height = layout.plot.bottom - layout.plot.top;
    const at = (share: number) => image.colourAt(firstBar, layout.plot.bottom - share * height);
    expect(at(1 / 8)).toBe(CATEGORY_COLOURS.overdue);
    expect(at(3 / 8)).toBe(CATEGORY_COLOURS['at-risk']);
    expect(at(5 / 8)).toBe('#ffffff');
  });
});
