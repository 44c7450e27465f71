import type { BoardChart } from '../app/board/service.ts';
import { reply } from '../app/reply.ts';
import { boardCategory, renderBoardChart } from './board-chart.ts';
import { chartHour } from './chart-cache.ts';
import { writeChartFile } from './chart-file.ts';
import type { StatusChartDeps } from './status-chart.ts';

/** The board service's chart hook, as compose wires it: the listed campaigns by release week. */
export function boardReplyChart(deps: StatusChartDeps): BoardChart {
  return async (base, items, now, zone) => {
    try {
      const hour = chartHour(now);
      const count = items.reduce((n, c) => n + (c.count ?? 1), 0);
      // What the chart shows: campaigns by release day and stack, today in the zone.
      const shown = ['board', zone, hour.getTime(), items.map((c) => [c.releaseDate, boardCategory(c), c.count ?? 1])];
      const draw = () => renderBoardChart({ campaigns: items, now: hour, zone });
      const png = await (deps.cache ? deps.cache.render(shown, draw) : draw());
      const file = await writeChartFile(
        deps.outbox,
        'campaign-board.png',
        png,
        `Release weeks of the ${count} campaigns listed, stacked by overdue, at risk, undeliverable and on track (today in ${zone}).`,
      );
      const { fallback: _fallback, ...rest } = base;
      return reply({ ...rest, files: [...base.files, file] });
    } catch (error) {
      // The chart is a bonus: the moderator still gets the list.
      deps.logger?.error(
        { error: error instanceof Error ? error.name : typeof error },
        'board chart could not be attached',
      );
      return base;
    }
  };
}
