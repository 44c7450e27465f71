import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DISCORD_GLOBAL_LIMIT, GlobalLimit } from './fake-discord-limits.ts';
import { FakeGuildResources } from './fake-discord-guild.ts';
import { guildCreatePayload, nextSnowflake, type FakeGuild, type FakeUser } from './fake-discord-payloads.ts';

/**
 * A fake Discord on 127.0.0.1 for the real discord.js: REST under /api/v10 (every request
 * recorded with its JSON body, or for multipart uploads its `payload_json` and files) and a gateway (HELLO, IDENTIFY → READY + one GUILD_CREATE per
 * guild, heartbeat ACKs, RESUME → RESUMED) to which tests push INTERACTION_CREATE events.
 * Failures can be scripted per route (a 50007 DM refusal, a 429 with Retry-After, a 500).
 */
export interface RecordedRequest {
  method: string;
  /** Without /api/v10 and without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Files of a multipart request (`files[n]`); its JSON (`payload_json`) is the body. */
  files: RecordedFile[];
  /** performance.now() when the request arrived. */
  at: number;
}

export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface FailureRule {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  botUser?: FakeUser;
  guilds?: FakeGuild[];
  /** What GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Channels, forum threads and scheduled events (fake-discord-guild.ts). */
  readonly guild = new FakeGuildResources();
  /** Every payload the bot sent on the gateway (IDENTIFY shows the intents). */
  readonly gatewayReceived: { op: number; d: unknown }[] = [];
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guilds: FakeGuild[];
  readonly recommendedShards: number;
  /** The shard each gateway connection identified as. */
  private readonly shardOfSocket = new Map<WebSocket, [number, number]>();
  private readonly failures: (FailureRule & { left: number })[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly sockets = new Set<WebSocket>();
  /** Requests the global limit answered with 429 (see `enforceGlobalLimit`). */
  readonly refused: RecordedRequest[] = [];
  private sequence = 0;
  private dmChannels = new Map<string, string>();
  private globalLimit: GlobalLimit | null = null;
  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    options: FakeDiscordOptions,
  ) {
    this.applicationId = options.applicationId ?? '1100000000000000001';
    this.botUser = options.botUser ?? { id: this.applicationId, username: 'Pre-order Pal', bot: true };
    this.guilds = options.guilds ?? [];
    this.recommendedShards = options.recommendedShards ?? 1;
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    const fake = new FakeDiscord(server, wss, options);
    server.on('request', (req, res) => {
      // A fake that breaks must fail the test loudly, not leave an unhandled rejection behind.
      fake.onRequest(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    wss.on('connection', (socket) => fake.onGateway(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The value for DISCORD_API_URL (the client's `rest.api`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The DM channel id this fake gives a user (stable, so tests can name it). */
  dmChannelId(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = nextSnowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  /** From now on Discord's global limit is enforced (see fake-discord-limits.ts); refusals land in `refused`. */
  enforceGlobalLimit(perSecond = DISCORD_GLOBAL_LIMIT): void {
    this.globalLimit = new GlobalLimit(perSecond);
  }

  fail(rule: FailureRule): void {
    this.failures.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Requests matching method and path (a string is an exact path, a RegExp is tested). */
  calls(method: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === method && (path === undefined || (typeof path === 'string' ? r.path === path : path.test(r.path))),
    );
  }

  /** Resolves with the first request from now on (or already recorded after `since`) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, options: { timeoutMs?: number; since?: number } = {}) {
    const already = this.requests.slice(options.since ?? this.requests.length).find(match);
    if (already) return Promise.resolve(already);
    return new Promise<RecordedRequest>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error('the fake Discord did not receive the expected request in time'));
      }, options.timeoutMs ?? 5000);
      this.waiters.add(waiter);
    });
  }

  /**
   * Sends a gateway dispatch as Discord routes it: to the shard of its guild (a DM's events go to
   * shard 0); returns performance.now() at sending.
   */
  dispatch(t: string, d: unknown): number {
    const packet = JSON.stringify({ op: 0, t, s: ++this.sequence, d });
    const guildId = (d as { guild_id?: string } | null)?.guild_id;
    const sentAt = performance.now();
    for (const socket of this.sockets) {
      const [shard, count] = this.shardOfSocket.get(socket) ?? [0, 1];
      if ((guildId ? FakeDiscord.shardOf(guildId, count) : 0) === shard) socket.send(packet);
    }
    return sentAt;
  }

  /** The shards that identified, as [shard, count] pairs. */
  identifiedShards(): [number, number][] {
    return this.gatewayReceived
      .filter((p) => p.op === 2)
      .map((p) => ((p.d as { shard?: [number, number] }).shard ?? [0, 1]) as [number, number]);
  }

  /**
   * Dispatches an INTERACTION_CREATE and resolves with the bot's first callback for it, plus the
   * time from dispatch to that callback arriving.
   */
  async interact(payload: { id: string; token: string }): Promise<{ callback: RecordedRequest; ms: number }> {
    const path = `/interactions/${payload.id}/${payload.token}/callback`;
    const since = this.requests.length;
    const callback = this.waitFor((r) => r.method === 'POST' && r.path === path, { since });
    const sentAt = this.dispatch('INTERACTION_CREATE', payload);
    const got = await callback;
    return { callback: got, ms: got.at - sentAt };
  }

  /** Requests made with one interaction's token (callback, edits, follow-ups). */
  forInteraction(payload: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${payload.token}`));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onGateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.shardOfSocket.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
      this.gatewayReceived.push(packet);
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) this.ready(socket, packet.d?.shard);
      if (packet.op === 6) socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.sequence, d: {} }));
    });
  }

  /** The shard a guild belongs to, by Discord's rule: (guild_id >> 22) % shard_count. */
  static shardOf(guildId: string, count: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  private ready(socket: WebSocket, shard: [number, number] = [0, 1]): void {
    const send = (t: string, d: unknown) => socket.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    // As Discord does, a shard hears only about its own guilds.
    this.shardOfSocket.set(socket, shard);
    const guilds = this.guilds.filter((g) => FakeDiscord.shardOf(g.id, shard[1]) === shard[0]);
    send('READY', {
      v: 10,
      user: { ...this.botUser, discriminator: '0', global_name: null, avatar: null, bot: true },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${nextSnowflake()}`,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of guilds) send('GUILD_CREATE', guildCreatePayload(guild));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = Buffer.concat(chunks);
    const contentType = String(req.headers['content-type'] ?? '');
    const { body, files } = contentType.startsWith('multipart/form-data')
      ? await parseMultipart(raw, contentType)
      : { body: parseJson(raw.toString('utf8')), files: [] };
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at: performance.now(),
    };
    this.requests.push(request);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(request)) {
        this.waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
    const failure = this.failures.find((f) => f.left > 0 && f.method === request.method && f.path.test(path));
    if (failure) {
      failure.left--;
      return this.send(res, failure.status, failure.body ?? { message: 'failure', code: 0 }, failure.headers);
    }
    const refusal = this.globalLimit?.refusal(path, request.at);
    if (refusal) {
      this.refused.push(request);
      return this.send(res, 429, refusal.body, refusal.headers);
    }
    const [status, answer] = this.route(request);
    this.send(res, status, answer);
  }

  private route(r: RecordedRequest): [number, unknown] {
    const { method, path } = r;
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/gateway/bot') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(r.body) ? (r.body as Record<string, unknown>[]) : [];
      return [
        200,
        commands.map((c) => ({
          ...c,
          id: nextSnowflake(),
          application_id: this.applicationId,
          version: nextSnowflake(),
        })),
      ];
    }
    // Every callback type (4 reply, 5 defer, 8 autocomplete, 9 modal) is accepted alike.
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      return r.query.get('with_response') === 'true' ? [200, { interaction: { id: path.split('/')[2] } }] : [204, null];
    }
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.exec(path);
    if (webhook) {
      if (method === 'DELETE') return [204, null];
      if (method === 'PATCH' || method === 'POST') return [200, this.message('0', body)];
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(body.recipient_id ?? '');
      return [
        200,
        {
          id: this.dmChannelId(recipient),
          type: 1,
          recipients: [{ id: recipient, username: 'member', discriminator: '0' }],
        },
      ];
    }
    const guildRoute = this.guild.route(r);
    if (guildRoute) return guildRoute;
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessages) return [200, this.message(channelMessages[1]!, body)];
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private message(channelId: string, body: Record<string, unknown>) {
    return {
      id: nextSnowflake(),
      channel_id: channelId,
      author: { ...this.botUser, discriminator: '0', avatar: null, global_name: null, bot: true },
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: ((body.attachments ?? []) as { id: number | string; filename?: string }[]).map((a) => ({
        id: nextSnowflake(),
        filename: a.filename ?? 'file',
        size: 1,
        url: `https://cdn.example.invalid/${a.filename ?? 'file'}`,
        proxy_url: `https://cdn.example.invalid/${a.filename ?? 'file'}`,
      })),
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
      flags: body.flags ?? 0,
    };
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || body === null) {
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** discord.js uploads as Discord documents it: `payload_json` plus `files[n]` parts. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const files: RecordedFile[] = [];
  let body: unknown = null;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parseJson(value);
      continue;
    }
    files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { body, files };
}
