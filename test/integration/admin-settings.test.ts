import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describeEachBackend('/preorder-admin settings', (backend) => {
  const fresh = freshDatabase(backend);
  let db: Database;

  beforeEach(async () => {
    db = fresh.db;
  });

  const community = () => db.prisma.community.findFirstOrThrow({ where: { externalId: 'local' } });
  const settingsAudit = async () =>
    (await db.prisma.auditEntry.findMany({ where: { action: 'community.settings' }, orderBy: { id: 'asc' } })).map(
      (a) => [a.actorId, iso(a.at), a.details],
    );

  it('shows every setting when given no options', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
    const { reply, text } = await h.say('you', '/preorder-admin settings');
    expect(reply.fields.map((f) => f.label)).toEqual([
      'Announcement channel',
      'Default time zone (new campaigns, the digest)',
      'Daily digest',
      'Moderators (besides server admins)',
      'Channel posts',
      // The console has threads (named posts) but no scheduled events, so no events field.
      'Campaign threads',
    ]);
    expect(text).toContain('#announcements');
    expect(text).toContain('09:00 community time');
    expect(text).toContain('listing-live (now on pre-order): on; release-day (release day): on');
    expect(await settingsAudit()).toEqual([]);
  });

  it('changes each setting and audits it from → to', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
    const changes: [string, Record<string, unknown>][] = [
      ['channel:#news', { announcementChannelId: { from: 'announcements', to: 'news' } }],
      ['channel:off', { announcementChannelId: { from: 'news', to: null } }],
      ['channel:#news', { announcementChannelId: { from: null, to: 'news' } }],
      ['channel_off:on', { announcementChannelId: { from: 'news', to: null } }],
      // A zone a moderator sets counts as chosen: start may plan in it without asking.
      [
        'timezone:London',
        { defaultTimeZone: { from: 'UTC', to: 'Europe/London' }, timeZoneChosen: { from: false, to: true } },
      ],
      ['digest_hour:7', { digestHour: { from: 9, to: 7 } }],
      // Leaving dm-fallback out of the list leaves it on: only naming it turns it off.
      ['posts:listing-live,digest', { mutedPosts: { from: [], to: ['release-day'] } }],
      ['posts:none', { mutedPosts: { from: ['release-day'], to: ['listing-live', 'release-day', 'digest'] } }],
      [
        'dm_fallback:off',
        {
          mutedPosts: {
            from: ['listing-live', 'release-day', 'digest'],
            to: ['listing-live', 'release-day', 'digest', 'dm-fallback'],
          },
        },
      ],
      ['posts:all', { mutedPosts: { from: ['listing-live', 'release-day', 'digest', 'dm-fallback'], to: [] } }],
      ['add_moderator:Quillon', { moderatorRoleIds: { from: [], to: ['member:quillon'] } }],
      [
        'add_moderator:<@&4242424242>',
        { moderatorRoleIds: { from: ['member:quillon'], to: ['member:quillon', '4242424242'] } },
      ],
      [
        'remove_moderator:Quillon',
        { moderatorRoleIds: { from: ['member:quillon', '4242424242'], to: ['4242424242'] } },
      ],
    ];
    for (const [options, details] of changes) {
      h.chat.clock.set(new Date(h.chat.clock.now().getTime() + 60_000));
      const { reply } = await h.say('you', `/preorder-admin settings ${options}`);
      expect(reply.title, options).toBe('Community settings updated');
      const audit = await settingsAudit();
      expect(audit.at(-1), options).toEqual(['console:you', iso(h.chat.clock.now()), details]);
    }
    expect(await community()).toMatchObject({
      announcementChannelId: null,
      defaultTimeZone: 'Europe/London',
      digestHour: 7,
      mutedPosts: [],
      moderatorRoleIds: ['4242424242'],
    });
    // Setting what is already set changes nothing and audits nothing.
    const same = await h.say('you', '/preorder-admin settings digest_hour:7');
    expect(same.reply.title).toBe('Nothing changed: those are the current settings');
    expect(await settingsAudit()).toHaveLength(changes.length);
  });

  it('refuses bad values, naming the field, and changes nothing', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
    await h.say('you', '/preorder-admin settings add_moderator:Quillon');
    const before = await community();
    const auditCount = await db.prisma.auditEntry.count();
    const bad: [string, string][] = [
      ['digest_hour:25', 'digest_hour'],
      ['digest_hour:soon', 'digest_hour'],
      ['timezone:Mars/Olympus', 'timezone'],
      ['posts:listing-live,fireworks', 'posts'],
      ['channel:#news channel_off:on', 'channel_off'],
      ['channel_off:off', 'channel_off'],
      ['add_moderator:Quillon', 'add_moderator'],
      ['remove_moderator:Bram', 'remove_moderator'],
      // One bad option spoils the whole change: the good one is not applied either.
      ['digest_hour:6 posts:sometimes', 'posts'],
      ['dm_fallback:maybe', 'dm_fallback'],
      ['posts:digest,dm-fallback dm_fallback:off', 'dm_fallback'],
      ['colour:blue', 'colour'],
    ];
    for (const [options, field] of bad) {
      const { reply } = await h.say('you', `/preorder-admin settings ${options}`);
      expect(reply.tone, options).toBe('error');
      expect(reply.problem?.field, options).toBe(field);
    }
    expect(await community()).toEqual(before);
    expect(await db.prisma.auditEntry.count()).toBe(auditCount);
  });

  it('lists moderators by the name they go by here, never by a platform id', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
    await h.say('Quillon', '/preorder settings');
    const added = await h.say('you', '/preorder-admin settings add_moderator:Quillon');
    expect(added.text).toContain('• Moderators (besides server admins): Quillon\n');
    const missing = await h.say('you', '/preorder-admin settings remove_moderator:Bram');
    expect(missing.text).toContain("Bram is not on this community's moderator list (Quillon).");
    expect(added.text + missing.text).not.toContain('member:');
  });

  it('lets a member added as moderator run admin commands, until removed', async () => {
    const h = await createSweeperChat(db);
    await h.say('Quillon', START);
    const denied = await h.say('Quillon', '/preorder-admin campaign member:Quillon');
    expect(denied.reply.problem?.code).toBe('forbidden');

    await h.say('you', '/preorder-admin settings add_moderator:Quillon');
    const allowed = await h.say('Quillon', '/preorder-admin campaign member:Quillon');
    expect(allowed.reply.title).toBe('Campaign "The Salt Road" (Quillon)');
    expect((await h.say('Quillon', '/preorder-admin settings')).reply.title).toBe('Community settings');
    // Bram is not on the list.
    expect((await h.say('Bram', '/preorder-admin settings')).reply.problem?.code).toBe('forbidden');

    // A moderator may remove themselves; the next call is refused.
    await h.say('Quillon', '/preorder-admin settings remove_moderator:Quillon');
    expect((await community()).moderatorRoleIds).toEqual([]);
    expect((await h.say('Quillon', '/preorder-admin settings')).reply.problem?.code).toBe('forbidden');
  });

  it('moves the pending digest when the digest hour or zone changes', async () => {
    const h = await createSweeperChat(db, { now: '2027-01-10T10:00:00Z', channel: 'announcements' });
    await h.say('you', START);
    await h.sweeper.drain();
    const digests = async () => (await h.rows({ kind: 'digest' })).map((r) => [r.state, iso(r.dueAt)]);
    expect(await digests()).toEqual([['pending', '2027-01-11T09:00:00.000Z']]);

    await h.say('you', '/preorder-admin settings digest_hour:7');
    expect(await digests()).toEqual([
      ['pending', '2027-01-11T07:00:00.000Z'],
      ['cancelled', '2027-01-11T09:00:00.000Z'],
    ]);
    await h.say('you', '/preorder-admin settings timezone:America/New_York');
    expect(await digests()).toEqual([
      ['pending', '2027-01-10T12:00:00.000Z'],
      ['cancelled', '2027-01-11T07:00:00.000Z'],
      ['cancelled', '2027-01-11T09:00:00.000Z'],
    ]);
    // Back to an hour it had: the same row is wanted again, not a second one.
    await h.say('you', '/preorder-admin settings timezone:UTC digest_hour:9');
    expect(await digests()).toEqual([
      ['cancelled', '2027-01-10T12:00:00.000Z'],
      ['cancelled', '2027-01-11T07:00:00.000Z'],
      ['pending', '2027-01-11T09:00:00.000Z'],
    ]);
    // The sweeper's own hourly scheduling agrees (no second row), and handles the 09:00 one then.
    await h.advance('2027-01-11T09:30:00Z', { stepMs: 3_600_000 });
    expect((await h.rows({ kind: 'digest' })).map((r) => [r.state, iso(r.dueAt), r.lastError])).toEqual([
      ['cancelled', '2027-01-10T12:00:00.000Z', 'digest hour, zone or channel changed'],
      ['cancelled', '2027-01-11T07:00:00.000Z', 'digest hour, zone or channel changed'],
      ['skipped', '2027-01-11T09:00:00.000Z', 'nothing due in the next 24 hours'],
    ]);
  });

  it('honours muted posts in the sweeper: listing-live, release-day and digest are skipped with a reason', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-11T12:00:00Z', channel: 'announcements' });
    await h.say('you', START);
    await h.say('you', '/preorder-admin settings posts:dm-fallback');
    h.chat.clock.set('2027-03-11T20:00:00Z');
    await h.say('you', '/preorder done listing-live');
    await h.advance('2027-03-15T05:00:00Z', { stepMs: 3_600_000 });

    expect(h.notifier.posts()).toEqual([]);
    const rows = await h.rows({ target: 'channel' });
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => [r.state, r.lastError]);
    expect(byKind('channel-listing-live')).toEqual([['skipped', 'moderators turned off listing-live posts']]);
    expect(byKind('channel-release')).toEqual([['skipped', 'moderators turned off release-day posts']]);
    // Every digest that came due was skipped (the next one is still pending).
    const due = byKind('digest').filter(([state]) => state !== 'pending');
    expect(due.length).toBeGreaterThan(2);
    expect(new Set(due.map((d) => JSON.stringify(d)))).toEqual(
      new Set([JSON.stringify(['skipped', 'moderators turned off digest posts'])]),
    );
    // DMs are not channel posts: they still go.
    expect(h.notifier.dms('you').length).toBeGreaterThan(0);
  });

  it('with dm-fallback muted, a refused critical DM is not posted: it fails with the reason; moderators still hear', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-11T12:00:00Z', channel: 'announcements' });
    // Listing the other posts no longer turns the safety net off on the quiet.
    const listed = await h.say('you', '/preorder-admin settings posts:listing-live,release-day');
    expect(listed.text).toContain('dm-fallback (critical steps when DMs are closed): on');
    expect((await community()).mutedPosts).toEqual(['digest']);
    const off = await h.say('you', '/preorder-admin settings dm_fallback:off');
    expect(off.reply.tone).toBe('warning');
    expect(off.text).toMatch(/dm-fallback is now off: when a member has closed their DMs, their critical steps/);
    expect(off.text).toContain('dm_fallback:on turns it back on');
    h.notifier.closeDms('you');
    await h.say('you', START);
    // The publish window opens (03-13, 00:00 New York) with the listing not marked live: the
    // critical 'blocked' DM about it is the first critical DM.
    await h.advance('2027-03-13T05:00:00Z');
    const [blocked] = await h.rows({ milestoneId: 'kdp-publish', kind: 'blocked' });
    expect(blocked).toMatchObject({
      state: 'failed',
      lastError: 'DMs closed and moderators turned off dm-fallback posts in the announcement channel',
    });
    expect(h.notifier.posts().filter((p) => p.mention)).toEqual([]);
    expect(h.notifier.moderatorNotices().map((n) => n.title)).toEqual(['Direct messages to you are blocked']);

    // Turned back on, the next critical step is posted with its mention again.
    await h.say('you', '/preorder-admin settings dm_fallback:on');
    await h.advance('2027-03-14T20:00:00Z');
    expect(
      h.notifier
        .posts()
        .filter((p) => p.mention === 'you')
        .map((p) => p.title),
    ).toEqual(['In 6 hours: Zero out your confirmed purchase orders (for you)']);
  });

  it('threads and events: events and forum are refused off Discord, naming the option; threads:on works', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
    const before = await db.prisma.communityChannelFeatures.count();
    for (const [options, field] of [
      ['events:on', 'events'],
      ['threads:on forum:#campaigns', 'forum'],
    ] as const) {
      const { reply, text } = await h.say('you', `/preorder-admin settings ${options}`);
      expect(reply.tone).toBe('error');
      expect(reply.problem?.field).toBe(field);
      expect(text).toMatch(field === 'events' ? /Discord only/ : /parent message in the announcement channel/);
    }
    expect(await db.prisma.communityChannelFeatures.count()).toBe(before);
    const on = await h.say('you', '/preorder-admin settings threads:on');
    expect(on.reply.tone).toBe('success');
    expect(on.text).toMatch(/Campaign threads.*on: each campaign has a parent message/s);
    expect(await db.prisma.communityChannelFeatures.findFirstOrThrow()).toMatchObject({ threadsEnabled: true });
    const refused = await h.say('ann', '/preorder-admin settings threads:off');
    expect(refused.reply.tone).toBe('error');
    expect(await db.prisma.communityChannelFeatures.findFirstOrThrow()).toMatchObject({ threadsEnabled: true });
  });
});
