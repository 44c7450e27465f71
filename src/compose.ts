import { helpReply } from './app/commands/registry.ts';
import type { Services } from './app/commands/define.ts';
import { Dispatcher, type DispatchLogger } from './app/dispatch.ts';
import type { Clock, FileOutbox } from './app/ports.ts';
import type { CampaignStore } from './app/campaigns/ports.ts';
import { createFileOutbox } from './infra/file-outbox.ts';
import { createFileWriter } from './infra/file-writer.ts';
import { ExportService } from './app/exports/service.ts';
import { PrismaExportStore } from './infra/db/export-store.ts';
import { PrismaCalendarRevisionStore } from './infra/db/calendar-revision-store.ts';
import { PrismaCalendarFeedStore } from './infra/db/calendar-feed-store.ts';
import { CalendarFeedService } from './app/exports/feed-service.ts';
import type { FeedLinks } from './app/exports/feed-ports.ts';
import type { ChannelFeatureStore, ForumCheck } from './app/threads/ports.ts';
import { ChannelFeatureSettings } from './app/threads/feature-settings.ts';
import { PrismaChannelFeatureStore } from './infra/db/channel-feature-store.ts';
import { CampaignService } from './app/campaigns/service.ts';
import { timelineStatusChart } from './charts/status-chart.ts';
import { boardReplyChart } from './charts/board-reply-chart.ts';
import { ChartCache } from './charts/chart-cache.ts';
import { CommunitySettingsService } from './app/moderation/settings-service.ts';
import { FaqService } from './app/faq/service.ts';
import { CommunityFaqCache } from './app/faq/community-faq.ts';
import { FaqAdminService } from './app/faq/admin-service.ts';
import { PrismaFaqFeedbackStore } from './infra/db/faq-store.ts';
import type { Database } from './infra/db/client.ts';
import { PrismaCampaignStore } from './infra/db/campaign-store.ts';
import { PrismaReminderQueue } from './infra/db/reminder-queue.ts';
import { PrismaModerationStore } from './infra/db/moderation-store.ts';
import { CampaignAdminService } from './app/moderation/service.ts';
import { ForgetService } from './app/moderation/forget-service.ts';
import { desiredReminders, PLAN_VERSION } from './app/reminders/policy.ts';
import type { ReminderQueue } from './app/reminders/ports.ts';
import { ReminderService } from './app/reminders/service.ts';
import { TrackingService } from './app/tracking/service.ts';
import { PrismaOrderLogStore } from './infra/db/order-log-store.ts';
import { BoardService } from './app/board/service.ts';
import { SqlBoardStore } from './infra/db/board-store.ts';
import type { BoardUpkeep } from './app/board/ports.ts';

export interface AppDeps {
  database: Database;
  clock: Clock;
  logger: DispatchLogger;
  defaultTimeZone: string;
  /** where exports, calendars and charts are written; a temporary folder by default */
  outbox?: FileOutbox;
  onCommand?: (event: { command: string; outcome: string; ms: number }) => void;
  /** Where calendar links point; by default none are served (the bot sets it once its server listens). */
  feedLinks?: FeedLinks;
  /** Whether a channel is a forum (Discord); by default nothing is. */
  forumCheck?: ForumCheck;
}

export interface App {
  store: CampaignStore;
  /** the kept board's boundary job, run by the sweeper */
  board: BoardUpkeep;
  reminders: ReminderQueue;
  outbox: FileOutbox;
  services: Services;
  dispatcher: Dispatcher;
  channelFeatures: ChannelFeatureStore;
}

/** Wires services to their ports; main, the tests and the benchmark all build the app this way. */
export function composeApp(deps: AppDeps): App {
  // Every campaign change replans its reminder rows in the same transaction.
  const store = new PrismaCampaignStore(deps.database.prisma, {
    reminders: desiredReminders,
    planVersion: PLAN_VERSION,
  });
  const reminders = new PrismaReminderQueue(deps.database.prisma);
  const moderationStore = new PrismaModerationStore(deps.database.prisma, desiredReminders);
  const tracking = new TrackingService(store, new PrismaOrderLogStore(deps.database.prisma));
  const outbox = deps.outbox ?? createFileOutbox();
  const faqStore = new PrismaFaqFeedbackStore(deps.database.prisma);
  const faqCache = new CommunityFaqCache(faqStore);
  // Charts are drawn once per state and hour (issue 17); the cache lives as long as the app.
  const boardStore = new SqlBoardStore(deps.database.sql);
  const chartDeps = { outbox, logger: deps.logger, cache: new ChartCache() };
  const revisions = new PrismaCalendarRevisionStore(deps.database.prisma);
  const channelFeatures = new PrismaChannelFeatureStore(deps.database.prisma);
  const services: Services = {
    campaigns: new CampaignService(store, {
      defaultTimeZone: deps.defaultTimeZone,
      orders: tracking,
      statusChart: timelineStatusChart(chartDeps),
    }),
    communitySettings: new CommunitySettingsService(
      moderationStore,
      new ChannelFeatureSettings(channelFeatures, deps.forumCheck ?? { isForum: () => Promise.resolve(false) }),
    ),
    campaignAdmin: new CampaignAdminService(moderationStore, store),
    forget: new ForgetService(moderationStore),
    board: new BoardService(boardStore, boardReplyChart(chartDeps)),
    faq: new FaqService({ store: faqStore, cache: faqCache }),
    faqAdmin: new FaqAdminService(faqStore, faqCache, moderationStore),
    reminders: new ReminderService(store, reminders),
    tracking,
    exports: new ExportService({
      store,
      exports: new PrismaExportStore(deps.database.prisma),
      outbox,
      files: createFileWriter(),
      revisions,
    }),
    calendarFeeds: new CalendarFeedService({
      feeds: new PrismaCalendarFeedStore(deps.database.prisma),
      store,
      revisions,
      links: deps.feedLinks ?? { base: () => null },
    }),
    help: (ctx) => helpReply(ctx.isModerator),
  };
  const dispatcher = new Dispatcher({
    store,
    services,
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeZone: deps.defaultTimeZone,
    ...(deps.onCommand ? { onCommand: deps.onCommand } : {}),
  });
  return { store, board: boardStore, reminders, outbox, services, dispatcher, channelFeatures };
}
