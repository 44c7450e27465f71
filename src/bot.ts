import type { AdapterDeps, PlatformAdapter } from './adapters/platform-adapter.ts';
import type { Clock, FileOutbox } from './app/ports.ts';
import type { Notifier } from './app/reminders/ports.ts';
import { composeApp, type App } from './compose.ts';
import { slackConfigured, type Config } from './infra/config.ts';
import { openDatabase, type Database } from './infra/db/client.ts';
import { PrismaPlatformState } from './infra/db/platform-state.ts';
import { startHealthServer, type HealthServer } from './infra/health-server.ts';
import { createFeedRequestHandler, type FeedRequestHandler } from './infra/feed-http.ts';
import { feedBaseUrl, startFeedServer, type FeedServer } from './infra/feed-server.ts';
import type { Logger } from './infra/logger.ts';
import { createMetrics, type Metrics } from './infra/metrics.ts';
import { FatalError } from './infra/process-policy.ts';
import { RoutingNotifier } from './jobs/routing-notifier.ts';
import { ThreadingNotifier } from './jobs/threading-notifier.ts';
import { PrismaCampaignThreadStore } from './infra/db/channel-feature-store.ts';
import { LateForumCheck } from './app/threads/forum-check.ts';
import { ReleaseEventSync } from './jobs/release-event-sync.ts';
import { PrismaReleaseEventStore } from './infra/db/release-event-store.ts';
import { ReminderSweeper, type SweeperOptions } from './jobs/reminder-sweeper.ts';
import { sharedMatcher } from './app/faq/community-faq.ts';

export interface BotOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** An open database (tests); by default `config.DATABASE_URL` is opened and closed by the bot. */
  database?: Database;
  /** Notifiers beyond the platform adapters' (the console's, in a local run). */
  notifiers?: readonly Notifier[];
  sweeper?: Partial<Pick<SweeperOptions, 'pollMs' | 'batchSize' | 'leaseMs' | 'deliveryTimeoutMs'>>;
  /** Default true; tests that drive ticks themselves turn the background loop off. */
  startSweeper?: boolean;
  /** Where replies' files wait to be sent; by default a private temporary folder removed on stop. */
  outbox?: FileOutbox;
  /** Told when carrying on would do harm (the database folder's lock was lost); main stops the process. */
  onFatal?: (error: Error) => void;
}

export interface Bot {
  app: App;
  database: Database;
  metrics: Metrics;
  adapters: readonly PlatformAdapter[];
  sweeper: ReminderSweeper;
  health: HealthServer | null;
  /** Where calendar links point (null when no server could take the feeds), and the feeds' own server if any. */
  feeds: { baseUrl: string | null; server: FeedServer | null };
  /** Campaign threads: the notifier that routes posts to them, and its periodic phase refresh. */
  threads: ThreadingNotifier;
  /** Discord release-day events; null without Discord. */
  releaseEvents: ReleaseEventSync | null;
  /** Stops taking commands and reminders, lets the batch in hand settle, then closes everything. */
  stop(): Promise<void>;
}

/** Commands after which release-day events may need a change. */
const EVENT_COMMANDS = new Set([
  'preorder start',
  'preorder edit',
  'preorder cancel',
  'preorder restore',
  'preorder done',
  'preorder undo',
  'preorder forget-me',
  'preorder-admin campaign',
  'preorder-admin settings',
  'preorder-admin forget',
]);
const EVENT_SYNC_MS = 10 * 60_000;

/** The platforms the configuration turns on, loaded only when used (the console needs neither). */
async function createAdapters(config: Config, deps: AdapterDeps): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.ts');
    adapters.push(createDiscordAdapter(deps));
  }
  if (slackConfigured(config)) {
    const { createSlackAdapter } = await import('./adapters/slack/slack-adapter.ts');
    adapters.push(await createSlackAdapter(deps));
  }
  return adapters;
}

