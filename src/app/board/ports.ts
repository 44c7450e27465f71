import type { StepMark } from '../../core/plan-state.ts';
import type { IsoDate, Marketplace, MilestoneId, Printer } from '../../core/types.ts';
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
  /** the member's marks: done (with when) or skipped */
  marks: Partial<Record<MilestoneId, StepMark>>;
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
