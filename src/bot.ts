import type { AdapterDeps, PlatformAdapter } from './adapters/platform-adapter.ts';
import type { Clock, FileOutbox } from './app/ports.ts';
import type { Notifier } from './app/reminders/ports.ts';
import { composeApp, type App } from './compose.ts';
import { slackConfigured, type Config } from './infra/config.ts';
import { openDatabase, type Database } from './infra/db/client.ts';
import { PrismaPlatformState } from './infra/db/platform-state.ts';
import { startHealthServer, type HealthServer } from './infra/health-server.ts';
import type { Logger } from './infra/logger.ts';
import { createMetrics, type Metrics } from './infra/metrics.ts';
import { FatalError } from './infra/process-policy.ts';
import { RoutingNotifier } from './jobs/routing-notifier.ts';
import { ReminderSweeper, type SweeperOptions } from './jobs/reminder-sweeper.ts';

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
  /** Stops taking commands and reminders, lets the batch in hand settle, then closes everything. */
  stop(): Promise<void>;
}

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
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase(config.DATABASE_URL, {
      log: (msg) => logger.info(msg),
      onLockLost: (message) => options.onFatal?.(new FatalError(message)),
    }));
  const metrics = createMetrics();
  const app = composeApp({
    database,
    clock,
    logger,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    onCommand: (event) => metrics.commandObserved(event),
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
  const state = new PrismaPlatformState(database.prisma);
  const adapters: PlatformAdapter[] = [];
  let sweeper: ReminderSweeper | undefined;
  let health: HealthServer | null = null;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Commands first, then reminders (the batch in hand settles), then the database.
    for (const adapter of adapters) await adapter.stop().catch((err) => logger.error({ err }, 'adapter stop failed'));
    await sweeper?.stop();
    await health?.close();
    await app.outbox.dispose?.();
    if (ownsDatabase) await database.close();
  };

  try {
    adapters.push(
      ...(await createAdapters(config, { config, app, clock, logger, state, databaseKind: database.kind })),
    );
    const notifier = new RoutingNotifier([...(options.notifiers ?? []), ...adapters.map((a) => a.notifier)]);
    sweeper = new ReminderSweeper({
      queue: app.reminders,
      notifier,
      clock,
      logger,
      campaigns: app.store,
      board: app.board,
      metrics,
      ...options.sweeper,
    });
    const running = sweeper;
    if (config.HEALTH_PORT !== undefined) {
      health = await startHealthServer({
        port: config.HEALTH_PORT,
        host: config.HEALTH_HOST,
        metrics,
        health: async () => {
          await database.prisma.$queryRawUnsafe('SELECT 1');
          return {
            ok: true,
            details: { database: database.kind, sweeper: running.owner, platforms: running.platforms.join(',') },
          };
        },
        log: (msg) => logger.info(msg),
      });
    }
    for (const adapter of adapters) await adapter.start();
    if (options.startSweeper ?? true) sweeper.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { app, database, metrics, adapters, sweeper, health, stop };
}
