import type { Transform } from 'node:stream';
import type { IsoDate } from '../../core/types.ts';
import type { CampaignRecord, CampaignState } from '../ports.ts';

/** One day's logged totals as the export reads them (tracking's OrderLogEntry also knows who logged it). */
export interface DailyReading {
  day: IsoDate;
  orders: number;
  pos: number;
}

export interface ExportCampaign extends CampaignRecord {
  /** Oldest day first. */
  orderLogs: DailyReading[];
}

/** Reads a whole community for export without ever holding it all in memory. */
export interface ExportStore {
  /**
   * The community's campaigns in the given states, `batchSize` at a time (keyset-paginated, so a
   * later batch costs no more than the first).
   */
  campaignBatches(
    communityId: string,
    options: { states: readonly CampaignState[]; batchSize?: number },
  ): AsyncIterable<ExportCampaign[]>;
}

/**
 * Writes the files replies carry. The app layer may not touch the file system itself (the
 * boundary test), so services hand over a stream or a text and get back once it is on disk.
 */
export interface FileWriter {
  /** Pipes `source` through `transforms` into `path`; resolves once the file is flushed and closed. */
  pipeTo(path: string, source: AsyncIterable<unknown>, ...transforms: Transform[]): Promise<void>;
  writeText(path: string, text: string): Promise<void>;
}

/** An event's current content, by the hash calendar-render's eventRevisionHash gives. */
export interface EventRevision {
  campaignId: string;
  uid: string;
  hash: string;
}

/** Remembers each calendar event's content so its SEQUENCE goes up exactly when it changes. */
export interface CalendarRevisionStore {
  /** Records `events`; returns each UID's SEQUENCE: 0 when first seen, +1 per change of its hash. */
  sequences(events: readonly EventRevision[]): Promise<Map<string, number>>;
}
