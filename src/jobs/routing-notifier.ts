import type { Platform } from '../app/ports.ts';
import { DeliveryError, type Delivery, type Notifier } from '../app/reminders/ports.ts';

/** One sweeper serves every platform this process runs; each delivery goes to its platform's notifier. */
export class RoutingNotifier implements Notifier {
  private readonly byPlatform = new Map<Platform, Notifier>();

  constructor(notifiers: readonly Notifier[]) {
    for (const notifier of notifiers) {
      for (const platform of notifier.platforms) {
        if (this.byPlatform.has(platform)) throw new Error(`two notifiers for ${platform}`);
        this.byPlatform.set(platform, notifier);
      }
    }
  }

  get platforms(): readonly Platform[] {
    return [...this.byPlatform.keys()];
  }

  async deliver(delivery: Delivery): Promise<void> {
    const notifier = this.byPlatform.get(delivery.platform);
    // The sweeper only claims rows of `platforms`, so this is a programming error, not a retry.
    if (!notifier) throw new DeliveryError('permanent', `no notifier for ${delivery.platform}`);
    await notifier.deliver(delivery);
  }
}
