import { expect, it } from 'vitest';
import type { RecordedDelivery } from '../support/recording-notifier.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const DIGEST = 'Pre-order steps in the next 24 hours';
const HOUR = 3_600_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const announcements = (posts: RecordedDelivery[]) => posts.filter((d) => d.title !== DIGEST);
const digests = (posts: RecordedDelivery[]) => posts.filter((d) => d.title === DIGEST);

describeEachBackend('channel posts and the daily digest', (backend) => {
  const fresh = freshDatabase(backend);

  it('posts "now on pre-order" and the release-day celebration in the announcement channel', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z', channel: 'announcements' });
    await h.say('you', START);
    await h.sweeper.drain();
    h.chat.clock.set('2027-03-11T20:00:00Z');
    await h.say('you', '/preorder done listing-live');
    await h.sweeper.drain();
    await h.advance('2027-03-15T05:00:00Z');

    const posts = announcements(h.notifier.posts());
    expect(posts.map((d) => [d.title, d.target, d.mention, iso(d.at)])).toEqual([
      ['Now on pre-order: "The Salt Road"', 'announcements', undefined, '2027-03-11T20:00:00.000Z'],
      ['Release day: "The Salt Road"', 'announcements', undefined, '2027-03-15T04:00:00.000Z'],
    ]);
    expect(posts[0]!.text).toContain('The print edition by you is up for pre-order on Amazon US (amazon.com).');
    expect(posts[0]!.text).not.toContain("you's");
    expect(posts[0]!.text).toContain('https://www.amazon.com/dp/0306406152');
    expect(posts[1]!.text).toContain('is out today on Amazon US');
    expect(posts.every((d) => d.reply.visibility === 'public')).toBe(true);
    const rows = await h.rows({ target: 'channel', kind: { not: 'digest' } });
    expect(rows.map((r) => [r.kind, r.state, r.deliveredVia])).toEqual([
      ['channel-listing-live', 'sent', 'channel'],
      ['channel-release', 'sent', 'channel'],
    ]);
  });

  it('posts nothing and plans no digest when the community has no announcement channel', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z', timeZone: 'America/New_York' });
    await h.say('you', START);
    h.chat.clock.set('2027-03-11T20:00:00Z');
    await h.say('you', '/preorder done listing-live');
    await h.advance('2027-03-15T05:00:00Z', { stepMs: HOUR });

    expect(h.notifier.posts()).toEqual([]);
    // DMs still go: the critical PO window's among them.
    expect(h.notifier.titles()).toContain('Now open: Zero out your confirmed purchase orders');
    const rows = await h.rows({ target: 'channel' });
    expect(rows.map((r) => [r.kind, r.state, r.lastError])).toEqual([
      ['channel-listing-live', 'skipped', 'no announcement channel'],
      ['channel-release', 'skipped', 'no announcement channel'],
    ]);
  });

  it("posts the daily digest at 09:00 in the community's zone, listing the next 24 hours' deadlines", async () => {
    // The listing is live and the files ready, so the publish window is a real deadline for the group.
    const h = await createSweeperChat(fresh.db, {
      now: '2027-03-11T15:00:00Z',
      timeZone: 'America/New_York',
      channel: 'announcements',
    });
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.say('you', '/preorder done kdp-files-ready');
    await h.sweeper.drain();
    expect((await h.rows({ kind: 'digest' })).map((r) => [r.state, iso(r.dueAt)])).toEqual([
      ['pending', '2027-03-12T14:00:00.000Z'],
    ]);

    await h.advance('2027-03-13T15:00:00Z', { stepMs: HOUR });
    const posted = digests(h.notifier.posts());
    expect(posted.map((d) => [d.target, iso(d.at)])).toEqual([
      ['announcements', '2027-03-12T14:00:00.000Z'],
      ['announcements', '2027-03-13T14:00:00.000Z'],
    ]);
    // 09:00 EST on 12 March: the KDP window opens that night; the next morning it closes at 11:00.
    expect(posted[0]!.text.split('\n').slice(1)).toEqual([
      '• "The Salt Road" (you, Amazon US): Press Publish on KDP opens Fri 12 Mar 2027, 23:00 EST (America/New_York)',
    ]);
    expect(posted[1]!.text.split('\n').slice(1)).toEqual([
      '• "The Salt Road" (you, Amazon US): Press Publish on KDP closes Sat 13 Mar 2027, 11:00 EST (America/New_York)',
    ]);
    expect((await h.rows({ kind: 'digest', state: 'sent' })).map((r) => iso(r.sentAt))).toEqual([
      '2027-03-12T14:00:00.000Z',
      '2027-03-13T14:00:00.000Z',
    ]);
  });

  it("skips the digest when nothing is due, and posts it at the community's own digest hour", async () => {
    const h = await createSweeperChat(fresh.db, {
      now: '2027-03-11T15:00:00Z',
      timeZone: 'America/New_York',
      channel: 'announcements',
    });
    await fresh.db.prisma.community.update({ where: { id: h.community.id }, data: { digestHour: 18 } });
    await h.say(
      'you',
      '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-04-20 timezone:America/New_York',
    );
    await h.advance('2027-03-12T00:00:00Z', { stepMs: HOUR });
    // 18:00 EST on 11 March: nothing has a deadline in the next 24 hours, so nothing is posted.
    const past = await h.rows({ kind: 'digest', dueAt: { lte: h.chat.clock.now() } });
    expect(past.map((r) => [iso(r.dueAt), r.state, r.lastError])).toEqual([
      ['2027-03-11T23:00:00.000Z', 'skipped', 'nothing due in the next 24 hours'],
    ]);
    expect(h.notifier.posts()).toEqual([]);

    await h.say('you', '/preorder done listing-live');
    await h.say('you', '/preorder done kdp-files-ready');
    await h.say('you', '/preorder edit release:2027-03-15');
    await h.advance('2027-03-13T00:00:00Z', { stepMs: HOUR });
    const posted = digests(h.notifier.posts());
    expect(posted.map((d) => iso(d.at))).toEqual(['2027-03-12T23:00:00.000Z']);
    expect(posted[0]!.text).toContain('Press Publish on KDP opens Fri 12 Mar 2027, 23:00 EST (America/New_York)');
  });
});
