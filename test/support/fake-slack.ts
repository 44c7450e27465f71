import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackSocket } from './fake-slack-socket.ts';
import { PostMessageLimiter, SLACK_POST_MESSAGE_LIMITS, type PostMessageLimits } from './fake-slack-limits.ts';

/**
 * A fake Slack for tests and the benchmark, on 127.0.0.1 only: the Web API methods the bot calls
 * (`/api/<method>`), `response_url` endpoints (`/respond/<id>`), the file upload flow (an
 * `upload_url` on this server, `/upload/<file id>`) and, for Socket Mode, a websocket
 * that `apps.connections.open` points at. Every call is recorded; any method can be told to fail.
 *
 * Several workspaces: each bot token belongs to a team (`addTeam`; any other `xoxb-` token is
 * FAKE_TEAM's), and methods answer as that team. `grant` scripts what `oauth.v2.access` returns
 * for a code (the OAuth install flow); `revoke` makes a token's every call fail `token_revoked`.
 */
export interface ApiCall {
  method: string;
  /** Form fields with JSON values (blocks, view) parsed; the token is kept apart. */
  params: Record<string, unknown>;
  token: string | undefined;
}

/** A file shared through the upload flow (files.getUploadURLExternal → upload_url → files.completeUploadExternal). */
export interface UploadedFile {
  id: string;
  name: string;
  title: string | undefined;
  bytes: Buffer;
  /** The channel it was shared in (completeUploadExternal's channel_id); undefined if never completed. */
  channel: string | undefined;
  altText: string | undefined;
}

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/** A scripted answer: a Slack error (`{ok:false,error}`) or an HTTP status with headers. */
export interface Failure {
  error?: string;
  status?: number;
  headers?: Record<string, string>;
  /** How many calls fail; default 1. */
  times?: number;
}

export interface FakeUser {
  id: string;
  name: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export const FAKE_TEAM = { id: 'T0PALTEST', name: 'Pal Test Workspace', domain: 'paltest' } as const;
export const FAKE_BOT = { userId: 'U0PALBOT', botId: 'B0PALBOT' } as const;
export const FAKE_APP_ID = 'A0PALTEST';

export interface FakeTeam {
  id: string;
  name: string;
  domain: string;
}

export interface FakeBotUser {
  userId: string;
  botId: string;
}

/** What `oauth.v2.access` hands out for one code. */
export interface FakeGrant {
  token: string;
  team: FakeTeam;
  bot: FakeBotUser;
  installerUserId: string;
  scopes: readonly string[];
  /** An org-wide (Enterprise Grid) install: no team, an enterprise. */
  enterprise?: { id: string; name: string };
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Calls the postMessage limits answered with 429 `ratelimited` (see `enforcePostMessageLimits`). */
  readonly refused: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Files by id, from getUploadURLExternal on; `shared()` lists the completed ones. */
  readonly uploads = new Map<string, UploadedFile>();
  readonly socket = new FakeSlackSocket();
  /** Milliseconds each Web API answer waits (to see that acks do not wait for the API). */
  delayMs = 0;
  private readonly failures = new Map<string, Failure[]>();
  private readonly teams = new Map<string, { team: FakeTeam; bot: FakeBotUser }>();
  private readonly grants = new Map<string, FakeGrant>();
  private readonly revoked = new Set<string>();
  /** The OAuth client `oauth.v2.access` accepts (see `acceptClient`). */
  private client: { id: string; secret: string } | undefined;
  private ts = 1_700_000_000;
  private postLimits: PostMessageLimiter | null = null;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => {
      // A fake that breaks must fail the test loudly, not leave an unhandled rejection behind.
      fake.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    fake.socket.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url; what is posted to it lands in `responses` under `id`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.base}/respond/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Calls made with `token` answer as `team`. */
  addTeam(token: string, team: FakeTeam, bot: FakeBotUser): void {
    this.teams.set(token, { team, bot });
  }

  /** The app's credentials, which `oauth.v2.access` checks. */
  acceptClient(id: string, secret: string): void {
    this.client = { id, secret };
  }

  /** `oauth.v2.access` with `code` returns this grant, once; its token then answers as its team. */
  grant(code: string, grant: FakeGrant): void {
    this.grants.set(code, grant);
  }

  /** Every later call with `token` fails `token_revoked`, as after an uninstall. */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** The team a bot token answers as. */
  teamOf(token: string | undefined): { team: FakeTeam; bot: FakeBotUser } {
    return (token && this.teams.get(token)) || { team: FAKE_TEAM, bot: FAKE_BOT };
  }

  /** From now on chat.postMessage answers 429 `ratelimited` with Retry-After beyond these limits. */
  enforcePostMessageLimits(limits: PostMessageLimits = SLACK_POST_MESSAGE_LIMITS): void {
    this.postLimits = new PostMessageLimiter(limits);
  }