/**
 * Everything `npm start` runs except the console chat: database, app, platform adapters, the
 * reminder sweeper and the health server. Tests start the bot through this same path.
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, logger, clock } = options;
  const database = options.database ?? (await openBotDatabase(options));
  const metrics = createMetrics();
  const run: Running = { adapters: [], health: null, releaseEvents: null, feeds: { baseUrl: null, server: null } };
  // Forums are checked through the platforms' notifiers, which exist only once the adapters do.
  const forums = new LateForumCheck();
  const app = composeApp({
    forumCheck: forums,
    feedLinks: { base: () => run.feeds.baseUrl },
    database,
    clock,
    logger,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    onCommand: (event) => {
      metrics.commandObserved(event);
      // A release may have moved, ended or appeared, or the events switch changed.
      if (event.outcome === 'ok' && EVENT_COMMANDS.has(event.command)) run.releaseEvents?.soon();
    },
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
  // Built and warmed now rather than at the first member's question.
  sharedMatcher();
  const stop = stopper(run, app, options.database ? null : database, logger);
  try {
    const feedHandler = createFeedRequestHandler({
      serve: (token) => app.services.calendarFeeds.serve(token),
      log: (fields, message) => logger.warn(fields, message),
    });
    const state = new PrismaPlatformState(database.prisma);
    const adapterDeps = { config, app, clock, logger, state, databaseKind: database.kind, feedHandler };
    run.adapters.push(...(await createAdapters(config, adapterDeps)));
    const notifiers = [...(options.notifiers ?? []), ...run.adapters.map((a) => a.notifier)];
    forums.publishers.push(...notifiers.flatMap((n) => (n.threads ? [n.threads] : [])));
    const notifier = threadingNotifier(notifiers, app, database, clock, logger);
    const sweeper = new ReminderSweeper({
      threadLinks: forumPostLinks(app, notifier),
      queue: app.reminders,
      notifier,
      clock,
      logger,
      campaigns: app.store,
      board: app.board,
      metrics,
      ...options.sweeper,
    });
    run.sweeper = sweeper;
    if (config.HEALTH_PORT !== undefined)
      run.health = await serveHealth(config.HEALTH_PORT, config, database, metrics, sweeper, logger);
    for (const adapter of run.adapters) await adapter.start();
    await serveFeeds(config, run.adapters, feedHandler, run.feeds, logger);
    run.releaseEvents = releaseEventSync(notifiers, app, database, notifier, clock, logger);
    if (options.startSweeper ?? true) {
      sweeper.start();
      run.eventTimer = startTimePasses(run.releaseEvents, notifier, logger);
    }
    const { adapters, health, feeds } = run;
    return {
      app,
      database,
      metrics,
      adapters,
      sweeper,
      health,
      feeds,
      threads: notifier,
      stop,
      get releaseEvents() {
        return run.releaseEvents;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What a started bot runs, filled in as it starts, so a failed start stops what did start. */
interface Running {
  adapters: PlatformAdapter[];
  sweeper?: ReminderSweeper;
  health: HealthServer | null;
  releaseEvents: ReleaseEventSync | null;
  eventTimer?: NodeJS.Timeout;
  feeds: Bot['feeds'];
}

function openBotDatabase(options: BotOptions): Promise<Database> {
  return openDatabase(options.config.DATABASE_URL, {
    log: (msg) => options.logger.info(msg),
    onLockLost: (message) => options.onFatal?.(new FatalError(message)),
  });
}

/** Stops once: commands first, then reminders (the batch in hand settles), then the database it opened. */
function stopper(run: Running, app: App, ownDatabase: Database | null, logger: Logger): () => Promise<void> {
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    for (const adapter of run.adapters)
      await adapter.stop().catch((err) => logger.error({ err }, 'adapter stop failed'));
    clearInterval(run.eventTimer);
    await run.releaseEvents?.stop();
    await run.sweeper?.stop();
    await run.health?.close();
    await run.feeds.server?.close();
    await app.outbox.dispose?.();
    await ownDatabase?.close();
  };
}

