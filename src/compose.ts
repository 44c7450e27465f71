import { helpReply } from './app/commands/specs.ts';
import type { Services } from './app/commands/define.ts';
import { Dispatcher, type DispatchLogger } from './app/dispatch.ts';
import type { CampaignStore, Clock, FileOutbox } from './app/ports.ts';
import { createFileOutbox } from './infra/file-outbox.ts';
import { CampaignService } from './app/services/campaign-service.ts';
import { CommunityService } from './app/services/community-service.ts';
import { FaqService } from './app/services/faq-service.ts';
import type { Database } from './infra/db/client.ts';
import { PrismaCampaignStore } from './infra/db/campaign-store.ts';
import { PrismaReminderQueue } from './infra/db/reminder-queue.ts';
import { desiredReminders } from './app/reminders/reminder-policy.ts';
import type { ReminderQueue } from './app/reminders/ports.ts';
import { ReminderService } from './app/services/reminder-service.ts';

export interface AppDeps {
  database: Database;
  clock: Clock;
  logger: DispatchLogger;
  defaultTimeZone: string;
  /** where exports, calendars and charts are written; a temporary folder by default */
  outbox?: FileOutbox;
  onCommand?: (event: { command: string; outcome: string; ms: number }) => void;
}

export interface App {
  store: CampaignStore;
  reminders: ReminderQueue;
  outbox: FileOutbox;
  services: Services;
  dispatcher: Dispatcher;
}

/** Wires services to their ports; main, the tests and the benchmark all build the app this way. */
export function composeApp(deps: AppDeps): App {
  // Every campaign change replans its reminder rows in the same transaction.
  const store = new PrismaCampaignStore(deps.database.prisma, { reminders: desiredReminders });
  const reminders = new PrismaReminderQueue(deps.database.prisma);
  const outbox = deps.outbox ?? createFileOutbox();
  const services: Services = {
    campaigns: new CampaignService(store),
    community: new CommunityService(store),
    faq: new FaqService(),
    reminders: new ReminderService(store, reminders),
    help: (ctx) => helpReply(ctx.isModerator),
  };
  const dispatcher = new Dispatcher({
    store,
    services,
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeZone: deps.defaultTimeZone,
    ...(deps.onCommand ? { onCommand: deps.onCommand } : {}),
  });
  return { store, reminders, outbox, services, dispatcher };
}
