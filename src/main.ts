import { CONSOLE_COMMUNITY_ID, runConsoleChat } from './adapters/console/console-chat.ts';
import { ConsoleNotifier } from './adapters/console/console-notifier.ts';
import { ensureCommunityOf } from './app/community.ts';
import type { CommunityRecord } from './app/ports.ts';
import { startSimulation, type Simulation } from './adapters/console/simulation.ts';
import { formatInstant } from './app/reply.ts';
import { startBot, type Bot } from './bot.ts';
import { describeFailure } from './infra/describe-failure.ts';
import { parseDatabaseUrl } from './infra/db/client.ts';
import { createFileOutbox } from './infra/file-outbox.ts';
import type { FileOutbox } from './app/ports.ts';
import { dirname, join } from 'node:path';
import { OffsetClock, systemClock } from './infra/clock.ts';
import { loadConfigOrExit, slackConfigured, type Config } from './infra/config.ts';
import { createLogger, type Logger } from './infra/logger.ts';
import { installProcessPolicy } from './infra/process-policy.ts';

/** How long a stop may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/** The console community's announcement channel, so channel posts show up in a local run. */
const CONSOLE_CHANNEL = 'announcements';

/**
 * The console's files (exports, calendars, charts) are opened by the person at the keyboard, so
 * they stay a day in a private folder beside the embedded database (./data/files by default);
 * elsewhere they go to a private temporary folder removed at exit.
 */
function consoleOutbox(config: Config): FileOutbox {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  return createFileOutbox(
    target.kind === 'pglite' && target.dataDir ? join(dirname(target.dataDir), 'files') : undefined,
  );
}

function banner(config: Config, bot: Bot, community?: CommunityRecord): string {
  const platforms = bot.adapters.length > 0 ? bot.adapters.map((a) => a.describe()) : ['console (active)'];
  const lines = [
    'Pre-order Pal — print pre-orders on Amazon, step by step',
    `Database:  ${bot.database.description}`,
    `Platforms: ${platforms.join('; ')}`,
  ];
  lines.push(
    bot.feeds.baseUrl
      ? `Calendar feeds: ${bot.feeds.baseUrl}/calendar/… (/preorder calendar-feed gives your private link)`
      : 'Calendar feeds: off (PORT is taken; see the log)',
  );
  if (bot.health)
    lines.push(`Health and metrics: http://${config.HEALTH_HOST}:${bot.health.port}/healthz and /metrics`);
  if (bot.adapters.length === 0) {
    lines.push(
      'Discord/Slack: set DISCORD_TOKEN or SLACK_BOT_TOKEN (see .env.example and the README) to run them instead.',
      `Community: "${config.CONSOLE_COMMUNITY}" (${zoneText(community)}); you are "you", a moderator.`,
      `Reminders: DMs and #${CONSOLE_CHANNEL} posts are printed here. /clock +3d is a demo: it simulates time on a copy of your data.`,
    );
  } else {
    lines.push('Running until SIGINT or SIGTERM.');
  }
  return `${lines.join('\n')}\n${bot.adapters.length === 0 ? '\n' : ''}`;
}

/** The community's zone as it is now: a moderator may have changed it since DEFAULT_TIMEZONE was read. */
const zoneText = (community: CommunityRecord | undefined): string =>
  community?.timeZoneChosen
    ? `default time zone ${community.defaultTimeZone}`
    : 'no default time zone: /preorder start asks for yours, or set one with /preorder-admin settings timezone:';

/** Filled in once the bot runs; a fatal error before that just exits. */
interface Running {
  bot?: Bot;
  simulation?: Simulation;
}

/** Stops the simulation and the bot, once, then exits; a stop that hangs exits anyway. */
function shutdownOnce(logger: Logger, running: Running): (code: number) => void {
  let closing = false;
  const failed = (error: unknown) => logger.error({ err: error }, 'could not stop cleanly');
  const stopAll = async () => {
    await running.simulation?.stop().catch(failed);
    await running.bot?.stop().catch(failed);
  };
  return (code) => {
    if (closing) return;
    closing = true;
    // A stop that hangs must not keep a broken process alive: the supervisor is waiting for it.
    setTimeout(() => process.exit(code), SHUTDOWN_DEADLINE_MS).unref();
    stopAll().then(
      () => process.exit(code),
      (error: unknown) => {
        failed(error);
        process.exit(code);
      },
    );
  };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const running: Running = {};
  const shutdown = shutdownOnce(logger, running);
  installProcessPolicy({ logger, onFatal: shutdown });
  const consoleMode = !config.DISCORD_TOKEN && !slackConfigured(config);
  // The bot runs on real time; only the console's simulation (the first /clock) moves this one.
  const offsetClock = new OffsetClock();
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const consoleNotifier = new ConsoleNotifier(write, () =>
    offsetClock.shifted ? `simulated ${formatInstant(offsetClock.now(), config.DEFAULT_TIMEZONE)}` : '',
  );

  let bot: Bot;
  try {
    bot = await startBot({
      config,
      logger,
      clock: systemClock,
      ...(consoleMode ? { notifiers: [consoleNotifier], outbox: consoleOutbox(config) } : {}),
      onFatal: (error) => {
        logger.fatal({ err: error }, 'stopping: a supervisor should start the bot again');
        shutdown(1);
      },
    });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.stderr.write(`Could not start: ${describeFailure(error)}\n`);
    process.exit(1);
  }
  running.bot = bot;
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));

  if (!consoleMode) {
    process.stdout.write(banner(config, bot));
    return; // the adapters' connections keep the process alive until a signal
  }
  const community = await ensureCommunityOf(
    bot.app.store,
    { platform: 'console', communityExternalId: CONSOLE_COMMUNITY_ID, communityName: config.CONSOLE_COMMUNITY },
    { defaultTimeZone: config.DEFAULT_TIMEZONE, announcementChannelId: CONSOLE_CHANNEL },
  );
  process.stdout.write(banner(config, bot, community));
  try {
    await runConsole({ bot, community, config, logger, running, notifier: consoleNotifier, clock: offsetClock });
  } catch (error) {
    logger.error({ err: error }, 'console chat stopped');
    shutdown(1);
    return;
  }
  shutdown(0);
}

/** The local chat on stdin and stdout, in the console's one community. */
async function runConsole(run: {
  bot: Bot;
  community: CommunityRecord;
  config: Config;
  logger: Logger;
  running: Running;
  notifier: ConsoleNotifier;
  clock: OffsetClock;
}): Promise<void> {
  const { bot, community, config, running } = run;
  await runConsoleChat({
    dispatcher: bot.app.dispatcher,
    input: process.stdin,
    output: process.stdout,
    communityName: config.CONSOLE_COMMUNITY,
    interactive: Boolean(process.stdin.isTTY),
    sweeper: bot.sweeper,
    time: {
      clock: run.clock,
      // Read when /clock runs, from the data in use: a moderator may change the zone during the session.
      zone: async () =>
        (await (running.simulation?.store ?? bot.app.store).getCommunity(community.id))?.defaultTimeZone ??
        config.DEFAULT_TIMEZONE,
      simulate: async () => {
        const started = await startSimulation({
          database: bot.database,
          realSweeper: bot.sweeper,
          clock: run.clock,
          notifier: run.notifier,
          logger: run.logger,
          defaultTimeZone: config.DEFAULT_TIMEZONE,
          outbox: bot.app.outbox,
        });
        if (!('refused' in started)) running.simulation = started;
        return started;
      },
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${describeFailure(error)}\n`);
  process.exit(1);
});
