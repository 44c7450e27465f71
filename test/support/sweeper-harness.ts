import type { CommunityRecord } from '../../src/app/ports.ts';
import type { Database } from '../../src/infra/db/client.ts';
import type { Prisma, Reminder } from '../../src/infra/db/generated/client.ts';
import { ReminderSweeper, type SweeperLogger, type SweeperOptions } from '../../src/jobs/reminder-sweeper.ts';
import { createChat, type Chat } from './chat-harness.ts';
import { RecordingNotifier, type RecordingNotifierOptions } from './recording-notifier.ts';

export interface SweeperChatOptions {
  /** the clock's start; default 2027-01-10T12:00:00Z */
  now?: string;
  /** the console community's zone (digests) and the default campaign zone; default UTC */
  timeZone?: string;
  /** the console community's announcement channel; default none */
  channel?: string;
  notifier?: Omit<RecordingNotifierOptions, 'clock'>;
  sweeper?: Partial<Pick<SweeperOptions, 'batchSize' | 'maxAttempts' | 'lateAfterMs' | 'concurrency' | 'leaseMs'>>;
}

export interface LoggedLine {
  level: 'info' | 'warn' | 'error' | 'debug';
  msg: string;
  obj: object;
}

export interface SweeperChat {
  chat: Chat;
  notifier: RecordingNotifier;
  sweeper: ReminderSweeper;
  /** the console community, created up front so its channel is in place before any command */
  community: CommunityRecord;
  /** warn and error lines the sweeper logged (it is otherwise silent) */
  logged: LoggedLine[];
  say: Chat['say'];
  /** Reminder rows, by due instant then id. */
  rows(where?: Prisma.ReminderWhereInput): Promise<Reminder[]>;
  /**
   * Moves the clock forward to `to` (ms from now, or an instant) like the console's /clock: it stops
   * at each pending row's run_at on the way and drains there, so every reminder goes out on time.
   * `stepMs` also caps each step (the real sweeper ticks every second; digests are scheduled by ticks).
   */
  advance(to: number | string | Date, options?: { stepMs?: number }): Promise<void>;
  /** Sets the clock to `to` in one step, as after downtime, and drains once there. */
  jump(to: string | Date): Promise<void>;
}

const MAX_STEPS = 20_000;

/** Empties every table a chat writes, so one database can serve a whole test file. */
export async function resetChatTables(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    'TRUNCATE "reminders", "audit_log", "milestone_progress", "campaigns", "members", "communities" RESTART IDENTITY CASCADE',
  );
}

/** The chat harness plus a real ReminderSweeper over the same database and ManualClock. */
export async function createSweeperChat(db: Database, options: SweeperChatOptions = {}): Promise<SweeperChat> {
  const timeZone = options.timeZone ?? 'UTC';
  const chat = createChat(db, options.now ?? '2027-01-10T12:00:00Z', timeZone);
  const { app, clock } = chat;
  const community = await app.store.ensureCommunity('console', 'local', {
    name: 'Test community',
    defaultTimeZone: timeZone,
    ...(options.channel ? { announcementChannelId: options.channel } : {}),
  });
  const notifier = new RecordingNotifier({ ...options.notifier, clock });
  const logged: LoggedLine[] = [];
  const logger: SweeperLogger = {
    info: () => {},
    debug: () => {},
    warn: (obj, msg) => void logged.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => void logged.push({ level: 'error', msg, obj }),
  };
  const sweeper = new ReminderSweeper({
    queue: app.reminders,
    notifier,
    clock,
    logger,
    campaigns: app.store,
    owner: 'test-sweeper',
    random: () => 0.5,
    ...options.sweeper,
  });

  const advance: SweeperChat['advance'] = async (to, { stepMs } = {}) => {
    const start = clock.now().getTime();
    const target = typeof to === 'number' ? start + to : new Date(to).getTime();
    if (!(target >= start)) throw new Error(`advance: ${String(to)} is not ahead of ${clock.now().toISOString()}`);
    for (let step = 0; step < MAX_STEPS; step++) {
      const now = clock.now().getTime();
      const next = (await sweeper.nextRunAt())?.getTime() ?? Infinity;
      let stop = Math.min(Math.max(next, now), target);
      if (stepMs) stop = Math.min(stop, now + stepMs);
      clock.set(new Date(stop));
      await sweeper.drain();
      if (stop >= target) return;
    }
    throw new Error(`advance: still not at ${new Date(target).toISOString()} after ${MAX_STEPS} steps`);
  };

  return {
    chat,
    notifier,
    sweeper,
    community,
    logged,
    say: (user, line) => chat.say(user, line),
    rows: (where) => db.prisma.reminder.findMany({ where: where ?? {}, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    advance,
    async jump(to) {
      clock.set(to);
      await sweeper.drain();
    },
  };
}
