import { consoleActor } from '../../src/adapters/console/console-chat.ts';
import type { Actor } from '../../src/app/ports.ts';
import type { Reply } from '../../src/app/reply.ts';
import { composeApp, type App } from '../../src/compose.ts';
import type { FeedLinks } from '../../src/app/exports/feed-ports.ts';
import { ManualClock } from '../../src/infra/clock.ts';
import type { Database } from '../../src/infra/db/client.ts';

export interface Chat {
  app: App;
  db: Database;
  clock: ManualClock;
  /** Runs a typed command as a console user and returns the reply plus its plain text. */
  say(user: string, line: string): Promise<{ reply: Reply; text: string }>;
  actor(user: string): Actor;
  counts(): Promise<{ campaigns: number; progress: number; audit: number }>;
}

const silent = { debug: () => {}, error: () => {} };

/** A chat transcript harness over the real dispatcher and database, with a clock tests control. */
export function createChat(
  db: Database,
  now = '2027-01-10T12:00:00Z',
  defaultTimeZone = 'UTC',
  feedLinks?: FeedLinks,
): Chat {
  const clock = new ManualClock(now);
  const app = composeApp({ database: db, clock, logger: silent, defaultTimeZone, ...(feedLinks ? { feedLinks } : {}) });
  const actor = (user: string) => consoleActor(user, 'Test community');
  return {
    app,
    db,
    clock,
    actor,
    async say(user, line) {
      const reply = await app.dispatcher.dispatchText(actor(user), line);
      return { reply, text: reply.fallback };
    },
    async counts() {
      const [campaigns, progress, audit] = await Promise.all([
        db.prisma.campaign.count(),
        db.prisma.milestoneProgress.count(),
        db.prisma.auditEntry.count(),
      ]);
      return { campaigns, progress, audit };
    },
  };
}
