/**
 * `npm run bench` (second half): the reminder sweeper, with a notifier that answers at once.
 *
 * - throughput: BENCH_REMINDERS (default 20,000) due reminders drained on PostgreSQL by 1 and by 3
 *   sweeper processes (each its own client, started together; wall time from "go" to the last row
 *   sent), and on PGlite on disk by 1 sweeper in this process;
 * - delivery lag: due → delivered, p50/p99, while a producer adds reminders due "now" at a steady
 *   rate for ~10 s and a sweeper runs in `start()` mode with the real clock and the default pollMs;
 * - memory: a sweeper process's RSS and heap while it drains 2,000 due rows beside 10k, 100k and
 *   200k future ones.
 *
 * Goals: ≥ 1,000 reminders/s with 3 processes on PostgreSQL, lag p99 < 2 s, memory flat.
 * PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL (a fresh database, dropped afterwards);
 * without one, only the PGlite part runs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Clock } from '../src/app/ports.ts';
import type { Notifier } from '../src/app/reminders/ports.ts';
import { systemClock } from '../src/infra/clock.ts';
import { PrismaCampaignStore } from '../src/infra/db/campaign-store.ts';
import { openDatabase, type Database } from '../src/infra/db/client.ts';
import { PrismaReminderQueue } from '../src/infra/db/reminder-queue.ts';
import { ReminderSweeper, type SweeperMetrics, type SweeperOptions } from '../src/jobs/reminder-sweeper.ts';
import { seedCommunity, seedReminders } from '../test/support/reminder-seed.ts';
import { benchNumber } from './bench-databases.ts';

const REMINDERS = benchNumber('BENCH_REMINDERS', 20_000);
const LAG_RATE_PER_S = 200;
const LAG_SECONDS = 10;
const MEMORY_LEVELS = [10_000, 100_000, 200_000];
const MEMORY_DUE = 2_000;
const GOAL_THROUGHPUT = 1_000;
const GOAL_LAG_P99_MS = 2_000;

type Tuning = Pick<SweeperOptions, 'batchSize' | 'concurrency' | 'pollMs'>;
const DEFAULTS: Tuning = {};

const quiet = {
  info: () => {},
  warn: () => {},
  error: (obj: object, msg: string) => console.error(msg, obj),
  debug: () => {},
};
const instant: Notifier = { platforms: ['console'], deliver: async () => {} };

interface Stats {
  sent: number;
  ticks: number;
  tickMs: number[];
  lagMs: number[];
}

function recordingMetrics(stats: Stats, onTick?: () => void): SweeperMetrics {
  return {
    reminderSent: (e) => void stats.lagMs.push(e.lagMs),
    reminderFailed: (e) => console.error('reminder failed in the benchmark', e),
    reminderRetried: () => {},
    remindersMissed: () => {},
    sweeperTick: (e) => {
      stats.ticks++;
      stats.sent += e.claimed;
      if (e.claimed > 0) stats.tickMs.push(e.ms);
      onTick?.();
    },
  };
}

const newStats = (): Stats => ({ sent: 0, ticks: 0, tickMs: [], lagMs: [] });

function sweeperOn(database: Database, clock: Clock, metrics: SweeperMetrics, tuning: Tuning): ReminderSweeper {
  return new ReminderSweeper({
    queue: new PrismaReminderQueue(database.prisma),
    notifier: instant,
    clock,
    logger: quiet,
    campaigns: new PrismaCampaignStore(database.prisma),
    metrics,
    ...tuning,
  });
}

/** drain() stops after 1,000 ticks; keep going until a tick finds nothing. */
async function drainAll(sweeper: ReminderSweeper): Promise<void> {
  while ((await sweeper.drain()).claimed > 0);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const mean = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ok = (pass: boolean) => (pass ? 'met' : 'NOT MET');

// ---------------------------------------------------------------------------------------------
// Child mode: `sweeper.bench.ts child '<json>'` with DATABASE_URL set. Prints "ready", waits for
// "go" on stdin, drains, prints "result <json>".

interface ChildConfig {
  tuning: Tuning;
}

interface ChildResult {
  sent: number;
  ticks: number;
  /** The first tick pays for connecting and for Prisma preparing each query once; the others are steady. */
  firstTickMs: number;
  tickMsMean: number;
  tickMsP99: number;
  rssReady: number;
  rssPeak: number;
  rssAfter: number;
  heapAfter: number;
}

async function child(config: ChildConfig): Promise<void> {
  const database = await openDatabase(process.env.DATABASE_URL, { migrate: false });
  // One round trip so the pool has a connection before the clock starts.
  await database.prisma.$queryRawUnsafe('SELECT 1');
  const stats = newStats();
  const rssReady = process.memoryUsage.rss();
  let rssPeak = rssReady;
  const sweeper = sweeperOn(
    database,
    systemClock,
    recordingMetrics(stats, () => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss()))),
    config.tuning,
  );
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'go') break;
  }
  await drainAll(sweeper);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const tickMs = stats.tickMs.slice(1).sort((a, b) => a - b);
  const result: ChildResult = {
    sent: stats.sent,
    ticks: stats.ticks,
    firstTickMs: stats.tickMs[0] ?? NaN,
    tickMsMean: mean(tickMs),
    tickMsP99: percentile(tickMs, 99),
    rssReady,
    rssPeak,
    rssAfter: process.memoryUsage.rss(),
    heapAfter: process.memoryUsage().heapUsed,
  };
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
  await database.close();
}

