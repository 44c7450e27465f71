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

const EVENTS = `/guilds/${GUILD.id}/scheduled-events`;
const ANNOUNCE = `/channels/${GUILD.systemChannelId}/messages`;

describeEachBackend('Discord: a server event for each release day (events:on)', (backend) => {
  const fresh = freshDatabase(backend);
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  const mod = () => asMember(USERS.mod, { permissions: PERMISSIONS.manageGuild });
  const sync = () => h.bot.releaseEvents!.syncAll();
  const start = (user: typeof USERS.alice, title: string, release: string, isbn = START_OPTIONS.isbn) =>
    h.command(asMember(user), 'preorder', 'start', { ...START_OPTIONS, title, release, isbn });

  it('creates, moves and deletes the event with the campaign, with no mentions and nothing before events:on', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-02-01T12:00:00Z' });
    await h.command(mod(), 'preorder-admin', 'settings', { channel: { channel: GUILD.systemChannelId! } });
    await h.command(asMember(USERS.alice, { nick: '@everyone Alice' }), 'preorder', 'start', START_OPTIONS);
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id)).toEqual([]);

    await h.command(mod(), 'preorder-admin', 'settings', { events: 'on' });
    await sync();
    const [event] = h.fake.guild.eventsOf(GUILD.id);
    expect(event).toMatchObject({
      name: 'Release day: The Salt Road',
      entity_type: 3,
      privacy_level: 2,
      // 15 March in New York: EDT began on the 14th, so the day runs 04:00Z to 04:00Z.
      scheduled_start_time: '2027-03-15T04:00:00.000Z',
      scheduled_end_time: '2027-03-16T04:00:00.000Z',
      entity_metadata: { location: 'https://www.amazon.com/dp/0306406152' },
    });
    expect(String(event!.description)).not.toMatch(/@everyone|<@/);
    expect(String(event!.description)).toContain('@\u200beveryone Alice');

    await sync();
    expect(h.fake.calls('PATCH', new RegExp(`^${EVENTS}/`))).toEqual([]);
    await h.command(asMember(USERS.alice), 'preorder', 'edit', { release: '2027-03-22' });
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id)).toHaveLength(1);
    expect(h.fake.guild.eventsOf(GUILD.id)[0]).toMatchObject({
      id: event!.id,
      scheduled_start_time: '2027-03-22T04:00:00.000Z',
    });

    await h.command(asMember(USERS.alice), 'preorder', 'cancel', { confirm: 'yes' });
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id)).toEqual([]);
    expect(h.fake.calls('DELETE', `${EVENTS}/${event!.id}`)).toHaveLength(1);
    expect(await fresh.db.prisma.campaignReleaseEvent.count()).toBe(0);
  }, 60_000);

  it('deletes the event of a forgotten member', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-02-01T12:00:00Z' });
    await h.command(mod(), 'preorder-admin', 'settings', { events: 'on' });
    await start(USERS.alice, 'The Salt Road', '2027-03-15');
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id)).toHaveLength(1);
    await h.command(asMember(USERS.alice), 'preorder', 'forget-me', { confirm: 'yes' });
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id)).toEqual([]);
  }, 60_000);

  it('makes events only for releases in the next 60 days, soonest first, within the 100 per server', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-01-10T12:00:00Z' });
    for (let i = 0; i < 98; i += 1)
      h.fake.guild.events.set(`9${i}`, { id: `9${i}`, guild_id: GUILD.id, name: `Book club ${i}`, status: 1 });
    await h.command(mod(), 'preorder-admin', 'settings', { events: 'on' });
    await start(USERS.alice, 'Third', '2027-03-01');
    await start(USERS.bob, 'First', '2027-02-01');
    await start(USERS.mod, 'Second', '2027-02-15');
    await start(USERS.alice, 'Far Off', '2027-06-01', '978-1-4028-9462-6');
    await sync();
    const ours = () => h.fake.guild.eventsOf(GUILD.id).filter((e) => e.name.startsWith('Release day'));
    // 98 others + 2 free slots: the two soonest; the third waits; June is beyond 60 days.
    expect(ours().map((e) => e.name)).toEqual(['Release day: First', 'Release day: Second']);

    h.fake.guild.events.delete('90');
    await sync();
    expect(ours().map((e) => e.name)).toEqual(['Release day: First', 'Release day: Second', 'Release day: Third']);
    expect(h.fake.guild.eventsOf(GUILD.id)).toHaveLength(100);

    // A sooner release on a full server takes the slot of our latest one, which waits its turn.
    await start(USERS.bob, 'Earliest', '2027-01-25', '978-1-4028-9462-6');
    await sync();
    expect(ours().map((e) => e.name)).toEqual(['Release day: First', 'Release day: Second', 'Release day: Earliest']);
    expect(h.fake.guild.eventsOf(GUILD.id)).toHaveLength(100);
    await sync();
    expect(ours()).toHaveLength(3);

    // Discord's own cap answer (30038), should the count be off, is taken calmly: no note, no
    // block, and the event is made on a later pass. Past releases free their slots.
    h.clock.set('2027-04-05T12:00:00Z');
    h.fake.fail({
      method: 'POST',
      path: new RegExp(`^${EVENTS}$`),
      status: 400,
      body: { message: 'Maximum number of uncompleted guild scheduled events reached (100)', code: 30038 },
    });
    await sync();
    expect(ours()).toEqual([]);
    expect((await fresh.db.prisma.communityChannelFeatures.findFirstOrThrow()).eventsBlockedAt).toBeNull();
    await sync();
    expect(ours().map((e) => e.name)).toEqual(['Release day: Far Off']);
  }, 60_000);

  it('tells the moderators once when the permission is missing, stops calling, and tries again after events:on', async () => {
    h = await startDiscordTestBot(fresh.db, { now: '2027-02-01T12:00:00Z' });
    h.fake.guild.eventsForbidden = true;
    await h.command(mod(), 'preorder-admin', 'settings', {
      channel: { channel: GUILD.systemChannelId! },
      events: 'on',
    });
    await start(USERS.alice, 'The Salt Road', '2027-03-15');
    await sync();
    await sync();
    await sync();
    const notes = h.fake.calls('POST', ANNOUNCE).filter((r) => JSON.stringify(r.body).includes('Manage Events'));
    expect(notes).toHaveLength(1);
    expect(h.fake.calls('POST', EVENTS)).toHaveLength(1);
    const settings = await h.command(mod(), 'preorder-admin', 'settings');
    expect(JSON.stringify(settings.message)).toMatch(/Discord refused/);

    h.fake.guild.eventsForbidden = false;
    await h.command(mod(), 'preorder-admin', 'settings', { events: 'on' });
    await sync();
    expect(h.fake.guild.eventsOf(GUILD.id).map((e) => e.name)).toEqual(['Release day: The Salt Road']);
    expectNoPings(h.fake.requests);
  }, 60_000);
});
