import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';
import { HomePublisher } from './home-publisher.ts';
import { registerListeners } from './listeners.ts';
import { boltLogger } from './slack-logger.ts';
import { SlackNotifier } from './slack-notifier.ts';
import { WorkQueue } from './work-queue.ts';
import { WorkspaceDirectory } from './workspaces.ts';

/** The Slack adapter as main sees it, plus what tests and the banner need to find it. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: 'http' | 'socket';
  /** The HTTP receiver's bound port once started (PORT=0 picks a free one); null in Socket Mode. */
  readonly port: number | null;
}

/** How long a start-form submission waits for the service before closing the form anyway. */
const FORM_BUDGET_MS = 2_000;
/** Commands and button presses worked on at once after their acks (see work-queue.ts). */
const WORK_CONCURRENCY = 4;
/** How long stop() lets work begun after an ack finish before closing. */
const DRAIN_MS = 5_000;

/**
 * Builds the Bolt app: the HTTP receiver on PORT at /slack/events, or Socket Mode when an app
 * token is set. The bot token is checked with `auth.test` before the App exists, so a bad token
 * or an unreachable API stops start-up with a message naming the variable.
 */
export async function createSlackAdapter(deps: AdapterDeps): Promise<SlackAdapter> {
  const { config, app: composed, clock } = deps;
  const logger = deps.logger.child({ platform: 'slack' });
  const botToken = config.SLACK_BOT_TOKEN;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is required for the Slack adapter');
  const boltLog = boltLogger(logger);
  const quickRetries = config.NODE_ENV === 'test';
  // Interactive calls (respond, views.open, users.info) fail fast rather than retry for minutes.
  const clientOptions = (): webApi.WebClientOptions => ({
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: quickRetries ? { retries: 0 } : { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
    timeout: 10_000,
    logger: boltLog,
  });

  const workspaces = await WorkspaceDirectory.fromToken(new webApi.WebClient(undefined, clientOptions()), botToken);
  // Reminders: no retries and no sleeping through a 429 here; the sweeper backs off and honours Retry-After.
  const notifier = new SlackNotifier(
    new webApi.WebClient(undefined, { ...clientOptions(), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    workspaces,
  );

  const mode: SlackAdapter['mode'] = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  const socketReceiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger: boltLog,
        installerOptions: { clientOptions: clientOptions() },
      })
    : undefined;
  const receiver =
    socketReceiver ??
    new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET ?? '',
      endpoints: '/slack/events',
      port: config.PORT,
      logger: boltLog,
    });
  const bolt = new App({
    receiver,
    authorize: workspaces.authorize,
    logger: boltLog,
    clientOptions: clientOptions(),
    convoStore: false,
  });

  const inflight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.finally(() => inflight.delete(settled));
    inflight.add(settled);
    return work;
  };
  registerListeners(bolt, {
    dispatcher: composed.dispatcher,
    home: new HomePublisher({
      store: composed.store,
      clock,
      defaultTimeZone: config.DEFAULT_TIMEZONE,
      logger,
      workspaces,
    }),
    workspaces,
    logger,
    track,
    queue: new WorkQueue(WORK_CONCURRENCY),
    formBudgetMs: FORM_BUDGET_MS,
  });

  let port: number | null = null;
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  const start = () =>
    (starting ??= (async () => {
      if (socketReceiver) {
        await bolt.start();
      } else {
        const server = (await bolt.start(config.PORT)) as { address(): AddressInfo | string | null };
        const address = server.address();
        port = typeof address === 'object' && address ? address.port : config.PORT;
      }
      logger.info({ mode, port }, 'Slack adapter started');
    })());

  const stop = () =>
    (stopping ??= (async () => {
      await starting?.catch(() => {});
      if (starting) {
        try {
          // Socket Mode: wait for the socket to close, so nothing reconnects after this returns.
          if (socketReceiver) await socketReceiver.client.disconnect();
          else await bolt.stop();
        } catch (error) {
          logger.warn({ error: (error as Error).message }, 'Slack receiver did not stop cleanly');
        }
      }
      // Work begun after an ack (replies, App Home) finishes before the database closes.
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
    })());

  const describe = () => {
    const names = workspaces
      .list()
      .map((w) => `"${w.teamName ?? w.teamId}"`)
      .join(', ');
    const how = mode === 'socket' ? 'Socket Mode' : `HTTP on port ${port ?? config.PORT} at /slack/events`;
    return `slack (${how}, workspace ${names})`;
  };

  return {
    platform: 'slack',
    mode,
    notifier,
    get port() {
      return port;
    },
    start,
    stop,
    describe,
  };
}
