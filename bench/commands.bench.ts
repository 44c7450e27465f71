/**
 * `npm run bench`: seeds 10,000 campaigns, then times start, status, done and ask through the
 * dispatch layer on PGlite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL points at a server)
 * on PostgreSQL. Prints p50/p99 per command and backend. Goals: campaign commands p99 < 50 ms on
 * PostgreSQL and < 100 ms on PGlite; ask p99 < 5 ms; `status` asked again with the plan unchanged
 * (its chart drawn already) p99 < 15 ms on PostgreSQL. `ask-kept` times questions the FAQ keeps
 * for moderators (a "Did you mean…"), which adds a database write.
 */
import { consoleActor } from '../src/adapters/console/console-chat.ts';
import { composeApp } from '../src/compose.ts';
import { isbn13CheckDigit } from '../src/core/isbn.ts';
import { ManualClock } from '../src/infra/clock.ts';
import type { Database } from '../src/infra/db/client.ts';
import { forEachBenchDatabase, benchNumber } from './bench-databases.ts';

const SEED_CAMPAIGNS = benchNumber('BENCH_CAMPAIGNS', 10_000);
const RUNS = benchNumber('BENCH_RUNS', 300);
const silent = { debug: () => {}, error: () => {} };

const QUESTIONS = [
  'How much does Amazon Advantage cost per year?',
  'When should I hit publish on KDP?',
  'What does zeroing out the POs mean?',
  'How do I know when my Amazon page has gone live?',
  'I am publishing on amazon.co.uk, is anything different?',
  'When will my preorders show up in my KDP reports?',
  // Harder ones: misspelt, a lead-time guard, and noise (answered with examples, never kept).
  'how do i confrim the purchse orders',
  'How many days before launch should the pre-order go up?',
  'asdf;lkj qwe',
  'hello',
];

/** Questions answered with "Did you mean…", which are also kept for moderators: a database write. */
const KEPT_QUESTIONS = [
  'Got new POs in my account today, what do I do with them',
  'does the zon giant bill me every single year',
  'I approved my proof on KDP in a rush because I was excited, and now the book is for sale. Did I ruin my chance at a pre-order?',
];

const isbnFor = (n: number) => {
  const first12 = `978${String(n).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
};

async function seed(db: Database, communityId: string): Promise<void> {
  const perMember = 5;
  for (let offset = 0; offset < SEED_CAMPAIGNS; offset += 1000) {
    const batch = Math.min(1000, SEED_CAMPAIGNS - offset);
    const members = Array.from({ length: Math.ceil(batch / perMember) }, (_, i) => ({
      id: `seed-m-${offset + i}`,
      platform: 'console' as const,
      externalId: `seed:${offset + i}`,
      displayName: `Seed ${offset + i}`,
    }));
    await db.prisma.member.createMany({ data: members });
    await db.prisma.campaign.createMany({
      data: Array.from({ length: batch }, (_, i) => ({
        communityId,
        memberId: members[Math.floor(i / perMember)]!.id,
        title: `Seeded Book ${offset + i}`,
        isbn13: isbnFor(offset + i),
        marketplace: 'US' as const,
        printer: 'kdp' as const,
        timeZone: 'America/New_York',
        releaseDate: new Date('2027-06-01T00:00:00Z'),
      })),
    });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Timed {
  line: string;
  p99: number;
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Timed> {
  for (let i = 0; i < 10; i += 1) await fn(runs + i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p99 = percentile(samples, 99);
  return {
    line: `${label.padEnd(13)} p50 ${percentile(samples, 50).toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms   (n=${runs})`,
    p99,
  };
}

/** Members asked again, round robin: few enough that each plan's chart is drawn already. */
const REPEAT_MEMBERS = 10;

async function benchBackend(name: string, db: Database): Promise<void> {
  const clock = new ManualClock('2027-01-10T12:00:00Z');
  const app = composeApp({ database: db, clock, logger: silent, defaultTimeZone: 'UTC' });
  const community = await app.store.ensureCommunity('console', 'local', { defaultTimeZone: 'UTC' });
  const seedStart = performance.now();
  await seed(db, community.id);
  console.log(
    `\n${name}: seeded ${SEED_CAMPAIGNS} campaigns in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const actor = (i: number) => consoleActor(`bench${i}`, 'Bench');
  const say = async (i: number, name: string, args: Record<string, unknown>) => {
    const reply = await app.dispatcher.dispatch(actor(i), { group: 'preorder', name, args });
    if (reply.tone === 'error')
      throw new Error(`${name} failed in the benchmark: ${reply.title} ${JSON.stringify(reply.lines)}`);
  };
  const results = [
    await time('start', RUNS, (i) =>
      say(i, 'start', {
        title: `Bench Book ${i}`,
        isbn: isbnFor(900_000 + i),
        release: '2027-06-01',
        timezone: 'Europe/London',
      }),
    ),
    await time('status', RUNS, (i) => say(i, 'status', {})),
    await time('status again', RUNS, (i) => say(i % REPEAT_MEMBERS, 'status', {})),
    await time('done', RUNS, (i) => say(i, 'done', { milestone: 'aa-account' })),
    await time('ask', RUNS, (i) => say(i, 'ask', { question: QUESTIONS[i % QUESTIONS.length]! })),
    await time('ask-kept', RUNS, (i) => say(i, 'ask', { question: KEPT_QUESTIONS[i % KEPT_QUESTIONS.length]! })),
  ];
  for (const r of results) console.log(`  ${r.line}`);
  if (name === 'PostgreSQL') {
    const again = results[2]!.p99;
    console.log(`  status again p99 ${again.toFixed(2)} ms — goal ${again < 15 ? 'met' : 'missed'} (p99 < 15 ms)`);
  }
}

async function main(): Promise<void> {
  console.log(`Pre-order Pal command benchmark: ${SEED_CAMPAIGNS} seeded campaigns, ${RUNS} timed runs per command`);
  // PGlite on disk, as `npm start` runs it by default.
  await forEachBenchDatabase((database, label) => benchBackend(label, database), { pglite: 'disk' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