interface RunningChild {
  ready: Promise<void>;
  go(): void;
  result: Promise<ChildResult>;
  /** After a failure: a child still waiting for "go" would keep this process alive. */
  kill(): void;
}

function spawnChild(url: string, config: ChildConfig, nodeFlags: string[] = []): RunningChild {
  const proc = spawn(
    process.execPath,
    [...process.execArgv, ...nodeFlags, fileURLToPath(import.meta.url), 'child', JSON.stringify(config)],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<ChildResult>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('result ')) resolve(JSON.parse(line.slice('result '.length)) as ChildResult);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => reject(new Error(`sweeper child ended (${code ?? signal}) before its result`)));
  });
  // A child that dies before it is ready must not leave the parent waiting forever.
  result.catch(() => markReady());
  return { ready, go: () => proc.stdin.end('go\n'), result, kill: () => void proc.kill('SIGKILL') };
}

// ---------------------------------------------------------------------------------------------

async function reset(sql: Database['sql']): Promise<string> {
  await sql.exec('TRUNCATE "reminders", "members", "communities" CASCADE');
  return seedCommunity(sql, { prefix: 'bench' });
}

async function seedDue(db: Database, count: number, prefix: string): Promise<void> {
  const communityId = await reset(db.sql);
  await seedReminders(db.sql, { communityId, prefix, count, when: 'due', now: new Date() });
  await db.sql.exec('ANALYZE "reminders"');
}

async function assertAllSent(db: Database, expected: number, label: string): Promise<void> {
  const [row] = await db.sql.query<{ sent: number; other: number }>(
    `SELECT count(*) FILTER (WHERE "state" = 'sent')::int AS "sent",
            count(*) FILTER (WHERE "state" <> 'sent')::int AS "other" FROM "reminders"`,
  );
  if (row?.sent !== expected || row.other !== 0)
    throw new Error(`${label}: expected ${expected} rows sent, found ${JSON.stringify(row)}`);
}

interface ThroughputRow {
  scenario: string;
  options: string;
  reminders: number;
  seconds: number;
  perSecond: number;
  split?: string;
  tickMs?: string;
}

const describeTuning = (t: Tuning) =>
  `batch ${t.batchSize ?? 50}, concurrency ${t.concurrency ?? 8}` + (t.pollMs ? `, poll ${t.pollMs} ms` : '');

