import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reply } from '../../../src/app/reply.ts';
import type { MilestoneView } from '../../../src/app/campaigns/plan-view.ts';
import { ChartCache, chartHour } from '../../../src/charts/chart-cache.ts';
import { withTimelineChart } from '../../../src/charts/status-chart.ts';
import { assessPlan } from '../../../src/core/plan-state.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import { createFileOutbox } from '../../../src/infra/file-outbox.ts';

const png = (n: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);

describe('chart cache', () => {
  it('draws each picture once, shares a drawing in progress, and drops the least recently used', async () => {
    const cache = new ChartCache(2);
    let draws = 0;
    const draw = (n: number) => () => {
      draws += 1;
      return Promise.resolve(png(n));
    };
    const [a, again] = await Promise.all([cache.render({ plan: 'a' }, draw(1)), cache.render({ plan: 'a' }, draw(9))]);
    expect(again).toEqual(a);
    expect(draws).toBe(1);
    await cache.render({ plan: 'b' }, draw(2));
    await cache.render({ plan: 'a' }, draw(9)); // a is now the most recent
    await cache.render({ plan: 'c' }, draw(3)); // drops b
    expect(cache.size).toBe(2);
    expect(await cache.render({ plan: 'a' }, draw(9))).toEqual(png(1));
    expect(await cache.render({ plan: 'b' }, draw(4))).toEqual(png(4));
    expect(draws).toBe(4);
  });

  it('forgets a drawing that failed, so the next call draws again', async () => {
    const cache = new ChartCache();
    await expect(cache.render('x', () => Promise.reject(new Error('no font')))).rejects.toThrow('no font');
    expect(await cache.render('x', () => Promise.resolve(png(5)))).toEqual(png(5));
  });

  it('rounds now down to the hour', () => {
    expect(chartHour(new Date('2027-01-10T12:59:59.999Z')).toISOString()).toBe('2027-01-10T12:00:00.000Z');
  });
});

describe('status chart with a cache', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const views = (now: Date): MilestoneView[] =>
    assessPlan({
      plan: planTimeline({ releaseDate: '2027-03-15', timeZone: 'UTC', marketplace: 'US', printer: 'kdp', now }),
      marketplace: 'US',
      marks: {},
      now,
      timeZone: 'UTC',
    }).steps;
  const base = reply({ title: 'Status', lines: ['A line.'] });

  it('draws alike plans once within an hour, whatever their titles, and again once the hour turns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-chart-cache-'));
    dirs.push(dir);
    const cache = new ChartCache();
    const deps = { outbox: createFileOutbox(dir), cache };
    const now = new Date('2027-01-10T12:05:00Z');
    const plan = views(now);
    const one = await withTimelineChart(deps, base, { id: '1', title: 'One', timeZone: 'UTC' }, plan, now);
    const later = new Date('2027-01-10T12:40:00Z');
    const two = await withTimelineChart(deps, base, { id: '2', title: 'Two', timeZone: 'UTC' }, plan, later);
    expect(cache.size).toBe(1);
    expect(await readFile(two.files[0]!.path)).toEqual(await readFile(one.files[0]!.path));
    const nextHour = new Date('2027-01-10T13:00:00Z');
    await withTimelineChart(deps, base, { id: '1', title: 'One', timeZone: 'UTC' }, plan, nextHour);
    expect(cache.size).toBe(2);
  });
});
