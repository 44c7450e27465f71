/**
 * `npm run bench` (rate-limit part, `npm run bench:rate-limit` alone): the real bot (startBot,
 * discord.js and Bolt, one sweeper on real time) against the fakes enforcing the platforms'
 * documented limits: Discord's global 50 requests a second, Slack's chat.postMessage 1 a second
 * per channel and 300 a minute per workspace. 10,000 reminders fall due at once: 8,800 DMs to
 * 2,200 Discord members (4 each) and 1,200 DMs to 1,200 Slack members.
 *
 * The split keeps the run to about four minutes while both limits bind: Discord needs 11,000
 * requests (one DM channel per member, then one message per reminder), so at least 219 s; Slack's
 * 1,200 messages at 300 a minute need at least 180 s. Both run at once, as in production, so the
 * bound is the larger. It prints the time against that bound, how many requests each fake
 * refused, and that none failed. Goal: within 10 % of the bound, no reminder failed.
 * `BENCH_RATE_SCALE=0.1` runs a tenth of everything (a quick check; the bound scales with it).
 */
import { PLAN_VERSION } from '../src/app/reminders/policy.ts';
import { startBot } from '../src/bot.ts';
import { systemClock } from '../src/infra/clock.ts';
import { loadConfig } from '../src/infra/config.ts';
import { openDatabase, type Database } from '../src/infra/db/client.ts';
import { createLogger } from '../src/infra/logger.ts';
import { Worker } from 'node:worker_threads';
import { DISCORD_GLOBAL_LIMIT } from '../test/support/fake-discord-limits.ts';
import { FAKE_TEAM } from '../test/support/fake-slack.ts';
import type { FakeStats } from './rate-limit-fakes-worker.ts';
import { SLACK_POST_MESSAGE_LIMITS } from '../test/support/fake-slack-limits.ts';
import { BENCH_GUILD } from './bench-guild.ts';
import { benchNumber } from './bench-databases.ts';

const SCALE = benchNumber('BENCH_RATE_SCALE', 1);
const DISCORD_MEMBERS = Math.round(2_200 * SCALE);
const DISCORD_PER_MEMBER = 4;
const SLACK_MEMBERS = Math.round(1_200 * SCALE);
const GOAL = 0.1;

const GUILD = BENCH_GUILD;

interface Seeded {
  platform: 'discord' | 'slack';
  members: number;
  perMember: number;
}

/**
 * One campaign per member and `perMember` "time to start" DMs per campaign, all due now: real
 * messages with embeds or blocks and buttons, as a member gets them. Set-based SQL, a few statements.
 */
