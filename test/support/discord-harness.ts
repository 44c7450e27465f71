import { expect } from 'vitest';
import { startBot, type Bot } from '../../src/bot.ts';
import { ManualClock } from '../../src/infra/clock.ts';
import { loadConfig } from '../../src/infra/config.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { FakeDiscord, type RecordedFile, type RecordedRequest } from './fake-discord.ts';
import {
  autocomplete,
  buttonPress,
  modalSubmit,
  PERMISSIONS,
  slashCommand,
  type FakeGuild,
  type FakeUser,
  type MemberContext,
} from './fake-discord-payloads.ts';

export const GUILD: FakeGuild = {
  id: '2100000000000000001',
  name: 'Indie *Authors* @everyone',
  ownerId: '3100000000000000009',
  systemChannelId: '2200000000000000001',
  roles: [{ id: '2300000000000000001', name: 'Launch helpers' }],
};
export const MOD_ROLE = GUILD.roles![0]!.id;

export const USERS = {
  alice: { id: '3100000000000000001', username: 'alice' },
  bob: { id: '3100000000000000002', username: 'bob' },
  mod: { id: '3100000000000000003', username: 'mod' },
} satisfies Record<string, FakeUser>;

export const START_OPTIONS = {
  title: 'The Salt Road',
  isbn: '978-0-306-40615-7',
  release: '2027-03-15',
  timezone: 'America/New_York',
};

export interface DiscordTestBot {
  fake: FakeDiscord;
  bot: Bot;
  clock: ManualClock;
  member(user: FakeUser, extra?: Partial<MemberContext>): MemberContext;
  /** `/group sub options` as `user`; resolves with the callback and every request it led to. */
  command(
    ctx: MemberContext,
    group: string,
    sub: string,
    options?: Record<string, string | { channel: string }>,
  ): Promise<InteractionResult>;
  autocomplete(ctx: MemberContext, sub: string, focused: string, options: Record<string, string>): Promise<unknown[]>;
  press(where: MemberContext | FakeUser, customId: string): Promise<InteractionResult>;
  /** Submits a modal (its custom id and each input's value) from a server channel or a DM. */
  submitModal(
    where: MemberContext | FakeUser,
    customId: string,
    values: Record<string, string>,
  ): Promise<InteractionResult>;
  /** Moves the clock to `instant`, stopping at each due reminder on the way so each goes out on time. */
  advanceTo(instant: string): Promise<void>;
  /** Message POSTs to a user's DM channel. */
  dmsTo(user: FakeUser): RecordedRequest[];
  stop(): Promise<void>;
}

export interface InteractionResult {
  callback: RecordedRequest;
  ms: number;
  /** The message the member ends up seeing: the callback's data, or the edit after a deferral. */
  message: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ephemeral: boolean;
  /** The files attached to that message (multipart upload). */
  files: RecordedFile[];
  /** Every request made with this interaction's token so far. */
  requests(): RecordedRequest[];
}

/** Every request that sends a message must mention nobody (`parse: []`), except where `users` is allowed. */
export function expectNoPings(requests: RecordedRequest[], allowedUsers: string[] = []): void {
  const sends = requests.filter(
    (r) =>
      (r.method === 'POST' && /\/callback$/.test(r.path) && [4, 7].includes(r.body?.type)) ||
      (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) ||
      (['PATCH', 'POST'].includes(r.method) && /^\/webhooks\//.test(r.path)),
  );
  expect(sends.length).toBeGreaterThan(0);
  for (const r of sends) {
    const mentions = r.body?.type ? r.body.data?.allowed_mentions : r.body?.allowed_mentions;
    expect(mentions, `${r.method} ${r.path}`).toBeDefined();
    expect(mentions.parse, `${r.method} ${r.path}`).toEqual([]);
    expect(mentions.roles ?? []).toEqual([]);
    for (const user of mentions.users ?? []) expect(allowedUsers).toContain(user);
  }
}

/**
 * Starts the fake Discord and the bot through its real start-up path (`startBot`), with the
 * reminder sweeper driven by the test (`bot.sweeper.drain()` after moving the clock).
 */
export async function startDiscordTestBot(
  db: Database,
  options: { now?: string; env?: Record<string, string>; fake?: FakeDiscord } = {},
): Promise<DiscordTestBot> {
  const fake = options.fake ?? (await FakeDiscord.start({ guilds: [GUILD] }));
  const clock = new ManualClock(options.now ?? '2027-01-10T12:00:00Z');
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-bot-token.not-a-secret',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DEFAULT_TIMEZONE: 'UTC',
    LOG_LEVEL: 'silent',
    // The calendar feeds' own server: any free port, so parallel suites never collide.
    PORT: '0',
    ...options.env,
  });
  const logger = createLogger(config);
  const bot = await startBot({ config, logger, clock, database: db, startSweeper: false });

  const result = async (payload: { id: string; token: string }): Promise<InteractionResult> => {
    const { callback, ms } = await fake.interact(payload);
    let message = callback.body?.data;
    let ephemeral = ((message?.flags ?? 0) & 64) === 64;
    let files = callback.files;
    if (callback.body?.type === 5) {
      // Deferred: the answer arrives as an edit of the original (or a follow-up after a delete).
      const edit = await fake.waitFor(
        (r) =>
          r.path.includes(payload.token) &&
          ((r.method === 'PATCH' && r.path.endsWith('/messages/@original')) ||
            (r.method === 'POST' && r.path.startsWith('/webhooks/'))),
        { since: 0 },
      );
      message = edit.body;
      files = edit.files;
      ephemeral =
        edit.method === 'PATCH'
          ? ((callback.body.data?.flags ?? 0) & 64) === 64
          : ((edit.body?.flags ?? 0) & 64) === 64;
    }
    return { callback, ms, message, ephemeral, files, requests: () => fake.forInteraction(payload) };
  };

  let stopped = false;
  return {
    fake,
    bot,
    clock,
    member: (user, extra = {}) => ({ guild: GUILD, user, ...extra }),
    command: (ctx, group, sub, opts = {}) => result(slashCommand(ctx, fake.applicationId, group, sub, opts)),
    async autocomplete(ctx, sub, focused, opts) {
      const { callback } = await fake.interact(autocomplete(ctx, fake.applicationId, 'preorder', sub, focused, opts));
      expect(callback.body.type).toBe(8);
      return callback.body.data.choices as unknown[];
    },
    press(where, customId) {
      const at = 'guild' in where ? where : { dm: where, channelId: fake.dmChannelId(where.id) };
      return result(buttonPress(at, fake.applicationId, customId));
    },
    submitModal(where, customId, values) {
      const at = 'guild' in where ? where : { dm: where, channelId: fake.dmChannelId(where.id) };
      return result(modalSubmit(at, fake.applicationId, customId, values));
    },
    async advanceTo(instant) {
      const target = new Date(instant);
      for (let step = 0; step < 1000; step++) {
        const next = await bot.sweeper.nextRunAt();
        if (!next || next.getTime() > target.getTime()) break;
        if (next.getTime() > clock.now().getTime()) clock.set(next);
        await bot.sweeper.drain();
      }
      clock.set(target);
      await bot.sweeper.drain();
    },
    dmsTo: (user) => fake.calls('POST', `/channels/${fake.dmChannelId(user.id)}/messages`),
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop();
      if (!options.fake) await fake.close();
    },
  };
}

export const asMember = (user: FakeUser, extra: Partial<MemberContext> = {}): MemberContext => ({
  guild: GUILD,
  user,
  permissions: PERMISSIONS.member,
  ...extra,
});
