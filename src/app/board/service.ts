import { DEFAULT_BOARD_FILTER, type BoardFilter } from '../../core/campaign-board.ts';
import type { RequestContext } from '../context.ts';
import type { Reply } from '../reply.ts';
import { classifyBoard, entriesFor, pageOfClassified, type ClassifiedBoard } from './classify.ts';
import type { BoardChartItem, BoardPage } from './page.ts';
import type { BoardStore } from './ports.ts';
import { BOARD_PAGE_SIZE, boardReply } from './replies.ts';

/** Adds a picture of the listed campaigns to the board's reply (wired in compose; charts live outside src/app). */
export type BoardChart = (base: Reply, items: readonly BoardChartItem[], now: Date, zone: string) => Promise<Reply>;

export interface BoardServiceOptions {
  /**
   * Classify every campaign of the community on each call instead of reading the kept state: the
   * board before issue 17, kept so the benchmark can time both side by side.
   */
  fullClassification?: boolean;
}

/** The moderators' board of every campaign in their community. */
export class BoardService {
  constructor(
    private readonly store: BoardStore,
    private readonly chart?: BoardChart,
    private readonly options: BoardServiceOptions = {},
  ) {}

  /** The whole community's board, classified and sorted: the reference the kept state must equal. */
  async data(ctx: RequestContext): Promise<ClassifiedBoard> {
    return classifyBoard(await this.store.boardRows(ctx.community.id), ctx.now);
  }

  async board(
    ctx: RequestContext,
    args: { filter?: BoardFilter | undefined; page?: number | undefined },
  ): Promise<Reply> {
    const filter = args.filter ?? DEFAULT_BOARD_FILTER;
    const requested = args.page ?? 1;
    let data: BoardPage;
    let items: () => Promise<readonly BoardChartItem[]>;
    if (this.options.fullClassification) {
      const full = await this.data(ctx);
      data = pageOfClassified(full, filter, requested, BOARD_PAGE_SIZE);
      items = () => Promise.resolve(entriesFor(full, filter));
    } else {
      const query = { communityId: ctx.community.id, filter, page: requested, pageSize: BOARD_PAGE_SIZE, now: ctx.now };
      data = await this.store.boardPage(query);
      items = () => this.store.chartItems(ctx.community.id, filter);
    }
    const base = boardReply(data, requested);
    // Only the first page carries the picture: paging through the list should not resend it.
    if (!this.chart || requested !== 1 || data.total === 0) return base;
    return this.chart(base, await items(), ctx.now, ctx.community.defaultTimeZone);
  }
}