async function seed(db: Database, communityId: string, s: Seeded, now: Date): Promise<void> {
  const p = s.platform;
  const external = p === 'discord' ? `(3300000000000000000 + g)::text` : `'U' || lpad(g::text, 8, '0')`;
  await db.sql.query(
    `INSERT INTO "members" ("id", "platform", "external_id", "display_name", "updated_at")
     SELECT $1 || '-m' || g, $1::"Platform", ${external}, 'Author ' || g, now() FROM generate_series(1, $2::int) g`,
    [p, s.members],
  );
  await db.sql.query(
    `INSERT INTO "campaigns" ("id", "community_id", "member_id", "title", "isbn13", "marketplace", "printer",
                              "time_zone", "release_date", "plan_version", "created_at", "updated_at")
     SELECT $1 || '-c' || g, $2, $1 || '-m' || g, 'Bench Book ' || g, '979' || lpad(g::text, 10, '0'), 'US', 'kdp',
            'UTC', ($3::timestamptz + interval '120 days')::date, $5, $3::timestamptz AT TIME ZONE 'UTC', now()
       FROM generate_series(1, $4::int) g`,
    [p, communityId, now.toISOString(), s.members, PLAN_VERSION],
  );
  await db.sql.query(
    `INSERT INTO "reminders" ("key", "platform", "community_id", "campaign_id", "member_id", "kind", "target",
                              "due_at", "run_at", "updated_at")
     SELECT $1 || '-c' || g || ':start:' || k, $1::"Platform", $2, $1 || '-c' || g, $1 || '-m' || g, 'start', 'dm',
            $3::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC', now()
       FROM generate_series(1, $4::int) g, generate_series(1, $5::int) k`,
    [p, communityId, now.toISOString(), s.members, s.perMember],
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const over = (ms: number, bound: number) =>
  bound === 0 ? 'no bound' : `${ms >= bound ? '+' : ''}${(((ms - bound) / bound) * 100).toFixed(1)} %`;

/** The fakes on their own thread (see rate-limit-fakes-worker.ts), asked for their counts by message. */
async function startFakes() {
  // A worker does not inherit the tsx loader: it registers it, then loads the TypeScript module.
  const bootstrap = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(new URL('./rate-limit-fakes-worker.ts', import.meta.url).href)});
  })();`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { guilds: [GUILD] } });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.on('error', reject);
    });
  const ready = (await next('ready')) as { discordApi: string; applicationId: string; slackApi: string };
  return {
    ...ready,
    async limit() {
      const done = next('limited');
      worker.postMessage({ type: 'limit' });
      await done;
    },
    async stats(): Promise<FakeStats> {
      const answer = next('stats');
      worker.postMessage({ type: 'stats' });
      return (await answer).stats as FakeStats;
    },
    async close() {
      worker.postMessage({ type: 'close' });
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

type Fakes = Awaited<ReturnType<typeof startFakes>>;

interface Plan {
  total: number;
  discordBound: number;
  slackBound: number;
  bound: number;
}

/** Seeds both communities' due reminders and works out the bound the platforms' limits set. */
async function seedAll(bot: Awaited<ReturnType<typeof startBot>>, database: Database): Promise<Plan> {
  const now = new Date();
  const guild = await bot.app.store.ensureCommunity('discord', GUILD.id, { defaultTimeZone: 'UTC' });
  const team = await bot.app.store.ensureCommunity('slack', FAKE_TEAM.id, { defaultTimeZone: 'UTC' });
  await seed(database, guild.id, { platform: 'discord', members: DISCORD_MEMBERS, perMember: DISCORD_PER_MEMBER }, now);
  await seed(database, team.id, { platform: 'slack', members: SLACK_MEMBERS, perMember: 1 }, now);
  const total = DISCORD_MEMBERS * DISCORD_PER_MEMBER + SLACK_MEMBERS;
  const discordRequests = DISCORD_MEMBERS + DISCORD_MEMBERS * DISCORD_PER_MEMBER;
  const perMinute = SLACK_POST_MESSAGE_LIMITS.perWorkspacePerMinute;
  // A sliding window lets the first `limit` through at once, then `limit` more each span.
  const discordBound = (Math.ceil(discordRequests / DISCORD_GLOBAL_LIMIT) - 1) * 1000;
  const slackBound = (Math.ceil(SLACK_MEMBERS / perMinute) - 1) * 60_000;
  console.log(
    `Rate limits: ${count(total)} reminders due at once on PGlite in memory: Discord ${count(DISCORD_MEMBERS * DISCORD_PER_MEMBER)} ` +
      `DMs to ${count(DISCORD_MEMBERS)} members, Slack ${count(SLACK_MEMBERS)} DMs to ${count(SLACK_MEMBERS)} members`,
  );
  return { total, discordBound, slackBound, bound: Math.max(discordBound, slackBound) };
}

interface Delivery {
  discordDone: number;
  slackDone: number;
  stats: FakeStats;
}

/** Starts the sweeper and waits until both fakes received every message (or far past the bound). */
async function deliver(bot: Awaited<ReturnType<typeof startBot>>, fakes: Fakes, bound: number): Promise<Delivery> {
  await fakes.limit();
  const started = performance.now();
  bot.sweeper.start();
  let discordDone = 0;
  let slackDone = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stats = await fakes.stats();
    const at = performance.now() - started;
    if (!discordDone && stats.discordMessages >= DISCORD_MEMBERS * DISCORD_PER_MEMBER) discordDone = at;
    if (!slackDone && stats.slackMessages >= SLACK_MEMBERS) slackDone = at;
    if ((discordDone && slackDone) || at > bound * 3 + 60_000) {
      if (!(discordDone && slackDone)) console.log(`WARNING: stopped waiting after ${seconds(at)}`);
      return { discordDone, slackDone, stats };
    }
  }
}

async function printOutcome(database: Database, plan: Plan, d: Delivery): Promise<void> {
  const elapsed = Math.max(d.discordDone, d.slackDone);
  const states = await database.prisma.reminder.groupBy({ by: ['state'], _count: { _all: true } });
  const byState = Object.fromEntries(states.map((s) => [s.state, s._count._all]));
  const attempts = await database.prisma.reminder.aggregate({ _max: { attempts: true } });
  const perMinute = SLACK_POST_MESSAGE_LIMITS.perWorkspacePerMinute;
  console.log(
    `Discord: ${count(d.stats.discordServed)} requests served (DM channels and messages) at ${DISCORD_GLOBAL_LIMIT}/s: ` +
      `bound ${seconds(plan.discordBound)}, all delivered after ${seconds(d.discordDone)} (${over(d.discordDone, plan.discordBound)}); ` +
      `${count(d.stats.discordRefused)} refused with 429`,
  );
  console.log(
    `Slack: ${count(SLACK_MEMBERS)} chat.postMessage at ${perMinute}/min per workspace and 1/s per channel: ` +
      `bound ${seconds(plan.slackBound)}, all delivered after ${seconds(d.slackDone)} (${over(d.slackDone, plan.slackBound)}); ` +
      `${count(d.stats.slackRefused)} refused with 429 (conversations.open is not limited by the fake)`,
  );
  const failed = byState.failed ?? 0;
  console.log(
    `All ${count(plan.total)}: ${seconds(elapsed)} against a bound of ${seconds(plan.bound)} (${over(elapsed, plan.bound)}, goal within ` +
      `${GOAL * 100} %); sent ${count(byState.sent ?? 0)}, failed ${failed}, still pending ${byState.pending ?? 0}; ` +
      `most attempts on one reminder: ${attempts._max.attempts ?? 0}`,
  );
  const met = failed === 0 && (byState.sent ?? 0) === plan.total && elapsed <= plan.bound * (1 + GOAL);
  console.log(met ? 'goal met' : 'GOAL NOT MET');
}

async function main(): Promise<void> {
  const fakes = await startFakes();
  const database = await openDatabase('pglite:memory');
  const config = loadConfig({
    DISCORD_TOKEN: 'bench-discord-token',
    DISCORD_APPLICATION_ID: fakes.applicationId,
    DISCORD_API_URL: fakes.discordApi,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: fakes.slackApi,
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const bot = await startBot({
    config,
    logger: createLogger(config),
    clock: systemClock,
    database,
    startSweeper: false,
  });
  try {
    const plan = await seedAll(bot, database);
    const delivery = await deliver(bot, fakes, plan.bound);
    // The last batch settles in the database just after its messages arrived.
    await bot.sweeper.stop();
    await printOutcome(database, plan, delivery);
  } finally {
    await bot.stop();
    await database.close();
    await fakes.close();
  }
}

await main();
