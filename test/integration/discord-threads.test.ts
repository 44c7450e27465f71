import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { PERMISSIONS } from '../support/fake-discord-payloads.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import {
  asMember,
  expectNoPings,
  GUILD,
  START_OPTIONS,
  startDiscordTestBot,
  USERS,
  type DiscordTestBot,
} from '../support/discord-harness.ts';

const TAGS = ['Setting up', 'Collecting pre-orders', 'Launch window', 'Released', 'At risk'];

describeEachBackend('Discord: a forum post per campaign (threads:on forum:)', (backend) => {
  const fresh = freshDatabase(backend);
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  it('refuses a channel that is not a forum, then posts each campaign post in its own tagged forum post', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-03-11T12:00:00Z' });
    const mod = asMember(USERS.mod, { permissions: PERMISSIONS.manageGuild });
    const text = h.fake.guild.addChannel({ guild_id: GUILD.id, type: 0, name: 'general' });
    const refused = await h.command(mod, 'preorder-admin', 'settings', { threads: 'on', forum: { channel: text.id } });
    expect(refused.message.embeds[0].title).toBe('Problem with forum');
    expect(JSON.stringify(refused.message)).toMatch(/must be a forum channel/);
    expect(await fresh.db.prisma.communityChannelFeatures.count()).toBe(0);
    const noForum = await h.command(mod, 'preorder-admin', 'settings', { threads: 'on' });
    expect(noForum.message.embeds[0].title).toBe('Problem with forum');

    const forum = h.fake.guild.addForum(GUILD.id);
    const ok = await h.command(mod, 'preorder-admin', 'settings', {
      channel: { channel: GUILD.systemChannelId! },
      threads: 'on',
      forum: { channel: forum.id },
    });
    expect(ok.message.embeds[0].title).toBe('Community settings updated');

    const alice = asMember(USERS.alice);
    await h.command(alice, 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    h.clock.set('2027-03-11T20:00:00Z');
    await h.command(alice, 'preorder', 'done', { milestone: 'listing-live' });
    await h.bot.sweeper.drain();

    // The forum got the five tags (created once), and one post for the campaign, tagged with its phase.
    expect(forum.available_tags!.map((t) => t.name).sort()).toEqual([...TAGS].sort());
    const tagId = (name: string) => forum.available_tags!.find((t) => t.name === name)!.id;
    const [thread, ...others] = h.fake.guild.threadsOf(forum.id);
    expect(others).toEqual([]);
    expect(thread!.name).toBe('The Salt Road');
    // Four days before release with the print files not marked ready: the board calls it at risk.
    expect(thread!.applied_tags).toEqual([tagId('Collecting pre-orders'), tagId('At risk')]);
    const opened = h.fake.calls('POST', `/channels/${forum.id}/threads`)[0]!;
    expect(opened.body.message.allowed_mentions).toEqual({ parse: [] });
    const inThread = () =>
      h.fake.calls('POST', `/channels/${thread!.id}/messages`).map((p) => p.body.content as string);
    expect(inThread()).toEqual(['✅ Now on pre-order: "The Salt Road"']);
    expect(h.fake.calls('POST', `/channels/${GUILD.systemChannelId}/messages`)).toEqual([]);

    // Two days out the launch window opens with no post to carry it: the periodic refresh retags.
    h.clock.set('2027-03-13T12:00:00Z');
    await h.bot.threads.refreshAll();
    expect(thread!.applied_tags![0]).toBe(tagId('Launch window'));
    expect(inThread()).toHaveLength(1);
    await h.bot.threads.refreshAll();
    expect(h.fake.calls('PATCH', `/channels/${thread!.id}`)).toHaveLength(1);

    // Release day: the post's tag follows the phase, and the celebration goes into the same thread.
    await h.advanceTo('2027-03-15T05:00:00Z');
    expect(h.fake.guild.threadsOf(forum.id)).toHaveLength(1);
    expect(thread!.applied_tags).toEqual([tagId('Released')]);
    expect(inThread()).toHaveLength(2);
    expect(inThread()[1]).toMatch(/release day/i);
    // The daily digest stays in the announcement channel and links the campaign's post.
    const digests = h.fake
      .calls('POST', `/channels/${GUILD.systemChannelId}/messages`)
      .map((p) => JSON.stringify(p.body))
      .filter((text) => text.includes('next 24 hours'));
    expect(digests.length).toBeGreaterThan(0);
    for (const digest of digests) expect(digest).toContain(`<#${thread!.id}>`);
    const patches = h.fake.calls('PATCH', `/channels/${thread!.id}`);
    expect(patches.map((p) => p.body.applied_tags[0])).toEqual([tagId('Launch window'), tagId('Released')]);
    expectNoPings(h.fake.requests);
  }, 60_000);
});
