import type { FileOutbox } from '../app/ports.ts';
import { reply, type Reply } from '../app/reply.ts';
import type { StatusChart } from '../app/campaigns/service.ts';
import type { MilestoneView } from '../app/campaigns/plan-view.ts';
import { chartHour, type ChartCache } from './chart-cache.ts';
import { writeChartFile } from './chart-file.ts';
import { renderTimelineChart, timelineInput } from './timeline-chart.ts';

export interface ChartLogger {
  error(obj: object, msg: string): void;
}

export interface StatusChartDeps {
  outbox: FileOutbox;
  logger?: ChartLogger | undefined;
  /** draws each picture once per state and hour; without it every call draws */
  cache?: ChartCache | undefined;
}

interface StatusCampaign {
  id: string;
  title: string;
  timeZone: string;
}

/** The status service's chart hook, as compose wires it. */
export function timelineStatusChart(deps: StatusChartDeps): StatusChart {
  return (base, campaign, views, now) => withTimelineChart(deps, base, campaign, views, now);
}

/**
 * The status reply with the plan's timeline attached as a PNG. The chart is a bonus: if it
 * cannot be drawn or written, the member still gets the text, and the log names only the
 * campaign id and the error's kind, never the member's title.
 */
export async function withTimelineChart(
  deps: StatusChartDeps,
  base: Reply,
  campaign: StatusCampaign,
  views: readonly MilestoneView[],
  now: Date,
): Promise<Reply> {
  try {
    // The reply names the campaign above the picture, so the picture leaves the title out: it then
    // shows only the plan (each step's state and times), the zone and the hour, which is the cache
    // key, and members whose plans stand alike share one drawing.
    const input = timelineInput('', campaign.timeZone, views, chartHour(now));
    const draw = () => renderTimelineChart(input);
    const png = await (deps.cache ? deps.cache.render(['timeline', input], draw) : draw());
    const file = await writeChartFile(
      deps.outbox,
      'plan-timeline.png',
      png,
      timelineDescription(campaign.timeZone, views),
    );
    const { fallback: _fallback, ...rest } = base;
    return reply({ ...rest, files: [...base.files, file] });
  } catch (error) {
    deps.logger?.error(
      { campaignId: campaign.id, error: error instanceof Error ? error.name : typeof error },
      'status chart could not be attached',
    );
    return base;
  }
}

/**
 * Alt text: the plan's shape in words, without the member's title (the reply already shows it).
 * Every state is counted, so the numbers add up to the steps, as the chart's bars do.
 */
export function timelineDescription(zone: string, views: readonly MilestoneView[]): string {
  const count = (s: MilestoneView['state']) => views.filter((v) => v.state === s).length;
  return (
    `Timeline of the plan's ${views.length} steps (dates in ${zone}): ${count('done')} done, ` +
    `${count('skipped')} skipped, ${count('open')} open now, ${count('overdue')} overdue, ${count('upcoming')} upcoming, ` +
    `${count('waiting')} waiting, ${count('closed')} ended.`
  );
}
