/**
 * `npm run discord:register`: overwrites the application's slash commands with the set generated
 * from the command specs, to DISCORD_GUILD_ID when set (instant, for development) or globally,
 * and records the hash so the next `npm start` does not register the same set again.
 *
 *   --print      print the command JSON and exit (no network, no database)
 *   --no-record  register without opening the database to record the hash
 */
import { REST } from 'discord.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../../infra/config.ts';
import { openDatabase } from '../../infra/db/client.ts';
import { PrismaPlatformState } from '../../infra/db/platform-state.ts';
import { buildCommandJson, commandHash } from './command-json.ts';
import { hashKey, putCommands, type RegistrationTarget } from './command-registration.ts';
import { describeError } from './discord-errors.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function readConfig(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`${error.message}\nSee .env.example for every variable and its valid values.`);
      process.exit(1);
    }
    throw error;
  }
}

async function record(config: Config, target: RegistrationTarget, hash: string): Promise<void> {
  try {
    const database = await openDatabase(config.DATABASE_URL);
    try {
      await new PrismaPlatformState(database.prisma).set(hashKey(target), hash, new Date());
    } finally {
      await database.close();
    }
  } catch (error) {
    err(
      `Registered, but the hash could not be recorded (${(error as Error).message}); ` +
        'the next start will register the same commands once more.',
    );
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const json = buildCommandJson();
  if (args.has('--print')) {
    out(JSON.stringify(json, null, 2));
    return;
  }
  const config = readConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    err('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/discord.md) to register the slash commands.');
    process.exit(1);
  }
  const target: RegistrationTarget = { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID };
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  try {
    await putCommands(rest, target, json);
  } catch (error) {
    const { status, message } = describeError(error);
    const hint =
      status === 401
        ? ' Check DISCORD_TOKEN.'
        : status === 403 || status === 404
          ? ' Check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot was invited with the applications.commands scope.'
          : '';
    const reason = typeof message === 'string' ? message : 'no reason given';
    err(`Discord refused the commands${typeof status === 'number' ? ` (${status})` : ''}: ${reason}.${hint}`);
    process.exit(1);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  if (!args.has('--no-record')) await record(config, target, commandHash(json));
  const subcommands = json.reduce((n, c) => n + ((c as { options?: unknown[] }).options?.length ?? 0), 0);
  const where = target.guildId
    ? `to server ${target.guildId} (available now)`
    : 'globally (new commands can take a few minutes to show up in every server)';
  out(`Registered /${json.map((c) => c.name).join(' and /')} with ${subcommands} subcommands ${where}.`);
}

await main();
