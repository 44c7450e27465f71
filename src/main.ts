import { runConsoleChat } from './adapters/console/console-chat.ts';
import { ConsoleNotifier } from './adapters/console/console-notifier.ts';
import type { CommunityRecord } from './app/ports.ts';
import { formatInstant } from './app/render-text.ts';
import { startBot, type Bot } from './bot.ts';
import { OffsetClock, systemClock } from './infra/clock.ts';
import { loadConfigOrExit, slackConfigured, type Config } from './infra/config.ts';
import { createLogger } from './infra/logger.ts';

/** The console community's announcement channel, so channel posts show up in a local run. */
const CONSOLE_CHANNEL = 'announcements';

function banner(config: Config, bot: Bot, community?: CommunityRecord): string {
  const platforms = bot.adapters.length > 0 ? bot.adapters.map((a) => a.describe()) : ['console (active)'];
  const lines = [
    'Pre-order Pal — print pre-orders on Amazon, step by step',
    `Database:  ${bot.database.description}`,
    `Platforms: ${platforms.join('; ')}`,
  ];
  if (bot.health)
    lines.push(`Health and metrics: http://${config.HEALTH_HOST}:${bot.health.port}/healthz and /metrics`);
  if (bot.adapters.length === 0) {
    lines.push(
      'Discord/Slack: set DISCORD_TOKEN or SLACK_BOT_TOKEN (see .env.example and the README) to run them instead.',
      `Community: "${config.CONSOLE_COMMUNITY}" (${zoneText(community)}); you are "you", a moderator.`,
      `Reminders: DMs and #${CONSOLE_CHANNEL} posts are printed here; /clock +3d moves simulated time forward.`,
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

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const consoleMode = !config.DISCORD_TOKEN && !slackConfigured(config);
  // Only the console's clock can be moved (/clock); a platform bot runs on real time.
  const offsetClock = new OffsetClock();
  const clock = consoleMode ? offsetClock : systemClock;
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const notifiers = consoleMode
    ? [
        new ConsoleNotifier(write, () =>
          offsetClock.shifted ? `simulated ${formatInstant(offsetClock.now(), config.DEFAULT_TIMEZONE)}` : '',
        ),
      ]
    : [];

  let bot: Bot;
  try {
    bot = await startBot({ config, logger, clock, notifiers });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.stderr.write(`Could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await bot.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  if (!consoleMode) {
    process.stdout.write(banner(config, bot));
    return; // the adapters' connections keep the process alive until a signal
  }
  const community = await bot.app.store.ensureCommunity('console', 'local', {
    name: config.CONSOLE_COMMUNITY,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    announcementChannelId: CONSOLE_CHANNEL,
  });
  process.stdout.write(banner(config, bot, community));
  try {
    await runConsoleChat({
      dispatcher: bot.app.dispatcher,
      input: process.stdin,
      output: process.stdout,
      communityName: config.CONSOLE_COMMUNITY,
      interactive: Boolean(process.stdin.isTTY),
      time: {
        clock: offsetClock,
        sweeper: bot.sweeper,
        queue: bot.app.reminders,
        // Read when /clock runs: a moderator may change the community's zone during the session.
        zone: async () => (await bot.app.store.getCommunity(community.id))?.defaultTimeZone ?? config.DEFAULT_TIMEZONE,
      },
    });
  } catch (error) {
    logger.error({ err: error }, 'console chat stopped');
    await shutdown(1);
  }
  await shutdown(0);
}

void main();
