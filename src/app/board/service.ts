import { DEFAULT_BOARD_FILTER, type BoardFilter } from '../../core/campaign-board.ts';
import type { RequestContext } from '../context.ts';
import type { Reply } from '../reply.ts';
import { classifyBoard, entriesFor, type ClassifiedBoard, type BoardEntry } from './classify.ts';
import type { BoardStore } from './ports.ts';
import { boardReply } from './replies.ts';

/** Adds a picture of the listed campaigns to the board's reply (wired in compose; charts live outside src/app). */
export type BoardChart = (base: Reply, entries: readonly BoardEntry[], now: Date, zone: string) => Promise<Reply>;

/** The moderators' board of every campaign in their community. */
export class BoardService {
  constructor(
    private readonly store: BoardStore,
    private readonly chart?: BoardChart,
  ) {}

  /** The whole community's board, classified and sorted: for the reply below and for a chart. */
  async data(ctx: RequestContext): Promise<ClassifiedBoard> {
    return classifyBoard(await this.store.boardRows(ctx.community.id), ctx.now);
  }

  async board(
    ctx: RequestContext,
    args: { filter?: BoardFilter | undefined; page?: number | undefined },
  ): Promise<Reply> {
    const filter = args.filter ?? DEFAULT_BOARD_FILTER;
    const page = args.page ?? 1;
    const data = await this.data(ctx);
    const base = boardReply(data, filter, page);
    const listed = entriesFor(data, filter);
    // Only the first page carries the picture: paging through the list should not resend it.
    if (!this.chart || page !== 1 || listed.length === 0) return base;
    return this.chart(base, listed, ctx.now, ctx.community.defaultTimeZone);
  }
}
