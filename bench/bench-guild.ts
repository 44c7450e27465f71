import type { FakeGuild } from '../test/support/fake-discord-payloads.ts';

/** The one server the Discord benchmarks run in. */
export const BENCH_GUILD: FakeGuild = {
  id: '2100000000000000001',
  name: 'Bench server',
  ownerId: '3100000000000000000',
  systemChannelId: '2200000000000000001',
};
