import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reply } from '../../../src/app/reply.ts';
import type { MilestoneView } from '../../../src/app/campaigns/plan-view.ts';
import { writeChartFile } from '../../../src/charts/chart-file.ts';
import { withTimelineChart } from '../../../src/charts/status-chart.ts';
import { assessPlan } from '../../../src/core/plan-state.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import { createFileOutbox } from '../../../src/infra/file-outbox.ts';
import { pngHeader } from './png.ts';

const NOW = new Date('2027-01-10T12:00:00Z');
const CAMPAIGN = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  title: 'Secret Manuscript <@everyone>',
  timeZone: 'America/New_York',
};
const VIEWS: MilestoneView[] = assessPlan({
  plan: planTimeline({
    releaseDate: '2027-03-15',
    timeZone: CAMPAIGN.timeZone,
    marketplace: 'US',
    printer: 'kdp',
    now: NOW,
  }),
  marketplace: 'US',
  marks: {},
  now: new Date('2027-01-01T00:00:00Z'),
  timeZone: CAMPAIGN.timeZone,
}).steps.map((view) => ({ ...view, state: 'upcoming' }));
const BASE = reply({ title: 'Status of "Secret Manuscript"', lines: ['3 of 13 steps settled.'] });

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function outboxDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-chart-test-'));
  dirs.push(dir);
  return dir;
}

describe('status chart', () => {
  it('writes a chart file into the outbox as an image/png reply file', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const file = await writeChartFile(createFileOutbox(await outboxDir()), 'board', png, 'Campaigns by week');
    expect(file).toMatchObject({ name: 'board.png', contentType: 'image/png', description: 'Campaigns by week' });
    expect(await readFile(file.path)).toEqual(png);
  });

  it('attaches the timeline to the reply and lists it in the plain-text fallback', async () => {
    const logged: object[] = [];
    const outbox = createFileOutbox(await outboxDir());
    const result = await withTimelineChart(
      { outbox, logger: { error: (o) => logged.push(o) } },
      BASE,
      CAMPAIGN,
      VIEWS,
      NOW,
    );
    expect(logged).toEqual([]);
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file).toMatchObject({ name: 'plan-timeline.png', contentType: 'image/png' });
    expect(file!.description).toBe(
      "Timeline of the plan's 13 steps (dates in America/New_York): 0 done, 0 skipped, 0 open now, 0 overdue, 13 upcoming, 0 waiting, 0 ended.",
    );
    expect(pngHeader(await readFile(file!.path)).width).toBe(1100);
    expect(result.fallback).toBe(`${BASE.fallback}\n📎 plan-timeline.png: ${file!.description}`);
    expect(result.lines).toEqual(BASE.lines);
  });

  it('still answers with the text when the chart cannot be written, and logs no member text', async () => {
    const logged: object[] = [];
    const failing = { reserve: () => Promise.reject(new Error(`disk full writing ${CAMPAIGN.title}`)) };
    const result = await withTimelineChart(
      { outbox: failing, logger: { error: (o, msg) => logged.push({ ...o, msg }) } },
      BASE,
      CAMPAIGN,
      VIEWS,
      NOW,
    );
    expect(result).toBe(BASE);
    expect(logged).toEqual([{ campaignId: CAMPAIGN.id, error: 'Error', msg: 'status chart could not be attached' }]);
    expect(JSON.stringify(logged)).not.toContain('Secret');
  });
});
