import { describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/app/ports.ts';
import { reply } from '../../../src/app/reply.ts';
import { DeliveryError, type Delivery, type Notifier } from '../../../src/app/reminders/ports.ts';
import { RoutingNotifier } from '../../../src/jobs/routing-notifier.ts';

class Recorder implements Notifier {
  readonly seen: Delivery[] = [];
  constructor(readonly platforms: readonly Platform[]) {}
  async deliver(delivery: Delivery): Promise<void> {
    this.seen.push(delivery);
  }
}

const delivery = (platform: Platform): Delivery => ({
  platform,
  to: { kind: 'dm', memberExternalId: 'U1', displayName: 'Ada', communityExternalId: 'T1' },
  reply: reply({ title: 'hi' }),
});

describe('RoutingNotifier', () => {
  it('sends each delivery to its platform and claims only the platforms it can reach', async () => {
    const discord = new Recorder(['discord']);
    const slack = new Recorder(['slack']);
    const router = new RoutingNotifier([discord, slack]);
    expect(router.platforms).toEqual(['discord', 'slack']);
    await router.deliver(delivery('slack'));
    await router.deliver(delivery('discord'));
    await router.deliver(delivery('slack'));
    expect(discord.seen.map((d) => d.platform)).toEqual(['discord']);
    expect(slack.seen).toHaveLength(2);
  });

  it('refuses a platform it has no notifier for as a permanent failure', async () => {
    const router = new RoutingNotifier([new Recorder(['console'])]);
    await expect(router.deliver(delivery('discord'))).rejects.toSatisfy(
      (e) => e instanceof DeliveryError && e.reason === 'permanent',
    );
  });

  it('will not let two notifiers claim one platform', () => {
    expect(() => new RoutingNotifier([new Recorder(['slack']), new Recorder(['slack'])])).toThrow(/slack/);
  });
});