  fail(method: string, failure: Failure): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ times: 1, ...failure });
    this.failures.set(method, queue);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Files completed into a channel, optionally only that channel. */
  shared(channel?: string): UploadedFile[] {
    return [...this.uploads.values()].filter((f) => f.channel !== undefined && (!channel || f.channel === channel));
  }

  clear(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }

  /** Polls until `check` returns something truthy (async work after an ack), or fails the test. */
  async waitFor<T>(
    check: () => T | undefined | null | false,
    what = 'the expected call',
    timeoutMs = 5_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ') || 'none';
        throw new Error(
          `timed out waiting for ${what}; Web API calls seen: ${seen}; responses: ${this.responses.length}`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const respond = url.pathname.match(/^\/respond\/([\w-]+)$/);
    if (respond && req.method === 'POST') {
      this.responses.push({ id: respond[1]!, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const upload = url.pathname.match(/^\/upload\/(F\w+)$/);
    if (upload && req.method === 'POST') {
      const file = this.uploads.get(upload[1]!);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      file.bytes = await uploadedBytes(Buffer.concat(chunks), String(req.headers['content-type'] ?? ''));
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
      return;
    }
    const api = url.pathname.match(/^\/api\/([\w.]+)$/);
    if (!api) {
      res.writeHead(404).end();
      return;
    }
    const method = api[1]!;
    const params = parseForm(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
    delete params.token;
    this.calls.push({ method, params, token });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));

    const failure = this.nextFailure(method);
    const wait =
      failure || !this.postLimits || method !== 'chat.postMessage'
        ? 0
        : this.postLimits.waitMs(String(params.channel), this.teamOf(token).team.id, performance.now());
    if (wait > 0) {
      this.refused.push(this.calls.at(-1)!);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(wait / 1000)) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (failure?.status) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ ok: false, error: failure.error ?? 'http_error' }));
      return;
    }
    const body = failure
      ? { ok: false, error: failure.error }
      : token && this.revoked.has(token)
        ? { ok: false, error: 'token_revoked' }
        : this.answer(method, params, token);
    res.writeHead(200, { 'content-type': 'application/json', ...failure?.headers }).end(JSON.stringify(body));
  }

  private nextFailure(method: string): Failure | undefined {
    const queue = this.failures.get(method);
    const head = queue?.[0];
    if (!head) return undefined;
    head.times = (head.times ?? 1) - 1;
    if (head.times <= 0) queue!.shift();
    return head;
  }

  private answer(method: string, params: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const ts = () => `${(this.ts += 1)}.000100`;
    switch (method) {
      case 'auth.test': {
        if (!token?.startsWith('xoxb-')) return { ok: false, error: 'invalid_auth' };
        const { team, bot } = this.teamOf(token);
        return {
          ok: true,
          url: `https://${team.domain}.slack.com/`,
          team: team.name,
          user: 'preorder-pal',
          team_id: team.id,
          user_id: bot.userId,
          bot_id: bot.botId,
        };
      }
      case 'oauth.v2.access': {
        if (!this.client || params.client_id !== this.client.id) return { ok: false, error: 'invalid_client_id' };
        if (params.client_secret !== this.client.secret) return { ok: false, error: 'bad_client_secret' };
        const grant = this.grants.get(String(params.code));
        if (!grant) return { ok: false, error: 'invalid_code' };
        this.grants.delete(String(params.code));
        this.addTeam(grant.token, grant.team, grant.bot);
        return {
          ok: true,
          app_id: FAKE_APP_ID,
          authed_user: { id: grant.installerUserId },
          scope: grant.scopes.join(','),
          token_type: 'bot',
          access_token: grant.token,
          bot_user_id: grant.bot.userId,
          team: grant.enterprise ? null : { id: grant.team.id, name: grant.team.name },
          enterprise: grant.enterprise ?? null,
          is_enterprise_install: Boolean(grant.enterprise),
        };
      }
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: this.socket.url(this.base) };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users)}` } };
      case 'chat.postMessage':
      case 'chat.postEphemeral':
        return { ok: true, channel: params.channel, ts: ts(), message_ts: ts() };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${ts()}`, ...(params.view as object) } };
      case 'files.getUploadURLExternal': {
        const id = `F${(this.ts += 1)}`;
        this.uploads.set(id, {
          id,
          name: String(params.filename),
          title: undefined,
          bytes: Buffer.alloc(0),
          channel: undefined,
          altText: params.alt_text === undefined ? undefined : String(params.alt_text),
        });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = (typeof params.files === 'string' ? safeJson(params.files) : params.files) as
          { id: string; title?: string }[] | undefined;
        const files = (list ?? []).map((f) => this.uploads.get(f.id));
        if (files.length === 0 || files.some((f) => !f)) return { ok: false, error: 'invalid_arguments' };
        for (const [index, file] of files.entries()) {
          file!.title = list![index]!.title;
          file!.channel = params.channel_id === undefined ? undefined : String(params.channel_id);
        }
        return { ok: true, files: files.map((f) => ({ id: f!.id, title: f!.title ?? f!.name })) };
      }
      case 'users.info': {
        const user = this.users.get(String(params.user));
        return user
          ? { ok: true, user: { ...user, team_id: this.teamOf(token).team.id } }
          : { ok: false, error: 'user_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseForm(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The upload_url takes the raw bytes, or (as the Node SDK sends them) a multipart form with one file. */
async function uploadedBytes(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
