import type { TimedMark } from '../../core/campaign-board.ts';
import type { IsoDate, Marketplace, Printer } from '../../core/types.ts';
import type { CampaignState } from '../ports.ts';

/** One campaign as the board needs it: enough to classify it and write its line, nothing more. */
export interface BoardRow {
  campaignId: string;
  title: string;
  memberName: string;
  releaseDate: IsoDate;
  timeZone: string;
  marketplace: Marketplace;
  printer: Printer;
  state: CampaignState;
  createdAt: Date;
  remindersPausedAt: Date | null;
  dmsClosedAt: Date | null;
  /** steps marked done or skipped, as core's markMask encodes them (bit i = MILESTONE_IDS[i]) */
  marked: number;
  /** done times of the marks the plan depends on */
  doneAt: Partial<Record<TimedMark, Date>>;
  /** reminders that failed for good */
  failedReminders: number;
  /** the newest logged reading (Advantage shows running totals); null when nothing was logged */
  orders: number | null;
  pos: number | null;
}

export interface BoardStore {
  /** Every campaign of the community, whatever its state, in one round trip. */
  boardRows(communityId: string): Promise<BoardRow[]>;
}
