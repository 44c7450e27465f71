/**
 * `npm run bench` (Discord part): the real bot (startBot, discord.js) against the fake Discord,
 * 50 concurrent `/preorder start` then 50 concurrent `/preorder status` interactions per round.
 * The fake runs on its own thread (Discord is another machine, so its event loop must not
 * queue behind the bot's work). Measures the time from the gateway dispatch of INTERACTION_CREATE to the interaction callback
 * POST arriving at the fake (the 3-second deadline Discord enforces), plus, for start, the time
 * to the final answer (the edit after the deferral, which for status carries the chart).
 * Goals: callback p99 < 100 ms; final answer p99 on PostgreSQL < 500 ms for start, < 400 ms for
 * status (issue 17), over the bursts after the first one; the first burst after the bot started
 * is printed apart.
 * Databases: PGlite in memory, then PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 */
import { startBot } from '../src/bot.ts';
import { isbn13CheckDigit } from '../src/core/isbn.ts';
import { ManualClock } from '../src/infra/clock.ts';
import { loadConfig } from '../src/infra/config.ts';
import type { Database } from '../src/infra/db/client.ts';
import { forEachBenchDatabase } from './bench-databases.ts';
import { createLogger } from '../src/infra/logger.ts';
import { Worker } from 'node:worker_threads';
import { slashCommand, type MemberContext } from '../test/support/fake-discord-payloads.ts';
import { BENCH_GUILD } from './bench-guild.ts';

const CONCURRENCY = 50;
const ROUNDS = 4;
const DEADLINE_MS = 3000;
/** Issue 17: 50 members at once, PostgreSQL, from the interaction to the final answer. */
const START_ANSWER_GOAL_MS = 500;
const STATUS_ANSWER_GOAL_MS = 400;

const guild = BENCH_GUILD;