/** Channel posts go through campaign threads when a community has them on (issue 16). */
function threadingNotifier(
  notifiers: readonly Notifier[],
  app: App,
  database: Database,
  clock: Clock,
  logger: Logger,
): ThreadingNotifier {
  return new ThreadingNotifier(
    new RoutingNotifier(notifiers),
    notifiers.flatMap((n) => (n.threads ? [n.threads] : [])),
    {
      features: app.channelFeatures,
      threads: new PrismaCampaignThreadStore(database.prisma),
      campaigns: app.store,
      clock,
      logger,
    },
  );
}

/** The digest links each campaign's forum post (Discord; Slack threads hang off the channel itself). */
function forumPostLinks(app: App, notifier: ThreadingNotifier): SweeperOptions['threadLinks'] {
  return async (community, campaignIds) => {
    if (community.platform !== 'discord' || !(await app.channelFeatures.get(community.id)).threadsEnabled)
      return new Map();
    return notifier.threadIds(campaignIds);
  };
}

async function serveHealth(
  port: number,
  config: Config,
  database: Database,
  metrics: Metrics,
  sweeper: ReminderSweeper,
  logger: Logger,
): Promise<HealthServer> {
  return startHealthServer({
    port,
    host: config.HEALTH_HOST,
    metrics,
    health: async () => {
      await database.prisma.$queryRawUnsafe('SELECT 1');
      return {
        ok: true,
        details: { database: database.kind, sweeper: sweeper.owner, platforms: sweeper.platforms.join(',') },
      };
    },
    log: (msg) => logger.info(msg),
  });
}

/** Discord release-day events, when a platform offers the scheduled-event API; null otherwise. */
function releaseEventSync(
  notifiers: readonly Notifier[],
  app: App,
  database: Database,
  notifier: Notifier,
  clock: Clock,
  logger: Logger,
): ReleaseEventSync | null {
  const api = notifiers.map((n) => n.guildEvents).find(Boolean);
  if (!api) return null;
  return new ReleaseEventSync({
    api,
    events: new PrismaReleaseEventStore(database.prisma),
    features: app.channelFeatures,
    campaigns: app.store,
    notifier,
    clock,
    logger,
  });
}

/**
 * Time alone moves things: releases come into the 60-day range, threads change phase. A pass at
 * start and then every ten minutes.
 */
function startTimePasses(events: ReleaseEventSync | null, threads: ThreadingNotifier, logger: Logger): NodeJS.Timeout {
  const pass = (): void => {
    // The event sync logs its own failures and never rejects.
    events?.syncAll().catch(() => undefined);
    threads.refreshAll().catch((err: unknown) => logger.warn({ err }, 'campaign threads: phase refresh failed'));
  };
  pass();
  return setInterval(pass, EVENT_SYNC_MS).unref();
}

/**
 * The feeds ride on Slack's HTTP receiver when it runs; otherwise on a server of their own on
 * PORT at HTTP_HOST. A port already taken leaves feeds off with a warning rather than stopping
 * the bot: reminders matter more than calendar links.
 */
async function serveFeeds(
  config: Config,
  adapters: readonly PlatformAdapter[],
  handler: FeedRequestHandler,
  feeds: Bot['feeds'],
  logger: Logger,
): Promise<void> {
  const slackPort = adapters.map((a) => ('port' in a ? (a.port as number | null) : null)).find((p) => p !== null);
  if (slackPort !== undefined && slackPort !== null) {
    feeds.baseUrl = feedBaseUrl(config.PUBLIC_URL, '127.0.0.1', slackPort);
    return;
  }
  try {
    feeds.server = await startFeedServer({ port: config.PORT, host: config.HTTP_HOST, handler });
    feeds.baseUrl = feedBaseUrl(config.PUBLIC_URL, config.HTTP_HOST, feeds.server.port);
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error), port: config.PORT },
      'calendar feeds are off: could not listen on PORT (set PORT to a free port, or 0 for any)',
    );
  }
}
