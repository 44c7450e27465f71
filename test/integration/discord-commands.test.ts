import { afterEach, expect, it } from 'vitest';
import { hashKey } from '../../src/adapters/discord/command-registration.ts';
import { PrismaPlatformState } from '../../src/infra/db/platform-state.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import {
  asMember,
  expectNoPings,
  GUILD,
  MOD_ROLE,
  START_OPTIONS,
  startDiscordTestBot,
  USERS,
  type DiscordTestBot,
} from '../support/discord-harness.ts';
import { FakeDiscord } from '../support/fake-discord.ts';
import { PERMISSIONS } from '../support/fake-discord-payloads.ts';

const EPHEMERAL = 64;

describeEachBackend('Discord: slash commands against the fake Discord', (backend) => {
  const fresh = freshDatabase(backend, { platformState: true });
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  it('connects with the Guilds intent only and registers the commands once per command set', async () => {
    const fake = await FakeDiscord.start({ guilds: [GUILD] });
    try {
      h = await startDiscordTestBot(fresh.db, { fake });
      const identify = fake.gatewayReceived.find((p) => p.op === 2)!.d as { intents: number; token: string };
      expect(identify.intents).toBe(1);
      expect(h.bot.adapters.map((a) => a.describe())).toEqual(['discord (logged in as Pre-order Pal, 1 servers)']);
      const puts = fake.calls('PUT');
      expect(puts.map((r) => r.path)).toEqual([`/applications/${fake.applicationId}/commands`]);
      expect(puts[0]!.headers.authorization).toBe('Bot fake-bot-token.not-a-secret');
      expect((puts[0]!.body as { name: string }[]).map((c) => c.name)).toEqual(['preorder', 'preorder-admin']);
      const state = new PrismaPlatformState(fresh.db.prisma);
      const stored = await state.get(hashKey({ applicationId: fake.applicationId }));
      expect(stored).toMatch(/^[0-9a-f]{64}$/);

      // Same specs: a second boot does not register again.
      await h.stop();
      h = await startDiscordTestBot(fresh.db, { fake });
      expect(fake.calls('PUT')).toHaveLength(1);

      // A different command set (simulated by a stale stored hash) is registered again.
      await h.stop();
      await state.set(hashKey({ applicationId: fake.applicationId }), 'an-older-command-set', new Date());
      h = await startDiscordTestBot(fresh.db, { fake });
      expect(fake.calls('PUT')).toHaveLength(2);
      expect(await state.get(hashKey({ applicationId: fake.applicationId }))).toBe(stored);
    } finally {
      await h.stop();
      await fake.close();
    }
  });

  it('registers to one server when DISCORD_GUILD_ID is set, keyed apart from the global set', async () => {
    h = await startDiscordTestBot(fresh.db, { env: { DISCORD_GUILD_ID: GUILD.id } });
    const puts = h.fake.calls('PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${h.fake.applicationId}/guilds/${GUILD.id}/commands`]);
    const state = new PrismaPlatformState(fresh.db.prisma);
    expect(await state.get(hashKey({ applicationId: h.fake.applicationId, guildId: GUILD.id }))).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(await state.get(hashKey({ applicationId: h.fake.applicationId }))).toBeNull();
  });

  it('start defers at once, then shows the plan as an ephemeral embed with buttons', async () => {
    h = await startDiscordTestBot(fresh.db);
    const result = await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    expect(result.callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(result.ephemeral).toBe(true);
    const [embed] = result.message.embeds;
    expect(embed.title).toBe('Pre-order plan for "The Salt Road"');
    expect(embed.description).toContain('release Mon 15 Mar 2027 (America/New\\_York)');
    // Publishing waits on the listing and the print files: nothing is marked yet.
    const kdp = embed.fields.find((f: { name: string }) => f.name.includes('(kdp-publish)'));
    expect(kdp.name).toBe('\\[waiting\\] Press Publish on KDP (kdp-publish)');
    expect(kdp.value).toContain('(after: Check that your listing is live; Get your print files ready on KDP)');
    expect(result.message.content).toBe('✅ Pre-order plan for "The Salt Road"');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow({ include: { community: true, member: true } });
    // The next step's Done button names the campaign, like every other Done button.
    expect(result.message.components[0].components[0]).toMatchObject({
      type: 2,
      custom_id: `/preorder done aa-account campaign:${campaign.id}`,
    });
    expect(result.requests().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expectNoPings(result.requests());
    expect(campaign.community).toMatchObject({
      platform: 'discord',
      externalId: GUILD.id,
      name: GUILD.name,
      announcementChannelId: GUILD.systemChannelId,
    });
    expect(campaign.member).toMatchObject({ externalId: USERS.alice.id, displayName: 'alice' });
  });

  it('answers a bad ISBN with an ephemeral error naming the field, and stores nothing', async () => {
    h = await startDiscordTestBot(fresh.db);
    const result = await h.command(asMember(USERS.alice), 'preorder', 'start', {
      ...START_OPTIONS,
      isbn: '978-0-306-40615-8',
    });
    expect(result.ephemeral).toBe(true);
    expect(result.message.embeds[0].title).toBe('Problem with isbn');
    expect(result.message.embeds[0].description).toMatch(/check digit|ISBN/i);
    expect(await fresh.db.prisma.campaign.count()).toBe(0);
  });

  it('defers status at once (it draws a chart), then edits in the ephemeral plan with its timeline', async () => {
    h = await startDiscordTestBot(fresh.db);
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    const status = await h.command(asMember(USERS.alice), 'preorder', 'status');
    expect(status.callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(status.message.embeds[0].title).toBe('Status of "The Salt Road"');
    expect(status.message.embeds[0].description).toContain('0 of 13 steps settled.');
    expect(status.files.map((f) => f.name)).toEqual(['plan-timeline.png']);
    expect(status.ms).toBeLessThan(1000);
    // Another member sees only that they have none.
    const bob = await h.command(asMember(USERS.bob), 'preorder', 'status');
    expect(bob.message.embeds[0].description).toContain('You have no active campaign here yet');
  });

  it('defers a reply that is not ready in time, then edits in the answer', async () => {
    h = await startDiscordTestBot(fresh.db);
    const dispatcher = h.bot.app.dispatcher;
    const original = dispatcher.dispatch.bind(dispatcher);
    dispatcher.dispatch = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 1800));
      return original(...args);
    };
    try {
      const result = await h.command(asMember(USERS.alice), 'preorder', 'help');
      expect(result.callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      expect(result.ms).toBeGreaterThan(1400);
      expect(result.ms).toBeLessThan(2500);
      expect(result.message.embeds[0].title).toBe('Pre-order Pal: commands');
    } finally {
      dispatcher.dispatch = original;
    }
  });

  it('autocompletes time zones (at most 25), campaigns, milestones and FAQ topics', async () => {
    h = await startDiscordTestBot(fresh.db);
    const alice = asMember(USERS.alice);
    await h.command(alice, 'preorder', 'start', START_OPTIONS);
    await h.command(alice, 'preorder', 'start', {
      ...START_OPTIONS,
      title: 'Second Book',
      isbn: '0-8044-2957-X',
      marketplace: 'UK',
      timezone: 'Europe/London',
    });
    await h.command(alice, 'preorder', 'done', { milestone: 'aa-account', campaign: 'The Salt Road' });

    const empty = (await h.autocomplete(alice, 'start', 'timezone', { timezone: '' })) as { value: string }[];
    expect(empty.length).toBe(25);
    const york = (await h.autocomplete(alice, 'start', 'timezone', { timezone: 'new yo' })) as { value: string }[];
    expect(york[0]!.value).toBe('America/New_York');
    expect(york.length).toBeLessThanOrEqual(25);

    const campaigns = (await h.autocomplete(alice, 'status', 'campaign', { campaign: 'salt' })) as {
      name: string;
      value: string;
    }[];
    const salt = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
    expect(campaigns).toEqual([{ name: expect.stringContaining('The Salt Road · 9780306406157'), value: salt.id }]);
    expect(await h.autocomplete(asMember(USERS.bob), 'status', 'campaign', { campaign: '' })).toEqual([]);

    const steps = (await h.autocomplete(alice, 'done', 'milestone', { milestone: 'aa', campaign: salt.id })) as {
      value: string;
    }[];
    expect(steps.map((s) => s.value)).toEqual(['aa-add-item', 'aa-images', 'aa-sales-copy', 'close-aa-account']);
    const undo = (await h.autocomplete(alice, 'undo', 'milestone', { milestone: '', campaign: 'The Salt Road' })) as {
      value: string;
    }[];
    expect(undo.map((s) => s.value)).toEqual(['aa-account']);

    const topics = (await h.autocomplete(alice, 'faq', 'topic', { topic: 'zero' })) as {
      name: string;
      value: string;
    }[];
    expect(topics[0]!.value).toBe('zero-out');
    expect(topics.length).toBeLessThanOrEqual(25);
  });

  it('denies /preorder-admin to a member and allows it with Manage Server or a moderator role', async () => {
    h = await startDiscordTestBot(fresh.db);
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    const denied = await h.command(asMember(USERS.bob), 'preorder-admin', 'campaigns');
    expect(denied.ephemeral).toBe(true);
    expect(denied.message.embeds[0].title).toBe('Problem with permission');
    expect(denied.message.embeds[0].description).toContain("for this community's moderators only");

    const admin = await h.command(
      asMember(USERS.mod, { permissions: PERMISSIONS.manageGuild }),
      'preorder-admin',
      'campaigns',
    );
    expect(admin.message.embeds[0].title).not.toBe('Problem with permission');
    expect(JSON.stringify(admin.message.embeds[0])).toContain('The Salt Road');

    // A role the community made moderators counts on the server side, without Manage Server.
    const withRole = asMember(USERS.bob, { roles: [MOD_ROLE] });
    expect((await h.command(withRole, 'preorder-admin', 'campaigns')).message.embeds[0].title).toBe(
      'Problem with permission',
    );
    await fresh.db.prisma.community.updateMany({ data: { moderatorRoleIds: [MOD_ROLE] } });
    const allowed = await h.command(withRole, 'preorder-admin', 'campaigns');
    expect(JSON.stringify(allowed.message.embeds[0])).toContain('The Salt Road');
  });

  it('sets the announcement channel from a Channel option', async () => {
    h = await startDiscordTestBot(fresh.db);
    const mod = asMember(USERS.mod, { permissions: PERMISSIONS.manageGuild });
    const result = await h.command(mod, 'preorder-admin', 'settings', { channel: { channel: '2200000000000000777' } });
    expect(result.message.embeds[0].title).not.toMatch(/^Problem/);
    const community = await fresh.db.prisma.community.findFirstOrThrow();
    expect(community.announcementChannelId).toBe('2200000000000000777');
  });

  it('never pings: every message the bot sends carries allowed_mentions with nothing to parse', async () => {
    h = await startDiscordTestBot(fresh.db);
    const alice = asMember(USERS.alice);
    // A title with a mass mention is refused without echoing it.
    const refused = await h.command(alice, 'preorder', 'start', {
      ...START_OPTIONS,
      title: '@everyone Salt <@3100000000000000002>',
    });
    expect(refused.message.embeds[0].title).toBe('Problem with title');
    expect(JSON.stringify(refused.message)).not.toMatch(/@everyone|<@\d/);
    await h.command(alice, 'preorder', 'start', START_OPTIONS);
    // Stored before today's rules, or by a path that skipped them: still shown, never pinging.
    await fresh.db.prisma.campaign.updateMany({ data: { title: '@everyone **Salt** <@3100000000000000002> @here' } });
    const status = await h.command(alice, 'preorder', 'status');
    const text = JSON.stringify(status.message);
    expect(text).not.toMatch(/@everyone|@here|<@\d/);
    expect(status.message.embeds[0].title).toContain('@\u200beveryone \\*\\*Salt\\*\\*');
    expectNoPings(h.fake.requests);
  });
});
