import { runConsoleChat } from './adapters/console/console-chat.ts';
import { composeApp } from './compose.ts';
import { systemClock } from './infra/clock.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './infra/config.ts';
import { openDatabase, type Database } from './infra/db/client.ts';
import { createLogger } from './infra/logger.ts';

function banner(config: Config, database: Database): string {
  const platforms: string[] = ['console (active)'];
  const notes: string[] = [];
  if (config.DISCORD_TOKEN)
    notes.push('DISCORD_TOKEN is set, but this version has no Discord adapter yet; using the console.');
  if (config.SLACK_BOT_TOKEN)
    notes.push('SLACK_BOT_TOKEN is set, but this version has no Slack adapter yet; using the console.');
  return [
    'Pre-order Pal — print pre-orders on Amazon, step by step',
    `Database:  ${database.description}`,
    `Platforms: ${platforms.join(', ')}`,
    'Discord/Slack: not built into this version yet; the README explains the plan and the variables they will use.',
    ...notes,
    `Community: "${config.CONSOLE_COMMUNITY}" (default time zone ${config.DEFAULT_TIMEZONE}); you are "you", a moderator.`,
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

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await database.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const app = composeApp({ database, clock: systemClock, logger, defaultTimeZone: config.DEFAULT_TIMEZONE });
  process.stdout.write(banner(config, database));
  try {
    await runConsoleChat({
      dispatcher: app.dispatcher,
      input: process.stdin,
      output: process.stdout,
      communityName: config.CONSOLE_COMMUNITY,
      interactive: Boolean(process.stdin.isTTY),
    });
  } catch (error) {
    logger.error({ err: error }, 'console chat stopped');
    await shutdown(1);
  }
  await shutdown(0);
}

void main();
