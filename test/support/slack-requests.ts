import { createHmac, randomUUID } from 'node:crypto';
import { FAKE_TEAM, type FakeSlack } from './fake-slack.ts';

/**
 * Requests as Slack sends them to `/slack/events`: slash commands form-encoded, interactions as
 * form-encoded `payload=<json>`, events as JSON, each signed with `v0=` HMAC-SHA256 of
 * `v0:<timestamp>:<body>`. Options forge a bad signature or a stale timestamp.
 */
export interface SignOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with the wrong secret. */
  badSignature?: boolean;
  /** Send no signature headers at all. */
  unsigned?: boolean;
}

export interface SentRequest {
  status: number;
  body: string;
  /** Time to the HTTP answer (the ack), in milliseconds. */
  ms: number;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackUser {
  id: string;
  name: string;
}

export class SlackRequests {
  constructor(
    private readonly eventsUrl: string,
    private readonly secret: string,
    private readonly fake: FakeSlack,
  ) {}

  async post(body: string, contentType: string, options: SignOptions = {}): Promise<SentRequest> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const secret = options.badSignature ? `${this.secret}-wrong` : this.secret;
    const started = performance.now();
    const signature = {
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    };
    const res = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(options.unsigned ? {} : signature) },
      body,
      // A request the bot never answers fails the test instead of hanging it.
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - started };
  }

  /** A slash command; its response_url is `responseId` on the fake. */
  command(
    user: SlackUser,
    text: string,
    options: SignOptions & { command?: string; responseId?: string; triggerId?: string; team?: string } = {},
  ): Promise<SentRequest> {
    const form = new URLSearchParams(slashCommandFields(this.fake, user, text, options));
    return this.post(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** A button press on a message (with a response_url) or, with `fromHome`, on the App Home tab. */
  press(
    user: SlackUser,
    button: { action_id: string; value: string },
    options: SignOptions & { responseId?: string; fromHome?: boolean } = {},
  ): Promise<SentRequest> {
    return this.interaction(blockActionsPayload(this.fake, user, button, options), options);
  }

  /** Submits the start form with raw input states keyed by block id. */
  submit(
    user: SlackUser,
    view: { callback_id: string; private_metadata?: string; values: Record<string, Record<string, unknown>> },
    options: SignOptions = {},
  ): Promise<SentRequest> {
    return this.interaction(viewSubmissionPayload(user, view), options);
  }

  /** The external select's type-ahead. */
  suggest(user: SlackUser, actionId: string, value: string): Promise<SentRequest> {
    return this.interaction({
      type: 'block_suggestion',
      action_id: actionId,
      block_id: 'timezone',
      value,
      team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
      user: { id: user.id, name: user.name, username: user.name, team_id: FAKE_TEAM.id },
      api_app_id: 'A0PALTEST',
      token: 'verification-token',
      view: { id: 'V1', callback_id: 'pp-start', type: 'modal' },
    });
  }

  homeOpened(user: SlackUser): Promise<SentRequest> {
    return this.post(JSON.stringify(homeOpenedBody(user)), 'application/json');
  }

  /** An Events API callback for `teamId` (e.g. `app_uninstalled`, `tokens_revoked`). */
  event(teamId: string, event: Record<string, unknown>, options: SignOptions = {}): Promise<SentRequest> {
    return this.post(JSON.stringify(eventBody(teamId, event)), 'application/json', options);
  }

  private interaction(payload: Record<string, unknown>, options: SignOptions = {}): Promise<SentRequest> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }
}

export function slashCommandFields(
  fake: FakeSlack,
  user: SlackUser,
  text: string,
  options: { command?: string; responseId?: string; triggerId?: string; team?: string } = {},
): Record<string, string> {
  return {
    token: 'verification-token',
    team_id: options.team ?? FAKE_TEAM.id,
    team_domain: FAKE_TEAM.domain,
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user.id,
    user_name: user.name,
    command: options.command ?? '/preorder',
    text,
    api_app_id: 'A0PALTEST',
    response_url: fake.responseUrl(options.responseId ?? randomUUID()),
    trigger_id: options.triggerId ?? `trigger-${randomUUID()}`,
  };
}

export function blockActionsPayload(
  fake: FakeSlack,
  user: SlackUser,
  button: { action_id: string; value: string },
  options: { responseId?: string; fromHome?: boolean } = {},
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: FAKE_TEAM.id },
    api_app_id: 'A0PALTEST',
    token: 'verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    container: options.fromHome ? { type: 'view', view_id: 'VHOME' } : { type: 'message', message_ts: '1.2' },
    ...(options.fromHome
      ? { view: { id: 'VHOME', type: 'home' } }
      : {
          channel: { id: `D${user.id}`, name: 'directmessage' },
          message: { type: 'message', ts: '1.2', text: 'reminder' },
          response_url: fake.responseUrl(options.responseId ?? randomUUID()),
        }),
    actions: [{ type: 'button', block_id: 'b1', action_ts: '1.3', ...button }],
  };
}

export function viewSubmissionPayload(
  user: SlackUser,
  view: { callback_id: string; private_metadata?: string; values: Record<string, Record<string, unknown>> },
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: FAKE_TEAM.id },
    api_app_id: 'A0PALTEST',
    token: 'verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: 'VMODAL',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values: view.values },
      hash: 'h',
    },
  };
}

export function homeOpenedBody(user: SlackUser): Record<string, unknown> {
  return {
    token: 'verification-token',
    team_id: FAKE_TEAM.id,
    api_app_id: 'A0PALTEST',
    type: 'event_callback',
    event_id: `Ev${randomUUID().slice(0, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: user.id, channel: `D${user.id}`, tab: 'home', event_ts: '1.1' },
    authorizations: [{ team_id: FAKE_TEAM.id, user_id: 'U0PALBOT', is_bot: true }],
  };
}

export function eventBody(teamId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'verification-token',
    team_id: teamId,
    api_app_id: 'A0PALTEST',
    type: 'event_callback',
    event_id: `Ev${randomUUID().slice(0, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: '1.1', ...event },
  };
}
