import type { Notifier } from '../app/reminders/ports.ts';
import type { Clock, Platform, TicketStateStore } from '../app/ports.ts';
import type { App } from '../compose.ts';
import type { Config } from '../infra/config.ts';
import type { Logger } from '../infra/logger.ts';
import type { FeedRequestHandler } from '../infra/feed-http.ts';

/** What every platform adapter is given: the composed app and the process's shared pieces. */
export interface AdapterDeps {
  config: Config;
  app: App;
  clock: Clock;
  logger: Logger;
  /** Embedded PGlite runs queries on this process's event loop; adapters size their concurrency by it. */
  databaseKind: 'pglite' | 'postgres';
  /** Facts kept across boots, e.g. the hash of the registered command set. */
  state: TicketStateStore;
  /** Calendar feed requests, served by Slack's HTTP receiver when it runs. */
  feedHandler?: FeedRequestHandler;
}

/**
 * A chat platform seen from main: connect, deliver reminders, disconnect. Commands arrive through
 * the adapter's own listener and go to `app.dispatcher`; reminders leave through `notifier`.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly notifier: Notifier;
  /** Connects and resolves once commands can be received. */
  start(): Promise<void>;
  /** Stops receiving; safe to call twice and before start finished. */
  stop(): Promise<void>;
  /** One line for the start-up banner, e.g. "discord (logged in as Pal#1234, 3 servers)". */
  describe(): string;
}
