import type { Dispatcher } from '../../app/dispatch.ts';
import type { FileOutbox } from '../../app/ports.ts';
import type { CampaignStore } from '../../app/campaigns/ports.ts';
import type { Notifier } from '../../app/reminders/ports.ts';
import { composeApp } from '../../compose.ts';
import type { OffsetClock } from '../../infra/clock.ts';
import type { Database } from '../../infra/db/client.ts';
import { PrismaCampaignThreadStore } from '../../infra/db/channel-feature-store.ts';
import type { Logger } from '../../infra/logger.ts';
import { ReminderSweeper } from '../../jobs/reminder-sweeper.ts';
import { ThreadingNotifier } from '../../jobs/threading-notifier.ts';

/**
 * The console's /clock demo. Moving time sends every reminder due on the way and dates what is
 * done meanwhile; on the real database that used up real reminders and left order logs in the
 * future. So the first /clock moves the console onto a copy of the database in memory, with its
 * own sweeper on the simulated clock: the real data is left as it was, and the copy ends with
 * the process.
 */
export interface Simulation {
  dispatcher: Dispatcher;
  /** the copy's store (the console reads the community's zone from the data in use) */
  store: CampaignStore;
  sweeper: ReminderSweeper;
  /** What the console says when the simulation starts. */
  notice: string;
  stop(): Promise<void>;
}

export interface SimulationDeps {
  database: Database;
  /** The real sweeper: it stops, so nothing real goes out while time is simulated. */
  realSweeper: ReminderSweeper;
  clock: OffsetClock;
  notifier: Notifier;
  logger: Logger;
  defaultTimeZone: string;
  outbox: FileOutbox;
}

/** Starts the simulation, or says why it cannot (a PostgreSQL database is not copied). */
export async function startSimulation(deps: SimulationDeps): Promise<Simulation | { refused: string }> {
  if (!deps.database.copyToMemory) {
    return {
      refused:
        `✗ /clock runs on a copy of an embedded database, and ${deps.database.description} is not one; ` +
        'nothing changed. Try it with DATABASE_URL=pglite:./data/pglite (or pglite:memory).',
    };
  }
  await deps.realSweeper.stop();
  let copy: Database;
  try {
    copy = await deps.database.copyToMemory();
  } catch (error) {
    deps.realSweeper.start();
    throw error;
  }
  const app = composeApp({
    database: copy,
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeZone: deps.defaultTimeZone,
    outbox: deps.outbox,
  });
  // The copy holds the community's settings now, so campaign threads are read from it too.
  const notifier = new ThreadingNotifier(deps.notifier, [], {
    features: app.channelFeatures,
    threads: new PrismaCampaignThreadStore(copy.prisma),
    campaigns: app.store,
    clock: deps.clock,
    logger: deps.logger,
  });
  const sweeper = new ReminderSweeper({
    queue: app.reminders,
    notifier,
    clock: deps.clock,
    logger: deps.logger,
    campaigns: app.store,
    board: app.board,
    owner: 'console-simulation',
  });
  return {
    dispatcher: app.dispatcher,
    store: app.store,
    sweeper,
    notice: simulationNotice(deps.database.description),
    async stop() {
      await sweeper.stop();
      await copy.close();
    },
  };
}

/** What the first /clock tells the member; an in-memory database has no "real data" to keep safe. */
export function simulationNotice(source: string): string {
  const inMemory = source.endsWith('in memory');
  const copy = inMemory ? 'a copy of its database' : `a copy of ${source} in memory`;
  const kept = inMemory
    ? 'this console keeps nothing after you quit anyway'
    : `your real data in ${source} stays as it was`;
  return (
    `🧪 Simulation: from now on this console works on ${copy}. Reminders sent and changes made here ` +
    `are not saved, and ${kept}. The simulation ends when you quit.`
  );
}
