import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, webApi, type HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Config } from '../../infra/config.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';
import { WorkLimiter } from '../work-limiter.ts';
import { HomePublisher } from './home-publisher.ts';
import { INSTALL_PATH } from './install-pages.ts';
import { InstallationRecords } from './installations.ts';
import { registerListeners } from './listeners.ts';
import { createReceiver, EVENTS_PATH, type OAuthSettings } from './slack-receiver.ts';
import { boltLogger } from './slack-logger.ts';
import { SlackNotifier } from './slack-notifier.ts';
import { WorkspaceDirectory } from './workspaces.ts';

/** The Slack adapter as main sees it, plus what tests and the banner need to find it. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: 'http' | 'socket';
  /** The HTTP receiver's bound port once started (PORT=0 picks a free one); null in Socket Mode. */
  readonly port: number | null;
  /** The workspaces served: SLACK_BOT_TOKEN's and, with OAuth, the installed ones. */
  readonly workspaces: WorkspaceDirectory;
  /** Whether /slack/install and /slack/oauth_redirect are served (the OAuth trio is set). */
  readonly oauth: boolean;
}

/** How long a start-form submission waits for the service before closing the form anyway. */
const FORM_BUDGET_MS = 2_000;
/**
 * Commands and button presses worked on at once after their acks (see work-limiter.ts), whatever
 * the database: every Slack request is acknowledged before its work is queued, so none waits
 * behind it for its ack.
 */
const SLACK_WORK_SLOTS = 4;
/** How long stop() lets work begun after an ack finish before closing. */
const DRAIN_MS = 5_000;

/**
 * Builds the Bolt app: the HTTP receiver on PORT at /slack/events, or Socket Mode when an app
 * token is set (see slack-receiver.ts). The bot token, when set, is checked with `auth.test`
 * before the App exists, so a bad token or an unreachable API stops start-up with a message
 * naming the variable.
 *
 * With SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET the app can be installed in
 * any number of workspaces: each installation is stored in `platform_state` through the
 * WorkspaceDirectory, which authorizes every request. Socket Mode is not combined with OAuth
 * (the config refuses it).
 */
export async function createSlackAdapter(deps: AdapterDeps): Promise<SlackAdapter> {
  const { config, app: composed, clock } = deps;
  const logger = deps.logger.child({ platform: 'slack' });
  const oauth = oauthSettings(config);
  // The OAuth client's debug output includes the oauth.v2.access request body (client_secret).
  const boltLog = boltLogger(logger, [
    config.SLACK_CLIENT_SECRET,
    config.SLACK_STATE_SECRET,
    config.SLACK_SIGNING_SECRET,
  ]);
  const clientOptions = interactiveClientOptions(config, boltLog);
  const workspaces = new WorkspaceDirectory({
    fixed: config.SLACK_BOT_TOKEN
      ? [await WorkspaceDirectory.checkToken(new webApi.WebClient(undefined, clientOptions()), config.SLACK_BOT_TOKEN)]
      : [],
    ...(oauth ? { records: new InstallationRecords(deps.state) } : {}),
    clock,
    logger,
  });
  // Reminders: no retries and no sleeping through a 429 here; the sweeper backs off and honours Retry-After.
  const notifier = new SlackNotifier(
    new webApi.WebClient(undefined, { ...clientOptions(), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    workspaces,
  );
  const receiver = createReceiver({
    config,
    logger,
    boltLog,
    clientOptions,
    oauth,
    workspaces,
    state: deps.state,
    feedHandler: deps.feedHandler,
  });
  const bolt = new App({
    receiver,
    // With OAuth, Bolt takes its authorize from the installer, which asks workspaces.installationStore.
    ...(oauth ? {} : { authorize: workspaces.authorize }),
    logger: boltLog,
    clientOptions: clientOptions(),
    convoStore: false,
  });
  const afterAcks = new WorkAfterAcks();
  registerListeners(bolt, {
    dispatcher: composed.dispatcher,
    home: new HomePublisher({ campaigns: composed.services.campaigns, clock, logger, workspaces }),
    workspaces,
    logger,
    track: afterAcks.track,
    work: new WorkLimiter(SLACK_WORK_SLOTS),
    formBudgetMs: FORM_BUDGET_MS,
  });
  const connection = new BoltConnection(bolt, receiver, config, logger, afterAcks);

  return {
    platform: 'slack',
    mode: connection.mode,
    notifier,
    workspaces,
    oauth: oauth !== undefined,
    get port() {
      return connection.port;
    },
    start: () => connection.start(),
    stop: () => connection.stop(),
    describe: () => describeSlack(connection, workspaces, { oauth: oauth !== undefined, port: config.PORT }),
  };
}

/** The OAuth trio when all three are set; refuses a configuration the adapter cannot serve. */
function oauthSettings(config: Config): OAuthSettings | undefined {
  const oauth =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          stateSecret: config.SLACK_STATE_SECRET,
        }
      : undefined;
  if (!config.SLACK_BOT_TOKEN && !oauth) {
    throw new Error(
      'the Slack adapter needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
  }
  if (oauth && config.SLACK_APP_TOKEN) {
    throw new Error('SLACK_APP_TOKEN (Socket Mode) cannot be combined with the OAuth install flow (SLACK_CLIENT_ID)');
  }
  return oauth;
}

/** Interactive calls (respond, views.open, users.info) fail fast rather than retry for minutes. */
function interactiveClientOptions(config: Config, boltLog: BoltLogger): () => webApi.WebClientOptions {
  const quickRetries = config.NODE_ENV === 'test';
  return () => ({
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: quickRetries ? { retries: 0 } : { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
    timeout: 10_000,
    logger: boltLog,
  });
}

/** Work begun after an ack (replies, App Home), so stop() can let it finish before the database closes. */
class WorkAfterAcks {
  private readonly inflight = new Set<Promise<unknown>>();

  readonly track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.finally(() => this.inflight.delete(settled));
    this.inflight.add(settled);
    return work;
  };

  /** Resolves once all of it settled, or after `ms` anyway. */
  async settle(ms: number): Promise<void> {
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, ms).unref())]);
  }
}

