import { Writable } from 'node:stream';
import type { SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { startBot, type Bot } from '../../src/bot.ts';
import { ManualClock } from '../../src/infra/clock.ts';
import { loadConfig } from '../../src/infra/config.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { FakeSlack } from './fake-slack.ts';
import { SlackRequests } from './slack-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-bot-token-0123456789';
export const APP_TOKEN = 'xapp-test-app-token-0123456789';

export interface SlackBot {
  bot: Bot;
  fake: FakeSlack;
  clock: ManualClock;
  adapter: SlackAdapter;
  /** Signed requests to the bot's /slack/events (HTTP mode only). */
  slack: SlackRequests;
  /** http://127.0.0.1:<port> of the bot's HTTP receiver (HTTP mode only). */
  base: string;
  /** Every log line the bot wrote (JSON), to check that no secret is ever logged. */
  logs: string[];
  close(): Promise<void>;
}

export interface SlackBotOptions {
  now?: string;
  socketMode?: boolean;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn';
  /** An already started fake (to script it before the bot starts). */
  fake?: FakeSlack;
  /** More environment (e.g. the OAuth trio); wins over the defaults. */
  env?: Record<string, string>;
  /** Start without SLACK_BOT_TOKEN (OAuth installs only). */
  noBotToken?: boolean;
  /** Leave the fake running on close (to start another bot against it). */
  keepFake?: boolean;
}

/** The real start-up path (`startBot`) against a fake Slack, on the given database. */
export async function startSlackBot(database: Database, options: SlackBotOptions = {}): Promise<SlackBot> {
  const fake = options.fake ?? (await FakeSlack.start());
  const clock = new ManualClock(options.now ?? '2027-01-10T12:00:00Z');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: options.logLevel ?? 'warn',
    LOG_FORMAT: 'json',
    ...(options.noBotToken ? {} : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  let bot: Bot;
  try {
    bot = await startBot({ config, logger: createLogger(config, sink), clock, database, startSweeper: false });
  } catch (error) {
    if (!options.fake) await fake.close();
    throw error;
  }
  const adapter = bot.adapters.find((a) => a.platform === 'slack') as SlackAdapter;
  const base = `http://127.0.0.1:${adapter.port ?? 0}`;
  const slack = new SlackRequests(`${base}/slack/events`, SIGNING_SECRET, fake);
  return {
    bot,
    fake,
    clock,
    adapter,
    slack,
    base,
    logs,
    close: async () => {
      await bot.stop();
      if (!options.keepFake) await fake.close();
    },
  };
}

/** Moves the clock to `to`, stopping at each pending reminder on the way so each goes out on time. */
export async function advanceTo(s: SlackBot, to: string | Date): Promise<void> {
  const target = new Date(to);
  for (let step = 0; step < 2_000; step++) {
    const next = await s.bot.sweeper.nextRunAt();
    if (!next || next.getTime() > target.getTime()) break;
    if (next.getTime() > s.clock.now().getTime()) s.clock.set(next);
    await s.bot.sweeper.drain();
  }
  s.clock.set(target);
  await s.bot.sweeper.drain();
}

/** Messages the bot posted (chat.postMessage), optionally only those to one channel. */
export function posted(s: SlackBot, channel?: string): { channel: string; text: string; blocks: unknown[] }[] {
  return s.fake
    .callsTo('chat.postMessage')
    .map((c) => c.params as { channel: string; text: string; blocks: unknown[] })
    .filter((p) => channel === undefined || p.channel === channel);
}

/** The buttons in a message's blocks, by action id. */
export function buttonsOf(blocks: unknown): { action_id: string; value: string; text: { text: string } }[] {
  const list = (blocks ?? []) as { type: string; elements?: unknown[]; accessory?: unknown }[];
  return list.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) as {
    action_id: string;
    value: string;
    text: { text: string };
  }[];
}
