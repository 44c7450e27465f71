import type { BoardChart } from '../app/board/service.ts';
import { reply } from '../app/reply.ts';
import { renderBoardChart } from './board-chart.ts';
import { writeChartFile } from './chart-file.ts';
import type { StatusChartDeps } from './status-chart.ts';

/** The board service's chart hook, as compose wires it: the listed campaigns by release week. */
export function boardReplyChart(deps: StatusChartDeps): BoardChart {
  return async (base, entries, now, zone) => {
    try {
      const png = await renderBoardChart({ campaigns: entries, now, zone });
      const file = await writeChartFile(
        deps.outbox,
        'campaign-board.png',
        png,
        `Release weeks of the ${entries.length} campaigns listed, stacked by overdue, at risk, undeliverable and on track (today in ${zone}).`,
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