async function throughputProcesses(
  db: Database,
  url: string,
  processes: number,
  tuning: Tuning,
  count: number,
): Promise<ThroughputRow> {
  await seedDue(db, count, `tp${processes}`);
  const children = Array.from({ length: processes }, () => spawnChild(url, { tuning }));
  let results: ChildResult[];
  let seconds: number;
  try {
    await Promise.all(children.map((c) => c.ready));
    const started = performance.now();
    for (const c of children) c.go();
    results = await Promise.all(children.map((c) => c.result));
    seconds = (performance.now() - started) / 1000;
  } catch (error) {
    for (const c of children) c.kill();
    throw error;
  }
  await assertAllSent(db, count, `${processes} process(es)`);
  const sent = results.reduce((sum, r) => sum + r.sent, 0);
  if (sent !== count) throw new Error(`children claimed ${sent} rows in all, expected ${count}`);
  return {
    scenario: `PostgreSQL, ${processes} process${processes > 1 ? 'es' : ''}`,
    options: describeTuning(tuning),
    reminders: count,
    seconds,
    perSecond: count / seconds,
    split: results.map((r) => fmt(r.sent)).join(' / '),
    tickMs: results.map((r) => r.tickMsMean.toFixed(1)).join(' / '),
  };
}

async function throughputInProcess(db: Database, label: string, tuning: Tuning, count: number): Promise<ThroughputRow> {
  await seedDue(db, count, 'tpl');
  const stats = newStats();
  const sweeper = sweeperOn(db, systemClock, recordingMetrics(stats), tuning);
  const started = performance.now();
  await drainAll(sweeper);
  const seconds = (performance.now() - started) / 1000;
  await assertAllSent(db, count, label);
  return {
    scenario: label,
    options: describeTuning(tuning),
    reminders: count,
    seconds,
    perSecond: count / seconds,
    split: fmt(stats.sent),
    tickMs: mean(stats.tickMs).toFixed(1),
  };
}

interface LagResult {
  backend: string;
  produced: number;
  p50: number;
  p99: number;
  max: number;
}

