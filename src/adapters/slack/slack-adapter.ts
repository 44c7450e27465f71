import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';
import { HomePublisher } from './home-publisher.ts';
import {
  installProblem,
  INSTALL_PATH,
  REDIRECT_PATH,
  sendInstallFailure,
  sendInstallSuccess,
} from './install-pages.ts';
import { InstallationRecords } from './installations.ts';
import { SingleUseStateStore } from './oauth-state.ts';
import { registerListeners } from './listeners.ts';
import { guardSlackRequests } from './request-gate.ts';
import { BOT_SCOPES } from './scopes.ts';
import { WorkLimiter } from '../work-limiter.ts';
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
const EVENTS_PATH = '/slack/events';
/** Bolt's own default; an over-long command inside it still gets a friendly answer naming the limit. */
const BODY_LIMIT = 4 * 1_048_576;

/**
 * Builds the Bolt app: the HTTP receiver on PORT at /slack/events, or Socket Mode when an app
 * token is set. The bot token, when set, is checked with `auth.test` before the App exists, so a
 * bad token or an unreachable API stops start-up with a message naming the variable.
 *
 * With SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET the app can be installed in
 * any number of workspaces: Bolt's OAuth installer serves GET /slack/install (a redirect to
 * Slack's authorize page) and GET /slack/oauth_redirect on the same HTTP server, stores each
 * installation in `platform_state` through the WorkspaceDirectory, and authorizes every request
 * from it. Socket Mode is not combined with OAuth (the config refuses it).
 */
export async function createSlackAdapter(deps: AdapterDeps): Promise<SlackAdapter> {
  const { config, app: composed, clock } = deps;
  const logger = deps.logger.child({ platform: 'slack' });
  const botToken = config.SLACK_BOT_TOKEN;
  const oauth =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          stateSecret: config.SLACK_STATE_SECRET,
        }
      : undefined;
  if (!botToken && !oauth) {
    throw new Error(
      'the Slack adapter needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
  }
  if (oauth && config.SLACK_APP_TOKEN) {
    throw new Error('SLACK_APP_TOKEN (Socket Mode) cannot be combined with the OAuth install flow (SLACK_CLIENT_ID)');
  }
  // The OAuth client's debug output includes the oauth.v2.access request body (client_secret).
  const boltLog = boltLogger(logger, [
    config.SLACK_CLIENT_SECRET,
    config.SLACK_STATE_SECRET,
    config.SLACK_SIGNING_SECRET,
  ]);
  const quickRetries = config.NODE_ENV === 'test';
  // Interactive calls (respond, views.open, users.info) fail fast rather than retry for minutes.
  const clientOptions = (): webApi.WebClientOptions => ({
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: quickRetries ? { retries: 0 } : { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
    timeout: 10_000,
    logger: boltLog,
  });

  const workspaces = new WorkspaceDirectory({
    fixed: botToken
      ? [await WorkspaceDirectory.checkToken(new webApi.WebClient(undefined, clientOptions()), botToken)]
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
      endpoints: EVENTS_PATH,
      bodyLimit: BODY_LIMIT,
      port: config.PORT,
      logger: boltLog,
      ...(oauth
        ? {
            ...oauth,
            scopes: [...BOT_SCOPES],
            installationStore: workspaces.installationStore,
            installerOptions: {
              installPath: INSTALL_PATH,
              redirectUriPath: REDIRECT_PATH,
              // Straight to Slack's "Allow" page, with the state in a cookie too (CSRF protection).
              directInstall: true,
              stateVerification: true,
              stateStore: new SingleUseStateStore(deps.state, oauth.stateSecret),
              // oauth.v2.access and the auth.test after it go to SLACK_API_URL.
              clientOptions: clientOptions(),
              callbackOptions: {
                success: (installation, _options, _req, res) => {
                  logger.info(
                    {
                      team: installation.team?.id,
                      teamName: installation.team?.name,
                      enterprise: installation.enterprise?.id,
                      installer: installation.user?.id,
                    },
                    'Slack app installed in a workspace',
                  );
                  sendInstallSuccess(res, installation.team?.name);
                },
                failure: (error, _options, _req, res) => {
                  logger.warn({ error: error.code, reason: error.message }, 'Slack install did not finish');
                  sendInstallFailure(res, installProblem(error.code));
                },
              },
            },
          }
        : {}),
    });
  if (receiver instanceof HTTPReceiver) {
    receiver.requestListener = guardSlackRequests(receiver.requestListener, {
      signingSecret: config.SLACK_SIGNING_SECRET ?? '',
      path: EVENTS_PATH,
      bodyLimit: BODY_LIMIT,
      log: (fields, message) => logger.warn(fields, message),
    });
  }
  const bolt = new App({
    receiver,
    // With OAuth, Bolt takes its authorize from the installer, which asks workspaces.installationStore.
    ...(oauth ? {} : { authorize: workspaces.authorize }),
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
    home: new HomePublisher({ campaigns: composed.services.campaigns, clock, logger, workspaces }),
    workspaces,
    logger,
    track,
    work: new WorkLimiter(SLACK_WORK_SLOTS),
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
    const which = [
      ...(names ? [`workspace ${names}`] : []),
      ...(oauth ? [`more installed through ${INSTALL_PATH}`] : []),
    ].join('; ');
    return `slack (${how}, ${which})`;
  };

  return {
    platform: 'slack',
    mode,
    notifier,
    workspaces,
    oauth: oauth !== undefined,
    get port() {
      return port;
    },
    start,
    stop,
    describe,
  };
}
