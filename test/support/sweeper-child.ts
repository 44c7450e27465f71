/**
 * A reminder sweeper in its own process, for tests that kill it. The database comes from
 * DATABASE_URL (as for the bot); the rest from the command line:
 *
 *   node --import tsx test/support/sweeper-child.ts <deliveries-file> <owner> <leaseMs> <delayMs> <batchSize>
 *
 * It sweeps with the real clock in `start()` mode, exactly as the bot does. Every delivery waits
 * `delayMs`, then appends the delivered row's key and a newline to <deliveries-file>, so whatever
 * the file holds when the process dies was really delivered. Prints "ready" once the database is open.
 */
import { appendFileSync } from 'node:fs';
import type { Delivery, Notifier } from '../../src/app/reminders/ports.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { PrismaCampaignStore } from '../../src/infra/db/campaign-store.ts';
import { openDatabase } from '../../src/infra/db/client.ts';
import { PrismaReminderQueue } from '../../src/infra/db/reminder-queue.ts';
import { ReminderSweeper } from '../../src/jobs/reminder-sweeper.ts';
import { seededKeyOf } from './reminder-seed.ts';

const [file, owner, leaseMs, delayMs, batchSize] = process.argv.slice(2);
if (!file || !owner || !leaseMs || !delayMs || !batchSize || !process.env.DATABASE_URL) {
  process.stderr.write(
    'usage: DATABASE_URL=… sweeper-child.ts <deliveries-file> <owner> <leaseMs> <delayMs> <batchSize>\n',
  );
  process.exit(2);
}

const database = await openDatabase(process.env.DATABASE_URL, { migrate: false });
const log = (level: string) => (obj: object, msg: string) =>
  process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
const notifier: Notifier = {
  platforms: ['console'],
  async deliver(delivery: Delivery) {
    await new Promise((resolve) => setTimeout(resolve, Number(delayMs)));
    appendFileSync(file, `${seededKeyOf(delivery)}\n`);
  },
};
const sweeper = new ReminderSweeper({
  queue: new PrismaReminderQueue(database.prisma),
  notifier,
  clock: systemClock,
  logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: () => {} },
  campaigns: new PrismaCampaignStore(database.prisma),
  owner,
  leaseMs: Number(leaseMs),
  batchSize: Number(batchSize),
});
process.stdout.write('ready\n');
sweeper.start();
process.once('SIGTERM', () => {
  sweeper
    .stop()
    .then(() => database.close())
    .catch((error: unknown) => {
      process.stderr.write(`could not stop: ${String(error)}\n`);
      process.exit(1);
    });
});