/** A producer adds reminders due "now" every 100 ms; the sweeper runs as the bot runs it. */
async function lag(backend: string, db: Database, producerDb: Database): Promise<LagResult> {
  const communityId = await reset(db.sql);
  const stats = newStats();
  const sweeper = sweeperOn(db, systemClock, recordingMetrics(stats), DEFAULTS);
  sweeper.start();
  const perStep = Math.max(1, Math.round(LAG_RATE_PER_S / 10));
  const steps = LAG_SECONDS * 10;
  const started = performance.now();
  let produced = 0;
  for (let step = 0; step < steps; step++) {
    await seedReminders(producerDb.sql, {
      communityId,
      prefix: `lag${step}`,
      count: perStep,
      when: 'due',
      now: new Date(),
    });
    produced += perStep;
    const next = started + (step + 1) * 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  const deadline = Date.now() + 30_000;
  while (stats.lagMs.length < produced && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await sweeper.stop();
  await assertAllSent(db, produced, `lag on ${backend}`);
  const sorted = [...stats.lagMs].sort((a, b) => a - b);
  return { backend, produced, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

interface MemoryRow {
  future: number;
  result: ChildResult;
}

async function memory(db: Database, url: string): Promise<MemoryRow[]> {
  const communityId = await reset(db.sql);
  const rows: MemoryRow[] = [];
  let seeded = 0;
  for (const level of MEMORY_LEVELS) {
    await seedReminders(db.sql, {
      communityId,
      prefix: `future${level}`,
      count: level - seeded,
      when: 'future',
      now: new Date(),
      memberPerRow: false,
    });
    seeded = level;
    await seedReminders(db.sql, {
      communityId,
      prefix: `memdue${level}`,
      count: MEMORY_DUE,
      when: 'due',
      now: new Date(),
    });
    await db.sql.exec('ANALYZE "reminders"');
    const c = spawnChild(url, { tuning: DEFAULTS }, ['--expose-gc']);
    const result = await c.ready
      .then(() => {
        c.go();
        return c.result;
      })
      .catch((error: unknown) => {
        c.kill();
        throw error;
      });
    if (result.sent !== MEMORY_DUE)
      throw new Error(`memory run at ${level}: sent ${result.sent}, expected ${MEMORY_DUE}`);
    rows.push({ future: level, result });
  }
  return rows;
}

interface Breakdown {
  batchSize: number;
  ticks: number;
  perSecond: number;
  phases: [string, number][];
  cpuMsPerReminder: number;
}

/**
 * Where a tick's time goes, per queue call, in one in-process sweeper: the calls are timed through a
 * Proxy around the queue; "sweeper" is the rest (wording, delivery, bookkeeping).
 */
async function breakdown(db: Database, batchSize: number, count: number): Promise<Breakdown> {
  await seedDue(db, count, `bd${batchSize}`);
  const queue = new PrismaReminderQueue(db.prisma);
  const spent = new Map<string, number>();
  const timed = new Proxy(queue, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spent.set(String(property), (spent.get(String(property)) ?? 0) + performance.now() - started);
        }
      };
    },
  });
  const stats = newStats();
  const sweeper = new ReminderSweeper({
    queue: timed,
    notifier: instant,
    clock: systemClock,
    logger: quiet,
    campaigns: new PrismaCampaignStore(db.prisma),
    metrics: recordingMetrics(stats),
    batchSize,
  });
  await sweeper.tick(); // warm-up: the first use of each query
  spent.clear();
  const warm = stats.sent;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await drainAll(sweeper);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const ticks = stats.tickMs.length - 1;
  const inQueue = [...spent.values()].reduce((a, b) => a + b, 0);
  return {
    batchSize,
    ticks,
    perSecond: ((stats.sent - warm) / wall) * 1000,
    phases: [
      ...[...spent].map(([name, ms]): [string, number] => [name, ms / ticks]),
      ['sweeper', (wall - inQueue) / ticks],
    ],
    cpuMsPerReminder: (used.user + used.system) / 1000 / (stats.sent - warm),
  };
}

// ---------------------------------------------------------------------------------------------

function printBreakdown(rows: readonly Breakdown[]): void {
  console.log('\nWhere a tick goes (PostgreSQL, 1 sweeper in this process, ms per tick, after one warm-up tick):');
  const names = [...new Set(rows.flatMap((r) => r.phases.map(([n]) => n)))];
  console.log(`| batch | reminders/s | ${names.join(' | ')} | node CPU per reminder |`);
  console.log(`|---:|---:|${names.map(() => '---:|').join('')}---:|`);
  for (const r of rows) {
    const phase = new Map(r.phases);
    console.log(
      `| ${r.batchSize} | ${fmt(r.perSecond)} | ${names.map((n) => (phase.get(n) ?? 0).toFixed(2)).join(' | ')} | ` +
        `${(r.cpuMsPerReminder * 1000).toFixed(0)} µs |`,
    );
  }
}

function printThroughput(rows: readonly ThroughputRow[]): void {
  console.log('\n| scenario | options | reminders | wall | reminders/s | rows per sweeper | mean tick ms | goal |');
  console.log('|---|---|---:|---:|---:|---|---|---|');
  for (const r of rows) {
    const goal =
      r.scenario === 'PostgreSQL, 3 processes'
        ? `≥ ${fmt(GOAL_THROUGHPUT)}/s: ${ok(r.perSecond >= GOAL_THROUGHPUT)}`
        : '';
    console.log(
      `| ${r.scenario} | ${r.options} | ${fmt(r.reminders)} | ${r.seconds.toFixed(2)} s | ${fmt(r.perSecond)} | ${r.split ?? ''} | ${r.tickMs ?? ''} | ${goal} |`,
    );
  }
}

