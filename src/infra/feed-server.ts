import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedRequestHandler } from './feed-http.ts';

export interface FeedServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The calendar feeds' own HTTP server, for when Slack's receiver is not there to carry them
 * (Discord only, Socket Mode, the console). Anything but a feed path is 404.
 */
export async function startFeedServer(options: {
  port: number;
  host: string;
  handler: FeedRequestHandler;
}): Promise<FeedServer> {
  const server = createServer((req, res) => {
    if (options.handler.matches(req.url)) return options.handler.handle(req, res);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A calendar app's keep-alive connection must not hold shutdown open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The address people's calendar apps reach: PUBLIC_URL, else this machine on the bound port. */
export function feedBaseUrl(publicUrl: string | undefined, host: string, port: number): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}
