import { expect, it } from 'vitest';
import { ConsoleNotifier } from '../../../src/adapters/console/console-notifier.ts';
import type { CampaignRecord } from '../../../src/app/ports.ts';
import { reply } from '../../../src/app/reply.ts';
import type { Delivery } from '../../../src/app/reminders/ports.ts';
import { NO_CHANNEL_FEATURES, type ChannelFeatures } from '../../../src/app/threads/ports.ts';
import { ManualClock } from '../../../src/infra/clock.ts';
import { ThreadingNotifier } from '../../../src/jobs/threading-notifier.ts';

const campaign = {
  id: 'c1',
  communityId: 'k1',
  title: 'The Salt Road',
  releaseDate: '2027-03-15',
  timeZone: 'UTC',
  marketplace: 'US',
  printer: 'kdp',
  state: 'active',
  createdAt: new Date('2027-01-10T12:00:00Z'),
  remindersPausedAt: null,
  progress: [],
} as unknown as CampaignRecord;

function consoleWithThreads(features: ChannelFeatures) {
  const lines: string[] = [];
  const notifier = new ThreadingNotifier(new ConsoleNotifier((t) => lines.push(t)), [], {
    features: {
      get: () => Promise.resolve(features),
      withThreads: () => Promise.resolve([]),
      set: () => Promise.resolve(features),
    },
    campaigns: { getCommunity: () => Promise.resolve(null), listCommunityCampaigns: () => Promise.resolve([]) },
    threads: { get: () => Promise.resolve(null), many: () => Promise.resolve([]), save: () => Promise.resolve() },
    clock: new ManualClock('2027-02-01T12:00:00Z'),
    logger: { warn: () => {} },
  });
  return { lines, notifier };
}

const post = (withCampaign: boolean): Delivery => ({
  platform: 'console',
  to: { kind: 'channel', communityExternalId: 'local', channelId: 'announcements' },
  reply: reply({ title: 'Now on pre-order' }),
  ...(withCampaign ? { campaign } : {}),
});

it("prints a campaign's post with its name when threads are on, and the digest without", async () => {
  const { lines, notifier } = consoleWithThreads({ ...NO_CHANNEL_FEATURES, threadsEnabled: true });
  await notifier.deliver(post(true));
  await notifier.deliver(post(false));
  expect(lines.map((l) => l.split('\n')[0])).toEqual([
    '📣 [The Salt Road] Post in #announcements',
    '📣 Post in #announcements',
  ]);
});

it('leaves posts as they were while threads are off', async () => {
  const { lines, notifier } = consoleWithThreads(NO_CHANNEL_FEATURES);
  await notifier.deliver(post(true));
  expect(lines[0]!.split('\n')[0]).toBe('📣 Post in #announcements');
});