const isbnFor = (n: number) => {
  const first12 = `978${String(n).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(label: string, samples: number[]): { p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const max = sorted.at(-1)!;
  console.log(
    `${label.padEnd(44)} n=${String(sorted.length).padStart(4)}  p50 ${p50.toFixed(1).padStart(7)} ms  p99 ${p99
      .toFixed(1)
      .padStart(7)} ms  max ${max.toFixed(1).padStart(7)} ms`,
  );
  return { p99, max };
}

interface InteractionResult {
  ms: number;
  totalMs: number;
  callbackType: number;
}

interface Fake {
  apiUrl: string;
  applicationId: string;
  /** sends one interaction through the fake's gateway; resolves when its answer arrived */
  send(payload: unknown): Promise<InteractionResult>;
  close(): Promise<void>;
}

/** The fake Discord on its own thread (Discord is another machine: its event loop must not queue behind the bot's). */
async function startFake(): Promise<Fake> {
  // A worker does not inherit the tsx loader: it registers it, then loads the TypeScript module.
  const bootstrap = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(new URL('./discord-fake-worker.ts', import.meta.url).href)});
  })();`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { guilds: [guild] } });
  const pending = new Map<number, (r: InteractionResult) => void>();
  const ready = await new Promise<{ apiUrl: string; applicationId: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; seq: number; apiUrl: string; applicationId: string }) => {
      if (m.type === 'ready') resolve(m);
      if (m.type === 'result') pending.get(m.seq)?.(m as never);
    });
  });
  let seq = 0;
  return {
    ...ready,
    send: (payload) => {
      const id = ++seq;
      return new Promise<InteractionResult>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'interact', seq: id, payload });
      });
    },
    close: async () => {
      worker.postMessage({ type: 'close' });
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

interface Samples {
  startCallbacks: number[];
  startAnswers: number[];
  statusCallbacks: number[];
  statusAnswers: number[];
  wall: number[];
  /** The first burst after the bot started, before its code paths are compiled: shown, not judged. */
  cold: { startAnswers: number[]; statusAnswers: number[] };
}

type Send = (ctx: MemberContext, sub: string, options: Record<string, string>) => Promise<InteractionResult>;

const member = (n: number): MemberContext => ({
  guild,
  user: { id: String(3200000000000000000n + BigInt(n)), username: `author${n}` },
});

/** CONCURRENCY members starting a campaign at once, then asking for its status at once. */
async function burst(send: Send, users: readonly number[]) {
  let t = performance.now();
  const starts = await Promise.all(
    users.map((n) =>
      send(member(n), 'start', {
        title: `Bench Book ${n}`,
        isbn: isbnFor(n),
        release: '2027-06-01',
        timezone: 'America/New_York',
      }),
    ),
  );
  const startWall = performance.now() - t;
  t = performance.now();
  const statuses = await Promise.all(users.map((n) => send(member(n), 'status', {})));
  return { starts, statuses, walls: [startWall, performance.now() - t] };
}

/**
 * A few calls one at a time, then one burst measured apart (a process that has just started runs
 * its code unoptimised for the first few hundred calls), then ROUNDS measured bursts: the bot as it
 * runs most of the time.
 */
async function runRounds(send: Send): Promise<Samples> {
  for (let i = 0; i < 5; i++) {
    await send(member(100_000 + i), 'start', {
      title: `Warm-up ${i}`,
      isbn: isbnFor(900_000 + i),
      release: '2027-06-01',
    });
    await send(member(100_000 + i), 'status', {});
  }
  const users = (round: number) => Array.from({ length: CONCURRENCY }, (_, i) => round * CONCURRENCY + i);
  const first = await burst(send, users(ROUNDS));
  const out: Samples = {
    startCallbacks: [],
    startAnswers: [],
    statusCallbacks: [],
    statusAnswers: [],
    wall: [],
    cold: { startAnswers: first.starts.map((s) => s.totalMs), statusAnswers: first.statuses.map((s) => s.totalMs) },
  };
  for (let round = 0; round < ROUNDS; round++) {
    const { starts, statuses, walls } = await burst(send, users(round));
    out.wall.push(...walls);
    out.startCallbacks.push(...starts.map((s) => s.ms));
    out.startAnswers.push(...starts.map((s) => s.totalMs));
    out.statusCallbacks.push(...statuses.map((s) => s.ms));
    out.statusAnswers.push(...statuses.map((s) => s.totalMs));
  }
  return out;
}

const verdict = (p99: number, goal: number) => `${p99 < goal ? 'goal met' : 'goal missed'} (p99 < ${goal} ms)`;

function printResults(samples: Samples, label: string): void {
  const results = [
    report('start: dispatch → callback (deferral)', samples.startCallbacks),
    report('start: dispatch → answer (edit after deferral)', samples.startAnswers),
    // status draws the plan's timeline chart, so it is deferred like start.
    report('status: dispatch → callback (deferral)', samples.statusCallbacks),
    report('status: dispatch → answer with its chart', samples.statusAnswers),
  ];
  console.log(
    `rounds: ${ROUNDS}, wall time per batch of ${CONCURRENCY}: max ${Math.max(...samples.wall).toFixed(0)} ms`,
  );
  const coldMax = (xs: number[]) => Math.max(...xs).toFixed(0);
  console.log(
    `first burst after the bot started (not in the figures above): start answers within ${coldMax(samples.cold.startAnswers)} ms, status within ${coldMax(samples.cold.statusAnswers)} ms`,
  );
  const worst = Math.max(results[0]!.max, results[2]!.max);
  console.log(
    worst < DEADLINE_MS
      ? `every callback well inside the ${DEADLINE_MS} ms deadline (worst ${worst.toFixed(0)} ms)`
      : `WARNING: a callback took ${worst.toFixed(0)} ms`,
  );
  if (label !== 'PostgreSQL') return;
  console.log(`start final answer: ${verdict(results[1]!.p99, START_ANSWER_GOAL_MS)}`);
  console.log(`status final answer: ${verdict(results[3]!.p99, STATUS_ANSWER_GOAL_MS)}`);
}

async function benchOn(database: Database, label: string): Promise<void> {
  const fake = await startFake();
  const config = loadConfig({
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const clock = new ManualClock('2027-01-10T12:00:00Z');
  const bot = await startBot({ config, logger: createLogger(config), clock, database, startSweeper: false });
  console.log(`Discord interactions against the fake Discord on ${label}, ${CONCURRENCY} concurrent`);
  const samples = await runRounds((ctx, sub, options) =>
    fake.send(slashCommand(ctx, fake.applicationId, 'preorder', sub, options)),
  );
  printResults(samples, label);
  await bot.stop();
  await fake.close();
}

await forEachBenchDatabase(benchOn);
