import {
  HTTPReceiver,
  SocketModeReceiver,
  type HTTPReceiverOptions,
  type Logger as BoltLogger,
  type webApi,
} from '@slack/bolt';
import type { TicketStateStore } from '../../app/ports.ts';
import type { Config } from '../../infra/config.ts';
import type { Logger } from '../../infra/logger.ts';
import type { FeedRequestHandler } from '../../infra/feed-http.ts';
import {
  installProblem,
  INSTALL_PATH,
  REDIRECT_PATH,
  sendInstallFailure,
  sendInstallSuccess,
} from './install-pages.ts';
import { SingleUseStateStore } from './oauth-state.ts';
import { guardSlackRequests } from './request-gate.ts';
import { BOT_SCOPES } from './scopes.ts';
import type { WorkspaceDirectory } from './workspaces.ts';

export const EVENTS_PATH = '/slack/events';
/** Bolt's own default; an over-long command inside it still gets a friendly answer naming the limit. */
const BODY_LIMIT = 4 * 1_048_576;

/** The OAuth trio: with all three the app can be installed in any number of workspaces. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface ReceiverOptions {
  config: Config;
  logger: Logger;
  boltLog: BoltLogger;
  /** Web API client settings for the installer's and Socket Mode's own clients. */
  clientOptions: () => webApi.WebClientOptions;
  oauth: OAuthSettings | undefined;
  workspaces: WorkspaceDirectory;
  state: TicketStateStore;
  feedHandler?: FeedRequestHandler | undefined;
}

/**
 * Socket Mode when an app token is set; otherwise the HTTP receiver on PORT at /slack/events,
 * behind the request gate, serving the OAuth install pages on the same server when the trio is set.
 */
export function createReceiver(options: ReceiverOptions): SocketModeReceiver | HTTPReceiver {
  const { config, boltLog } = options;
  if (config.SLACK_APP_TOKEN) {
    return new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: boltLog,
      installerOptions: { clientOptions: options.clientOptions() },
    });
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    endpoints: EVENTS_PATH,
    bodyLimit: BODY_LIMIT,
    port: config.PORT,
    logger: boltLog,
    ...(options.oauth ? installer(options, options.oauth) : {}),
  });
  const slack = guardSlackRequests(receiver.requestListener, {
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    path: EVENTS_PATH,
    bodyLimit: BODY_LIMIT,
    log: (fields, message) => options.logger.warn(fields, message),
  });
  const feeds = options.feedHandler;
  // Calendar apps poll the feeds on the same server, before Slack's signature check sees them.
  receiver.requestListener = feeds
    ? (req, res) => (feeds.matches(req.url) ? feeds.handle(req, res) : slack(req, res))
    : slack;
  return receiver;
}

/**
 * Bolt's OAuth installer: GET /slack/install redirects to Slack's authorize page and
 * GET /slack/oauth_redirect stores the installation through the WorkspaceDirectory.
 */
function installer(options: ReceiverOptions, oauth: OAuthSettings): Partial<HTTPReceiverOptions> {
  const { logger } = options;
  return {
    ...oauth,
    scopes: [...BOT_SCOPES],
    installationStore: options.workspaces.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // Straight to Slack's "Allow" page, with the state in a cookie too (CSRF protection).
      directInstall: true,
      stateVerification: true,
      stateStore: new SingleUseStateStore(options.state, oauth.stateSecret),
      // oauth.v2.access and the auth.test after it go to SLACK_API_URL.
      clientOptions: options.clientOptions(),
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
  };
}
