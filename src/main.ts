import { runConsoleChat } from './adapters/console/console-chat.ts';
import { ConsoleNotifier } from './adapters/console/console-notifier.ts';
import { formatInstant } from './app/render-text.ts';
import { composeApp } from './compose.ts';
import { OffsetClock } from './infra/clock.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './infra/config.ts';
import { openDatabase, type Database } from './infra/db/client.ts';
import { startHealthServer, type HealthServer } from './infra/health-server.ts';
import { createLogger } from './infra/logger.ts';
import { createMetrics } from './infra/metrics.ts';
import { ReminderSweeper } from './jobs/reminder-sweeper.ts';

/** The console community's announcement channel, so channel posts show up in a local run. */
const CONSOLE_CHANNEL = 'announcements';

function banner(config: Config, database: Database, health: HealthServer | null): string {
  const platforms: string[] = ['console (active)'];
  const notes: string[] = [];
  if (config.DISCORD_TOKEN)
    notes.push('DISCORD_TOKEN is set, but this version has no Discord adapter yet; using the console.');
  if (config.SLACK_BOT_TOKEN)
    notes.push('SLACK_BOT_TOKEN is set, but this version has no Slack adapter yet; using the console.');
  if (health) notes.push(`Health and metrics: http://${config.HEALTH_HOST}:${health.port}/healthz and /metrics`);
  return [
    'Pre-order Pal — print pre-orders on Amazon, step by step',
    `Database:  ${database.description}`,
    `Platforms: ${platforms.join(', ')}`,
    'Discord/Slack: not built into this version yet; the README explains the plan and the variables they will use.',
    ...notes,
    `Community: "${config.CONSOLE_COMMUNITY}" (default time zone ${config.DEFAULT_TIMEZONE}); you are "you", a moderator.`,
    `Reminders: DMs and #${CONSOLE_CHANNEL} posts are printed here; /clock +3d moves simulated time forward.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its valid values.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  let database: Database;
  try {
    database = await openDatabase(config.DATABASE_URL, { log: (msg) => logger.info(msg) });
  } catch (error) {
    logger.fatal({ err: error }, 'could not open the database');
    process.stderr.write(`Could not open the database: ${(error as Error).message}\n`);
    process.exit(1);
  }

  const metrics = createMetrics();
  // The console's clock can be moved forward with /clock; everything (commands, reminders) reads it.
  const clock = new OffsetClock();
  const app = composeApp({
    database,
    clock,
    logger,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    onCommand: (event) => metrics.commandObserved(event),
  });
  await app.store.ensureCommunity('console', 'local', {
    name: config.CONSOLE_COMMUNITY,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    announcementChannelId: CONSOLE_CHANNEL,
  });
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const notifier = new ConsoleNotifier(write, () =>
    clock.shifted ? `simulated ${formatInstant(clock.now(), config.DEFAULT_TIMEZONE)}` : '',
  );
  const sweeper = new ReminderSweeper({
    queue: app.reminders,
    notifier,
    clock,
    logger,
    campaigns: app.store,
    metrics,
  });

  let health: HealthServer | null = null;
  if (config.HEALTH_PORT !== undefined) {
    health = await startHealthServer({
      port: config.HEALTH_PORT,
      host: config.HEALTH_HOST,
      metrics,
      health: async () => {
        await database.prisma.$queryRawUnsafe('SELECT 1');
        return { ok: true, details: { database: database.kind, sweeper: sweeper.owner } };
      },
      log: (msg) => logger.info(msg),
    });
  }

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    // Stop claiming first; the batch in hand settles, so no lease is left to run out.
    await sweeper.stop();
    await health?.close();
    await database.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  process.stdout.write(banner(config, database, health));
  sweeper.start();
  try {
    await runConsoleChat({
      dispatcher: app.dispatcher,
      input: process.stdin,
      output: process.stdout,
      communityName: config.CONSOLE_COMMUNITY,
      interactive: Boolean(process.stdin.isTTY),
      time: { clock, sweeper, queue: app.reminders, zone: config.DEFAULT_TIMEZONE },
    });
  } catch (error) {
    logger.error({ err: error }, 'console chat stopped');
    await shutdown(1);
  }
  await shutdown(0);
}

void main();
