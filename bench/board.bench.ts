/**
 * `npm run bench:board`: seeds 10,000 campaigns in one community (bench/seed-campaigns.ts), then
 * times `/preorder-admin campaigns` for every filter through the dispatcher, on PGlite in memory
 * and (when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server) on PostgreSQL. Prints p50/p99
 * per filter. Goal: p99 < 200 ms on PostgreSQL.
 */
import { consoleActor } from '../src/adapters/console/console-chat.ts';
import { composeApp } from '../src/compose.ts';
import { BOARD_FILTERS } from '../src/core/campaign-board.ts';
import { ManualClock } from '../src/infra/clock.ts';
import type { Database } from '../src/infra/db/client.ts';
import { forEachBenchDatabase, benchNumber } from './bench-databases.ts';
import { seedCampaigns } from './seed-campaigns.ts';

const CAMPAIGNS = benchNumber('BENCH_CAMPAIGNS', 10_000);
const RUNS = benchNumber('BENCH_RUNS', 200);
const NOW = '2027-01-10T12:00:00Z';
const silent = { debug: () => {}, error: () => {} };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function benchBackend(database: Database, label: string): Promise<void> {
  const clock = new ManualClock(NOW);
  const app = composeApp({ database, clock, logger: silent, defaultTimeZone: 'UTC' });
  const moderator = consoleActor('you', 'Bench');
  const community = await app.store.ensureCommunity('console', moderator.communityExternalId, {
    defaultTimeZone: 'UTC',
  });
  const seedStart = performance.now();
  await seedCampaigns(database.prisma, { communityId: community.id, count: CAMPAIGNS, now: new Date(NOW) });
  console.log(`\n${label}: seeded ${CAMPAIGNS} campaigns in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // A server's autovacuum gathers statistics within a minute of a bulk load; without them the
  // planner guesses a handful of rows and picks nested loops and on-disk sorts.
  await database.sql.exec('ANALYZE');

  for (const filter of BOARD_FILTERS) {
    const run = async (page: number) => {
      const reply = await app.dispatcher.dispatch(moderator, {
        group: 'preorder-admin',
        name: 'campaigns',
        args: { filter, page: String(page) },
      });
      if (reply.tone === 'error') throw new Error(`The board failed in the benchmark: ${reply.fallback}`);
      return reply;
    };
    const first = await run(1);
    for (let i = 0; i < 5; i += 1) await run(1); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      await run(1 + (i % 3));
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `  ${filter.padEnd(20)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(samples, 99)
        .toFixed(1)
        .padStart(7)} ms   (n=${RUNS}; ${first.title})`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`Campaign board benchmark: ${CAMPAIGNS} campaigns in one community, ${RUNS} timed runs per filter`);
  await forEachBenchDatabase(benchBackend);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
