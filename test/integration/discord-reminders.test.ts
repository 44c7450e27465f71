import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { seedCommunity, seedReminders } from '../support/reminder-seed.ts';
import {
  asMember,
  expectNoPings,
  GUILD,
  START_OPTIONS,
  startDiscordTestBot,
  USERS,
  type DiscordTestBot,
} from '../support/discord-harness.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const CHANNEL_POSTS = `/channels/${GUILD.systemChannelId}/messages`;

describeEachBackend('Discord: reminders through the Discord notifier', (backend) => {
  const fresh = freshDatabase(backend);
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  /** `count` due notes to the moderators in a Discord community with a channel: one channel post each. */
  async function seedChannelNotes(prefix: string, count: number): Promise<string[]> {
    const communityId = await seedCommunity(fresh.db.sql, { prefix, platform: 'discord' });
    await fresh.db.prisma.community.update({
      where: { id: communityId },
      data: { announcementChannelId: GUILD.systemChannelId },
    });
    return seedReminders(fresh.db.sql, {
      communityId,
      prefix,
      count,
      when: 'due',
      now: h.clock.now(),
      platform: 'discord',
    });
  }

  const rows = (where: Record<string, unknown>) =>
    fresh.db.prisma.reminder.findMany({ where, orderBy: { dueAt: 'asc' } });

  it('sends a DM with buttons when the clock reaches its due time, not before, opening the DM channel once', async () => {
    h = await startDiscordTestBot(fresh.db);
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    const [start] = h.dmsTo(USERS.alice);
    // Only the first steps that can be done now: the account and the print files.
    expect(start!.body.content).toBe('Time to start: 2 first steps for "The Salt Road"');
    expect(start!.body.allowed_mentions).toEqual({ parse: [] });
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const idsOf = (dm: { body: { components: { components: { custom_id: string }[] }[] } }) =>
      dm.body.components.flatMap((row) => row.components.map((c) => c.custom_id));
    expect(idsOf(start!)).toContain(`/preorder done aa-account campaign:${campaign.id}`);
    expect(idsOf(start!)).toContain(`/preorder done kdp-files-ready campaign:${campaign.id}`);
    expect(idsOf(start!)).toContain(`/preorder snooze aa-account campaign:${campaign.id} for:1h`);

    // The item goes in at once; the listing can be checked from the next morning's message on.
    await h.command(asMember(USERS.alice), 'preorder', 'done', { milestone: 'aa-account' });
    await h.command(asMember(USERS.alice), 'preorder', 'done', { milestone: 'aa-add-item' });
    const MORNING = 'Today for "The Salt Road"';
    // 09:00 in New York on the 11th is 14:00Z.
    h.clock.set('2027-01-11T13:59:59Z');
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice).map((r) => r.body.content)).toEqual([start!.body.content]);
    h.clock.set('2027-01-11T14:00:00Z');
    await h.bot.sweeper.drain();
    const dms = h.dmsTo(USERS.alice);
    expect(dms.map((r) => r.body.content)).toEqual(['Time to start: 2 first steps for "The Salt Road"', MORNING]);
    const morning = dms[1]!;
    expect(morning.body.allowed_mentions).toEqual({ parse: [] });
    expect(morning.body.embeds[0].description).toContain('Check whether your listing is live.');
    expect(morning.body.embeds[0].description).toContain('https://www.amazon.com/dp/0306406152');
    // Each line carries its own Done button.
    expect(idsOf(morning)).toEqual(
      expect.arrayContaining(
        ['aa-images', 'aa-sales-copy', 'listing-live', 'kdp-files-ready'].map(
          (id) => `/preorder done ${id} campaign:${campaign.id}`,
        ),
      ),
    );
    expect(h.fake.calls('POST', '/users/@me/channels')).toEqual([
      expect.objectContaining({ body: { recipient_id: USERS.alice.id } }),
    ]);
    const member = await fresh.db.prisma.member.findFirstOrThrow({ where: { externalId: USERS.alice.id } });
    const sent = await rows({ kind: 'morning', memberId: member.id, state: 'sent' });
    expect(sent.map((r) => [r.key, r.deliveredVia, iso(r.sentAt)])).toEqual([
      [`morning:${member.id}:2027-01-11`, 'dm', '2027-01-11T14:00:00.000Z'],
    ]);
    expectNoPings(h.fake.requests);
  });

  it('treats 50007 as closed DMs: no retry, moderators told, critical steps posted with exactly one mention', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-03-11T12:00:00Z' });
    const dmPath = new RegExp(`^/channels/${h.fake.dmChannelId(USERS.alice.id)}/messages$`);
    h.fake.fail({
      method: 'POST',
      path: dmPath,
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
      times: 100,
    });
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice)).toHaveLength(1);
    const member = await fresh.db.prisma.member.findFirstOrThrow({ where: { externalId: USERS.alice.id } });
    expect(iso(member.dmsClosedAt)).toBe('2027-03-11T12:00:00.000Z');
    const [start] = await rows({ kind: 'start' });
    expect([start!.state, start!.attempts]).toEqual(['skipped', 1]);
    const notice = h.fake.calls('POST', CHANNEL_POSTS);
    expect(notice.map((r) => r.body.content)).toEqual(['⚠️ Direct messages to alice are blocked']);
    expect(notice[0]!.body.allowed_mentions).toEqual({ parse: [] });

    // The publish window opens (R0 - 48 h, 00:00 New York on the 13th) with the listing and the
    // files unmarked: its critical 'blocked' DM is the first critical one.
    await h.advanceTo('2027-03-13T04:00:00Z');
    // Never tried again by DM, whatever came due (the mornings are not critical: skipped).
    expect(h.dmsTo(USERS.alice)).toHaveLength(1);
    const alice = await fresh.db.prisma.member.findFirstOrThrow({ where: { externalId: USERS.alice.id } });
    const mornings = await rows({
      kind: 'morning',
      memberId: alice.id,
      dueAt: { lt: new Date('2027-03-13T04:00:00Z') },
    });
    expect(mornings.length).toBeGreaterThan(0);
    expect(mornings.every((r) => r.state === 'skipped')).toBe(true);
    const posts = h.fake.calls('POST', CHANNEL_POSTS).slice(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.content).toBe(`<@${USERS.alice.id}> ⚠️ Press Publish on KDP: waiting on 2 steps (for alice)`);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], users: [USERS.alice.id] });
    const [blocked] = await rows({ milestoneId: 'kdp-publish', kind: 'blocked' });
    expect([blocked!.state, blocked!.deliveredVia]).toEqual(['sent', 'channel-fallback']);
    expectNoPings(h.fake.requests, [USERS.alice.id]);
  });

  it('honours a 429 Retry-After through the sweeper instead of waiting inside the library', async () => {
    h = await startDiscordTestBot(fresh.db);
    h.fake.fail({
      method: 'POST',
      path: new RegExp(`^/channels/${h.fake.dmChannelId(USERS.alice.id)}/messages$`),
      status: 429,
      headers: { 'retry-after': '30', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 30, global: false },
    });
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    const started = performance.now();
    await h.bot.sweeper.drain();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(h.dmsTo(USERS.alice)).toHaveLength(1);
    const [start] = await rows({ kind: 'start' });
    expect(start!.state).toBe('pending');
    expect(start!.lastError).toMatch(/^rate-limited/);
    const wait = start!.runAt.getTime() - new Date('2027-01-10T12:00:00Z').getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(31_100);

    h.clock.set(new Date(start!.runAt.getTime() - 1));
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice)).toHaveLength(1);
    h.clock.set(start!.runAt);
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice)).toHaveLength(2);
    const [sent] = await rows({ kind: 'start' });
    expect([sent!.state, sent!.deliveredVia]).toEqual(['sent', 'dm']);
  });

  it('three global 429s against 300 due reminders: every one delivered once, none failed, no attempt spent', async () => {
    h = await startDiscordTestBot(fresh.db);
    const keys = await seedChannelNotes('rl', 300);
    // Discord's global 429, three times in a row: while it lasts discord.js refuses every send itself.
    h.fake.fail({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      times: 3,
      headers: { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      body: { message: 'You are being rate limited.', retry_after: 1, global: true, code: 0 },
    });
    const seeded = { key: { startsWith: 'rl-' } };
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      (await fresh.db.prisma.reminder.count({ where: { ...seeded, state: 'pending' } }))
    ) {
      await h.bot.sweeper.drain();
      // discord.js times the limit on the real clock, the sweeper on the test's: move both on.
      h.clock.advance(250);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const rows = await fresh.db.prisma.reminder.findMany({ where: seeded });
    expect(
      rows.map((r) => [r.state, r.attempts]).filter(([state, attempts]) => state !== 'sent' || attempts !== 1),
    ).toEqual([]);
    const posts = h.fake.calls('POST', CHANNEL_POSTS);
    expect(posts.length).toBe(303);
    const titles = posts
      .slice(3)
      .map((p) => /Direct messages to (rl-\d+) are blocked/.exec(JSON.stringify(p.body))?.[1]);
    expect(titles.sort()).toEqual(keys);
  }, 60_000);

  it('against the global limit enforced (50 a second), 120 due reminders go out paced: none refused, none failed', async () => {
    h = await startDiscordTestBot(fresh.db);
    await seedChannelNotes('gl', 120);
    h.fake.enforceGlobalLimit();
    await h.bot.sweeper.drain();
    expect(h.fake.refused).toEqual([]);
    const states = await fresh.db.prisma.reminder.groupBy({
      by: ['state'],
      where: { key: { startsWith: 'gl-' } },
      _count: { _all: true },
    });
    expect(states.map((s) => [s.state, s._count._all])).toEqual([['sent', 120]]);
  });

  it('retries a 5xx per the scheduler policy, not inside the library', async () => {
    h = await startDiscordTestBot(fresh.db);
    h.fake.fail({
      method: 'POST',
      path: new RegExp(`^/channels/${h.fake.dmChannelId(USERS.alice.id)}/messages$`),
      status: 502,
      body: { message: 'Bad gateway', code: 0 },
    });
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice)).toHaveLength(1);
    const [start] = await rows({ kind: 'start' });
    expect([start!.state, start!.attempts]).toEqual(['pending', 1]);
    expect(start!.lastError).toMatch(/^transient/);
    h.clock.set(start!.runAt);
    await h.bot.sweeper.drain();
    expect(h.dmsTo(USERS.alice)).toHaveLength(2);
    expect((await rows({ kind: 'start' }))[0]!.state).toBe('sent');
  });

  it('fails a refused channel post for good (403 is permanent) and a DM to an unknown user too', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-03-11T12:00:00Z' });
    h.fake.fail({
      method: 'POST',
      path: /^\/users\/@me\/channels$/,
      status: 400,
      body: { message: 'Invalid Recipient(s)', code: 50033 },
    });
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    const [start] = await rows({ kind: 'start' });
    expect(start!.state).toBe('failed');
    expect(start!.lastError).toMatch(/^permanent: Discord refused \(400, code 50033\)/);
  });

  it('a stored title or name with @everyone is shown escaped and never pings', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-03-11T12:00:00Z' });
    const hostile = asMember(USERS.alice, { nick: '@everyone <@&2300000000000000001>' });
    h.fake.fail({
      method: 'POST',
      path: new RegExp(`^/channels/${h.fake.dmChannelId(USERS.alice.id)}/messages$`),
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
      times: 100,
    });
    await h.command(hostile, 'preorder', 'start', START_OPTIONS);
    await fresh.db.prisma.campaign.updateMany({ data: { title: '@everyone **Salt** @here <@3100000000000000002>' } });
    await h.bot.sweeper.drain();
    h.clock.set('2027-03-11T20:00:00Z');
    await h.command(hostile, 'preorder', 'done', { milestone: 'listing-live' });
    await h.bot.sweeper.drain();
    // The publish window opens with the print files unmarked: the critical 'blocked' DM, posted.
    await h.advanceTo('2027-03-13T04:00:00Z');

    const posts = h.fake.calls('POST', CHANNEL_POSTS);
    for (const post of posts) {
      const text = JSON.stringify(post.body);
      expect(text).not.toMatch(/@everyone|@here|<@&|<@3100000000000000002>/);
    }
    expect(posts.map((p) => p.body.content)).toEqual([
      '⚠️ Direct messages to @\u200beveryone <\u200b@&2300000000000000001\\> are blocked',
      '✅ Now on pre-order: "@\u200beveryone \\*\\*Salt\\*\\* @\u200bhere <\u200b@3100000000000000002\\>"',
      `<@${USERS.alice.id}> ⚠️ Press Publish on KDP: waiting on one step (for @\u200beveryone <\u200b@&2300000000000000001\\>)`,
    ]);
    expectNoPings(h.fake.requests, [USERS.alice.id]);
  });
});
