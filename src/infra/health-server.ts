import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

/**
 * A tiny HTTP server for probes and scraping, on its own port (HEALTH_PORT):
 *
 *   GET /healthz  200 {"status":"ok",...details} or 503 {"status":"unavailable",...details}
 *   GET /metrics  Prometheus text exposition
 *
 * Anything else is 404; another method on those two paths is 405. It listens on 127.0.0.1 unless
 * told otherwise (HEALTH_HOST=0.0.0.0 in containers). `close()` also drops idle keep-alive
 * connections, so shutdown never waits on a scraper.
 */

export interface HealthReport {
  ok: boolean;
  details: Record<string, unknown>;
}

export interface HealthServerOptions {
  /** 0 picks a free port; the returned `port` is the real one. */
  port: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  metrics: Metrics;
  health: () => Promise<HealthReport>;
  log?: (msg: string) => void;
  /** A health check still running after this long answers 503. Default 5000 ms. */
  healthTimeoutMs?: number;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_HEALTH_TIMEOUT_MS = 5000;
const ROUTES = new Set(['/healthz', '/metrics']);

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { metrics, health, log = () => {} } = options;
  const host = options.host ?? DEFAULT_HOST;
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;

  async function healthz(res: ServerResponse): Promise<void> {
    let report: HealthReport;
    try {
      report = await withTimeout(health(), healthTimeoutMs);
    } catch (error) {
      // The message only: a stack would tell a prober about the code and the file system.
      report = { ok: false, details: { error: messageOf(error) } };
    }
    const body: Record<string, unknown> = { status: report.ok ? 'ok' : 'unavailable' };
    for (const [key, value] of Object.entries(report.details ?? {})) if (key !== 'status') body[key] = value;
    send(res, report.ok ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === undefined || !ROUTES.has(path)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === '/healthz') return healthz(res);
    const { contentType, body } = await metrics.render();
    send(res, 200, contentType, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`health server: ${req.method} ${req.url} failed: ${messageOf(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => log(`health server: ${messageOf(error)}`));

  const port = (server.address() as AddressInfo).port;
  log(`health server listening on http://${host.includes(':') ? `[${host}]` : host}:${port} (/healthz, /metrics)`);

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() stops accepting and waits for open connections; a keep-alive scraper would
        // hold it open, so end them all now.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health check took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