function printLag(rows: readonly LagResult[]): void {
  console.log(
    `\nDelivery lag (due → delivered), ${LAG_RATE_PER_S}/s due "now" for ${LAG_SECONDS} s, start() mode, default pollMs 1000:`,
  );
  console.log('| backend | reminders | p50 | p99 | max | goal p99 < 2 s |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${r.backend} | ${fmt(r.produced)} | ${fmt(r.p50)} ms | ${fmt(r.p99)} ms | ${fmt(r.max)} ms | ${ok(r.p99 < GOAL_LAG_P99_MS)} |`,
    );
  }
}

function printMemory(rows: readonly MemoryRow[]): void {
  console.log(
    `\nMemory of one sweeper process draining ${fmt(MEMORY_DUE)} due rows beside N future rows (PostgreSQL):`,
  );
  console.log('| future rows | RSS when ready | RSS peak | heap after GC | first tick | later ticks mean / p99 |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const { future, result: r } of rows) {
    console.log(
      `| ${fmt(future)} | ${mb(r.rssReady)} | ${mb(r.rssPeak)} | ${mb(r.heapAfter)} | ${fmt(r.firstTickMs)} ms | ` +
        `${r.tickMsMean.toFixed(1)} / ${r.tickMsP99.toFixed(1)} ms |`,
    );
  }
  // Growth from the smallest to the largest table, not spread: RSS peaks move ±15% between identical runs
  // with garbage-collection timing, so only the heap after a full GC gets the tight bound.
  const first = rows[0]!.result;
  const last = rows.at(-1)!.result;
  const rssGrowth = (last.rssPeak - first.rssPeak) / first.rssPeak;
  const heapGrowth = (last.heapAfter - first.heapAfter) / first.heapAfter;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
  console.log(
    `Goal: memory flat from ${fmt(rows[0]!.future)} to ${fmt(rows.at(-1)!.future)} future rows ` +
      `(heap after GC < +10%, RSS peak < +25%): ${ok(heapGrowth < 0.1 && rssGrowth < 0.25)} ` +
      `(heap ${pct(heapGrowth)}, RSS peak ${pct(rssGrowth)})`,
  );
}

async function main(): Promise<void> {
  console.log(
    `\nReminder sweeper benchmark: ${fmt(REMINDERS)} due reminders (BENCH_REMINDERS), a notifier that answers at once; ` +
      `${cpus().length} cores, Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  const throughput: ThroughputRow[] = [];
  const lags: LagResult[] = [];
  const breakdowns: Breakdown[] = [];

  const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  let memoryRows: MemoryRow[] | null = null;
  if (serverUrl) {
    const name = `preorder_pal_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase(url.toString());
    const producer = await openDatabase(url.toString(), { migrate: false });
    try {
      for (const tuning of [DEFAULTS, { batchSize: 200 }]) {
        for (const processes of [1, 3]) {
          throughput.push(await throughputProcesses(db, url.toString(), processes, tuning, REMINDERS));
        }
      }
      for (const batchSize of [50, 200]) breakdowns.push(await breakdown(db, batchSize, Math.min(REMINDERS, 10_000)));
      lags.push(await lag('PostgreSQL', db, producer));
      memoryRows = await memory(db, url.toString());
    } finally {
      await producer.close();
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }

  // On disk, as `npm start` runs it by default.
  const dir = await mkdtemp(join(tmpdir(), 'preorder-pal-sweeper-bench-'));
  const lite = await openDatabase(`pglite:${dir}`);
  try {
    throughput.push(await throughputInProcess(lite, 'PGlite on disk, 1 sweeper in-process', DEFAULTS, REMINDERS));
    lags.push(await lag('PGlite on disk', lite, lite));
  } finally {
    await lite.close();
    await rm(dir, { recursive: true, force: true });
  }

  printThroughput(throughput);
  if (breakdowns.length > 0) printBreakdown(breakdowns);
  printLag(lags);
  if (memoryRows) printMemory(memoryRows);
  else console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server to include it)');
}

if (process.argv[2] === 'child') {
  child(JSON.parse(process.argv[3] ?? '{}') as ChildConfig).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