/** Starts and stops the Bolt app, each once, whichever is called first and however often. */
class BoltConnection {
  readonly mode: SlackAdapter['mode'];
  port: number | null = null;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly bolt: App,
    private readonly receiver: SocketModeReceiver | HTTPReceiver,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly afterAcks: WorkAfterAcks,
  ) {
    this.mode = receiver instanceof SocketModeReceiver ? 'socket' : 'http';
  }

  start(): Promise<void> {
    return (this.starting ??= (async () => {
      if (this.mode === 'socket') {
        await this.bolt.start();
      } else {
        const server = (await this.bolt.start(this.config.PORT)) as { address(): AddressInfo | string | null };
        const address = server.address();
        this.port = typeof address === 'object' && address ? address.port : this.config.PORT;
      }
      this.logger.info({ mode: this.mode, port: this.port }, 'Slack adapter started');
    })());
  }

  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      await this.starting?.catch(() => {});
      if (this.starting) {
        try {
          // Socket Mode: wait for the socket to close, so nothing reconnects after this returns.
          if (this.receiver instanceof SocketModeReceiver) await this.receiver.client.disconnect();
          else await this.bolt.stop();
        } catch (error) {
          this.logger.warn({ error: (error as Error).message }, 'Slack receiver did not stop cleanly');
        }
      }
      await this.afterAcks.settle(DRAIN_MS);
    })());
  }
}

/** The banner's line, e.g. `slack (HTTP on port 3000 at /slack/events, workspace "Writers")`. */
function describeSlack(
  connection: BoltConnection,
  workspaces: WorkspaceDirectory,
  configured: { oauth: boolean; port: number },
): string {
  const names = workspaces
    .list()
    .map((w) => `"${w.teamName ?? w.teamId}"`)
    .join(', ');
  const how =
    connection.mode === 'socket'
      ? 'Socket Mode'
      : `HTTP on port ${connection.port ?? configured.port} at ${EVENTS_PATH}`;
  const which = [
    ...(names ? [`workspace ${names}`] : []),
    ...(configured.oauth ? [`more installed through ${INSTALL_PATH}`] : []),
  ].join('; ');
  return `slack (${how}, ${which})`;
}
