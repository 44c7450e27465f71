import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedDocument } from '../app/exports/feed-ports.ts';
import { FixedWindowLimiter } from './fixed-window-limiter.ts';

/**
 * GET /calendar/<token>.ics: a member's or the moderators' calendar for calendar apps to poll.
 * - 200 with ETag (hash of the body), Last-Modified and Cache-Control (hourly, private);
 * - 304 when If-None-Match names the current ETag (or, without it, If-Modified-Since is not older);
 * - 404 with the same body as any unknown path, so a wrong, revoked or malformed token tells nothing;
 * - 429 with Retry-After past 60 requests a minute per token or 120 per remote address.
 * The token is a secret: it never reaches a log line.
 */
export interface FeedHttpOptions {
  serve(token: string): Promise<FeedDocument | null>;
  /** Real time for the rate limit windows (not the app's clock, which a demo may move). */
  nowMs?: () => number;
  perToken?: { limit: number; windowMs: number };
  perAddress?: { limit: number; windowMs: number };
  log?: (fields: Record<string, unknown>, message: string) => void;
}

export interface FeedRequestHandler {
  /** Whether this path is a feed's: the caller hands the request over instead of its own routes. */
  matches(url: string | undefined): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

const ROUTE = /^\/calendar\/([^/?#]+)\.ics(?:\?.*)?$/;
const MAX_AGE_S = 3600;
const MINUTE = 60_000;

export function createFeedRequestHandler(options: FeedHttpOptions): FeedRequestHandler {
  const nowMs = options.nowMs ?? Date.now;
  const byToken = new FixedWindowLimiter(options.perToken ?? { limit: 60, windowMs: MINUTE });
  const byAddress = new FixedWindowLimiter(options.perAddress ?? { limit: 120, windowMs: MINUTE });
  const log = options.log ?? (() => {});

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'method not allowed\n');
    }
    const token = decodeToken(req.url);
    const address = req.socket.remoteAddress ?? 'unknown';
    const now = nowMs();
    const wait = byAddress.take(address, now) ?? (token ? byToken.take(token, now) : null);
    if (wait !== null) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
      return sendText(res, 429, 'too many requests\n');
    }
    const doc = token ? await options.serve(token) : null;
    if (!doc) return sendText(res, 404, 'not found\n');
    const etag = `"${createHash('sha256').update(doc.body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', doc.lastModified.toUTCString());
    res.setHeader('Cache-Control', `private, max-age=${MAX_AGE_S}`);
    if (notModified(req, etag, doc.lastModified)) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Length': Buffer.byteLength(doc.body),
      'Content-Disposition': 'inline; filename="preorder-pal.ics"',
    });
    res.end(req.method === 'HEAD' ? undefined : doc.body);
  }

  return {
    matches: (url) => ROUTE.test(url ?? ''),
    handle(req, res) {
      respond(req, res).catch((error: unknown) => {
        log({ err: error instanceof Error ? error.message : String(error) }, 'calendar feed request failed');
        if (!res.headersSent) sendText(res, 500, 'internal error\n');
        else res.destroy();
      });
    },
  };
}

function decodeToken(url: string | undefined): string | null {
  const raw = ROUTE.exec(url ?? '')?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** RFC 9110: If-None-Match wins over If-Modified-Since; entity tags compare weakly for GET. */
function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && lastModified.getTime() <= since;
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
