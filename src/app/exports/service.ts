import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import type { RequestContext } from '../context.ts';
import type { CampaignState, FileOutbox } from '../ports.ts';
import type { CampaignStore } from '../campaigns/ports.ts';
import { reply, type Reply } from '../reply.ts';
import { resolveOwnCampaign } from '../campaigns/resolver.ts';
import { milestoneViews } from '../campaigns/plan-view.ts';
import { campaignEvents } from './calendar.ts';
import { renderWithSequences } from './calendar-render.ts';
import { campaignCsvRow, CSV_COLUMNS, type CsvCell } from './csv.ts';
import { slugify } from './file-names.ts';
import type { CalendarRevisionStore, ExportStore, FileWriter } from './ports.ts';

export interface ExportServiceDeps {
  store: CampaignStore;
  exports: ExportStore;
  outbox: FileOutbox;
  files: FileWriter;
  revisions: CalendarRevisionStore;
  /** campaigns read per query; small enough to keep memory flat, big enough to keep round trips few */
  batchSize?: number;
}

const ALL_STATES: readonly CampaignState[] = ['active', 'completed', 'cancelled'];
/** A cancelled campaign's plan is no longer worth a place in anyone's calendar. */
const CALENDAR_STATES: readonly CampaignState[] = ['active', 'completed'];

/** Files out of the bot: the moderators' CSV of the community and a member's plan as a calendar. */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  async campaignsCsv(ctx: RequestContext): Promise<Reply> {
    const { community, now } = ctx;
    const day =
      DateTime.fromJSDate(now, { zone: community.defaultTimeZone }).toISODate() ?? now.toISOString().slice(0, 10);
    const name = `campaigns-${slugify(community.name ?? community.externalId, 'community', 40)}-${day}.csv`;
    const path = await this.deps.outbox.reserve(name);
    const counts: Record<CampaignState, number> = { active: 0, completed: 0, cancelled: 0 };
    const { exports, batchSize } = this.deps;
    async function* rows(): AsyncGenerator<CsvCell[]> {
      const batches = exports.campaignBatches(community.id, {
        states: ALL_STATES,
        ...(batchSize ? { batchSize } : {}),
      });
      for await (const batch of batches) {
        for (const campaign of batch) {
          counts[campaign.state] += 1;
          yield campaignCsvRow(campaign, now);
        }
      }
    }
    // The BOM makes Excel read the file as UTF-8, so accented titles survive a double-click; records
    // end with CRLF as RFC 4180 says (csv-stringify's default is LF).
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' });
    await this.deps.files.pipeTo(path, rows(), csv);
    const total = counts.active + counts.completed + counts.cancelled;
    return reply({
      tone: 'success',
      title: 'Campaign export',
      lines: [
        `${total} ${total === 1 ? 'campaign' : 'campaigns'} exported (${counts.active} active, ${counts.completed} completed, ${counts.cancelled} cancelled), one row each with every step's status as of now.`,
        'It holds members’ names and titles: share it only with the moderators.',
      ],
      files: [
        {
          name,
          path,
          contentType: 'text/csv',
          description: `CSV of ${total} campaigns in ${community.name ?? 'this community'} with milestone states, exported ${day}`,
        },
      ],
    });
  }

  async calendar(ctx: RequestContext, args: { campaign?: string | undefined }): Promise<Reply> {
    const campaign = await resolveOwnCampaign(
      this.deps.store,
      ctx.community,
      ctx.member,
      args.campaign,
      CALENDAR_STATES,
    );
    const views = milestoneViews(campaign, ctx.now);
    const name = `${slugify(campaign.title, 'preorder-plan')}.ics`;
    const path = await this.deps.outbox.reserve(name);
    const meta = {
      name: `Pre-order plan: ${campaign.title}`,
      description: `Amazon print pre-order steps for "${campaign.title}" (release ${campaign.releaseDate}, ${campaign.timeZone}).`,
    };
    const text = await renderWithSequences(this.deps.revisions, meta, campaignEvents(campaign, views), ctx.now);
    await this.deps.files.writeText(path, text);
    return reply({
      tone: 'success',
      title: `Calendar for "${campaign.title}"`,
      lines: [
        `All ${views.length} steps of your plan as calendar events, each with its window and a reminder when it opens (and an hour before the close of the time-critical ones).`,
        'Import the file into your calendar app. If your plan changes, get a fresh file: its events keep the same ids, so most calendar apps update them instead of adding copies. For a calendar that follows your plan by itself, subscribe with /preorder calendar-feed.',
      ],
      files: [
        {
          name,
          path,
          contentType: 'text/calendar',
          description: `Calendar of the ${views.length} pre-order steps for "${campaign.title}"`,
        },
      ],
    });
  }
}
