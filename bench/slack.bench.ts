/**
 * `npm run bench`: 50 concurrent signed slash commands to the Slack adapter's HTTP receiver,
 * started through the real start-up path against the fake Slack Web API, on PGlite in memory and
 * (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL.
 * Measures the time to the HTTP answer (Slack's ack, due within 3 s) as Slack would see it: the
 * requests are signed and sent from a child process, so the client's clock is not stopped by the
 * bot's own work. The work after each ack (dispatch, respond) runs meanwhile, as in production.
 * Prints p50/p99 over several rounds. Goal: p99 < 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { fork } from 'node:child_process';
import type { Database } from '../src/infra/db/client.ts';
import { forEachBenchDatabase } from './bench-databases.ts';
import { FAKE_TEAM } from '../test/support/fake-slack.ts';
import { SIGNING_SECRET, startSlackBot } from '../test/support/slack-harness.ts';
import { slackSignature } from '../test/support/slack-requests.ts';

const CONCURRENCY = 50;
const ROUNDS = 6;
/** The client process is this file started with `--client <job json>`. */
const CLIENT_FLAG = '--client';
const TEXTS = ['status', 'help', 'ask how much does Advantage cost?', 'status campaign:"Bench Book 1"'];

interface Job {
  eventsUrl: string;
  responseBase: string;
}

const userOf = (i: number) => ({ id: `U0BENCH${i}`, name: `bench${i}` });

/** One signed slash command; resolves with the milliseconds to its HTTP answer. */
async function send(job: Job, i: number, text: string): Promise<number> {
  const user = userOf(i);
  const body = new URLSearchParams({
    token: 'verification-token',
    team_id: FAKE_TEAM.id,
    team_domain: FAKE_TEAM.domain,
    channel_id: 'C0GENERAL',
    user_id: user.id,
    user_name: user.name,
    command: '/preorder',
    text,
    response_url: `${job.responseBase}/respond/${randomUUID()}`,
    trigger_id: `trigger-${randomUUID()}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(job.eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`ack answered HTTP ${res.status}`);
  return ms;
}

/** The client process: one burst per message from the bot's process, answering with the ack times. */
function runClient(): void {
  const job = JSON.parse(process.argv[process.argv.indexOf(CLIENT_FLAG) + 1]!) as Job;
  const burst = async (round: number) => {
    const times = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        send(
          job,
          i,
          round < 0
            ? `start title:"Bench Book ${i}" isbn:978-0-306-40615-7 release:2027-03-15`
            : TEXTS[(i + round) % TEXTS.length]!,
        ),
      ),
    );
    process.send!(times);
  };
  process.on('message', (message: { round: number } | 'stop') => {
    if (message === 'stop') return process.exit(0);
    burst(message.round).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function benchOn(database: Database, label: string): Promise<void> {
  const s = await startSlackBot(database);
  const job: Job = { eventsUrl: `http://127.0.0.1:${s.adapter.port}/slack/events`, responseBase: s.fake.base };
  const client = fork(new URL(import.meta.url), [CLIENT_FLAG, JSON.stringify(job)], { execArgv: ['--import', 'tsx'] });
  const burst = (round: number) =>
    new Promise<number[]>((resolve, reject) => {
      client.once('message', (times) => resolve(times as number[]));
      client.once('error', reject);
      client.send({ round });
    });
  try {
    // Warm-up: every member starts a campaign, so `status` does real work after its ack.
    await burst(-1);
    await s.fake.waitFor(() => s.fake.responses.length >= CONCURRENCY, 'warm-up replies', 30_000);
    const acks: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      s.fake.clear();
      const times = await burst(round);
      acks.push(...times);
      // The round's replies finish before the next burst, so rounds do not pile up.
      await s.fake.waitFor(() => s.fake.responses.length >= CONCURRENCY, 'replies', 30_000);
    }
    acks.sort((a, b) => a - b);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(
      `slack on ${label}: ${CONCURRENCY} concurrent signed slash commands × ${ROUNDS} rounds (${acks.length} requests), time to ack:` +
        ` p50 ${fmt(percentile(acks, 50))}, p99 ${fmt(percentile(acks, 99))}, max ${fmt(acks.at(-1)!)} (goal p99 < 100 ms)`,
    );
  } finally {
    client.send('stop');
    await s.close();
  }
}

async function main(): Promise<void> {
  await forEachBenchDatabase(benchOn);
}

if (process.argv.includes(CLIENT_FLAG)) runClient();
else await main();
