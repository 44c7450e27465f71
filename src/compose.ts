import { helpReply } from './app/commands/specs.ts';
import type { Services } from './app/commands/define.ts';
import { Dispatcher, type DispatchLogger } from './app/dispatch.ts';
import type { CampaignStore, Clock } from './app/ports.ts';
import { CampaignService } from './app/services/campaign-service.ts';
import { FaqService } from './app/services/faq-service.ts';
import type { Database } from './infra/db/client.ts';
import { PrismaCampaignStore } from './infra/db/campaign-store.ts';

export interface AppDeps {
  database: Database;
  clock: Clock;
  logger: DispatchLogger;
  defaultTimeZone: string;
}

export interface App {
  store: CampaignStore;
  services: Services;
  dispatcher: Dispatcher;
}

/** Wires services to their ports; main, the tests and the benchmark all build the app this way. */
export function composeApp(deps: AppDeps): App {
  const store = new PrismaCampaignStore(deps.database.prisma);
  const services: Services = {
    campaigns: new CampaignService(store),
    faq: new FaqService(),
    help: (ctx) => helpReply(ctx.isModerator),
  };
  const dispatcher = new Dispatcher({
    store,
    services,
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeZone: deps.defaultTimeZone,
  });
  return { store, services, dispatcher };
}
