import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import type { Logger } from '../../infra/logger.ts';
import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';
import { registerCommands } from './command-registration.ts';
import { describeError } from './discord-errors.ts';
import { DiscordNotifier } from './discord-notifier.ts';
import { FormStore } from './form-store.ts';
import { InteractionHandler } from './interaction-handler.ts';

/**
 * The client's own cap on requests a second. Its requests are interaction callbacks and webhook
 * edits (exempt from Discord's global limit, bound only by each interaction's route), command
 * registration at start-up and the odd lookup; 429s that still happen are waited out by discord.js.
 */
const INTERACTION_REQUESTS_PER_SECOND = 500;

/** How long login may take before start-up gives up (the gateway answers in well under a second). */
const READY_TIMEOUT_MS = 30_000;

/**
 * Interactions worked on at once (see work-limiter.ts). Embedded PGlite is one connection inside
 * this process: its queries hold the event loop, so work runs one interaction at a time and
 * acknowledgements slip in between. PostgreSQL works in its own processes and serves several at once.
 */
const DISCORD_WORK_SLOTS: Record<AdapterDeps['databaseKind'], number> = { pglite: 1, postgres: 8 };

/**
 * The Discord platform: a discord.js client with only the Guilds intent (no privileged intents;
 * slash commands, buttons and DMs all arrive as interactions), slash command registration when
 * the specs changed, the interaction handler and the reminder notifier.
 */
export function createDiscordAdapter(deps: AdapterDeps): PlatformAdapter {
  const { config, logger } = deps;
  const token = config.DISCORD_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (!token || !applicationId) throw new Error('The Discord adapter needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
  const log = logger.child({ platform: 'discord' });

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // discord.js holds every request of a client to 50 a second, interaction callbacks and edits
    // included; Discord exempts those from its global limit, and reminders go through the
    // notifier's own paced client. At 50 a second a burst of 50 members (a deferral and an answer
    // each) waited a second for its last answers (issue 17).
    rest: { api: config.DISCORD_API_URL, globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND },
    // A safety net under every message: nothing the bot sends pings unless a call opts in.
    allowedMentions: { parse: [], repliedUser: false },
    // The bot never reads messages back, so none are kept in memory.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
  // Shared by both senders: a form stored by a reminder opens from an interaction, and back.
  const forms = new FormStore(deps.state, deps.clock);
  const notifier = new DiscordNotifier({ token, api: config.DISCORD_API_URL, forms });
  const handler = new InteractionHandler({
    forms,
    app: deps.app,
    clock: deps.clock,
    logger: log,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    maxConcurrentWork: DISCORD_WORK_SLOTS[deps.databaseKind],
  });
  listen(client, handler, log);

  let stopped = false;
  return {
    platform: 'discord',
    notifier,
    async start() {
      await logIn(client, token);
      if (stopped) return;
      await registerSlashCommands(client, { ...deps, applicationId }, log);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      notifier.close();
    },
    describe() {
      const user = client.user ? `logged in as ${client.user.tag}` : 'not connected';
      return `discord (${user}, ${client.guilds.cache.size} servers)`;
    },
  };
}

function listen(client: Client, handler: InteractionHandler, log: Logger): void {
  client.on(Events.InteractionCreate, (interaction) => {
    // handle answers its own failures; this only catches a bug in that answer.
    handler
      .handle(interaction)
      .catch((error: unknown) => log.error({ err: describeError(error) }, 'interaction failed'));
  });
  client.on(Events.Error, (error) => log.error({ err: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({}, message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
}

/** Logs in and resolves once the gateway is ready. */
async function logIn(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Discord did not become ready in time')), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  ready.catch(() => undefined);
  try {
    await client.login(token);
  } catch (error) {
    // The token is never part of what is logged or rethrown.
    const { message } = describeError(error);
    throw new Error(`Discord login failed: ${typeof message === 'string' ? message : 'unknown error'}`);
  }
  await ready;
}

/** Registers the slash commands when the specs changed since the last registration. */
async function registerSlashCommands(
  client: Client,
  deps: Pick<AdapterDeps, 'config' | 'state' | 'clock'> & { applicationId: string },
  log: Logger,
): Promise<void> {
  try {
    const result = await registerCommands({
      rest: client.rest,
      target: { applicationId: deps.applicationId, guildId: deps.config.DISCORD_GUILD_ID },
      state: deps.state,
      clock: deps.clock,
    });
    log.info(
      { scope: result.scope, commands: result.commands },
      result.registered ? 'slash commands registered' : 'slash commands unchanged; not registered again',
    );
  } catch (error) {
    // Members still have the previously registered commands; the next boot tries again.
    log.error({ err: describeError(error) }, 'slash command registration failed');
  }
}
