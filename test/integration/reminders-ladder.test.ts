import { expect, it } from 'vitest';
import { freshDatabase } from '../support/fresh-database.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const START_UK =
  '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:Europe/London';
const MORNING = 'Today for "The Salt Road"';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describeEachBackend('reminder delivery failures: closed DMs, rate limits, retries and poison rows', (backend) => {
  const fresh = freshDatabase(backend);

  const member = () => fresh.db.prisma.member.findFirstOrThrow({ where: { externalId: 'you' } });

  it('after a refused DM: critical steps go to the channel with a mention, the rest are skipped, moderators told once', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z', channel: 'announcements' });
    h.notifier.closeDms('you');
    await h.say('you', START);
    await h.say('you', START_UK);
    await h.sweeper.drain();

    // Two start DMs in one batch, both refused: one notice, no retry, no channel post (not critical).
    expect(h.notifier.refusals.map((d) => d.refused)).toEqual(['dm-closed', 'dm-closed']);
    expect(iso((await member()).dmsClosedAt)).toBe('2027-03-11T12:00:00.000Z');
    const starts = await h.rows({ kind: 'start' });
    expect(starts.map((r) => [r.state, r.lastError])).toEqual(
      Array(2).fill(['skipped', 'DMs closed and the step is not critical']),
    );
    const notices = h.notifier.moderatorNotices();
    expect(notices.map((d) => [d.title, d.target])).toEqual([['Direct messages to you are blocked', 'local']]);
    expect(h.notifier.posts()).toEqual([]);

    // The publish window opening with the listing not marked live is critical: posted in the channel, one mention.
    await h.advance('2027-03-13T05:00:00Z');
    expect(h.notifier.refusals).toHaveLength(2);
    const posts = h.notifier.posts();
    expect(posts.map((d) => [d.title, d.target, d.mention, iso(d.at)])).toEqual([
      ['Press Publish on KDP: waiting on 2 steps (for you)', 'announcements', 'you', '2027-03-13T04:00:00.000Z'],
    ]);
    expect(posts[0]!.text).toContain('/preorder settings dms:on');
    expect(posts[0]!.reply.visibility).toBe('public');
    const [blocked] = await h.rows({ milestoneId: 'kdp-publish', kind: 'blocked' });
    expect(blocked).toMatchObject({ state: 'sent', deliveredVia: 'channel-fallback' });
    // The morning messages are not critical: skipped without another attempt or a post.
    const mornings = await h.rows({ kind: 'morning', dueAt: { lte: h.chat.clock.now() } });
    expect(mornings.length).toBeGreaterThan(0);
    expect(mornings.every((r) => r.state === 'skipped')).toBe(true);
    expect(h.notifier.dms()).toEqual([]);
    expect(h.notifier.moderatorNotices()).toHaveLength(1);
    expect((await h.say('you', '/preorder settings')).text).toContain('I could not reach you by direct message');
    // Status says so too, since that is where a member looks when reminders seem to stop.
    const status = await h.say('you', '/preorder status campaign:"The Salt Road"');
    expect(status.text).toContain('I cannot send you direct messages');
  });

  it('fails a critical fallback visibly when the community has no announcement channel', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z' });
    h.notifier.closeDms('you');
    await h.say('you', START);
    await h.advance('2027-03-13T05:00:00Z');
    const [blocked] = await h.rows({ milestoneId: 'kdp-publish', kind: 'blocked' });
    expect(blocked).toMatchObject({
      state: 'failed',
      lastError: 'DMs closed and the community has no announcement channel',
    });
    expect(h.notifier.posts()).toEqual([]);
    expect(h.notifier.moderatorNotices()).toHaveLength(1);
  });

  it('dms:on reopens DMs after a refusal, dms:off skips DM reminders', async () => {
    const h = await createSweeperChat(fresh.db);
    h.notifier.closeDms('you');
    await h.say('you', START);
    await h.sweeper.drain();
    expect((await member()).dmsClosedAt).not.toBeNull();

    h.notifier.openDms('you');
    expect((await h.say('you', '/preorder settings dms:on')).reply.title).toBe('Settings saved');
    expect((await member()).dmsClosedAt).toBeNull();
    await h.advance('2027-01-11T14:00:00Z');
    expect(h.notifier.dms('you').map((d) => [d.title, iso(d.at)])).toEqual([[MORNING, '2027-01-11T14:00:00.000Z']]);

    await h.say('you', '/preorder settings dms:off');
    await h.advance('2027-01-12T15:00:00Z');
    const [next] = await h.rows({ kind: 'morning', dueAt: new Date('2027-01-12T14:00:00Z') });
    expect(next).toMatchObject({ state: 'skipped', lastError: 'member turned DM reminders off' });
    expect(h.notifier.dms('you')).toHaveLength(1);
    expect((await h.say('you', '/preorder status')).text).toContain('DM reminders are off');
  });

  it('waits out a rate limit (retryAfterMs) before trying again', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.advance('2027-01-11T13:30:00Z');
    h.notifier.failNext(1, 'rate-limited', { retryAfterMs: 30_000 });
    h.chat.clock.set('2027-01-11T14:00:00Z');
    await h.sweeper.drain();
    expect(h.notifier.titles()).not.toContain(MORNING);
    const [waiting] = await h.rows({ kind: 'morning', dueAt: new Date('2027-01-11T14:00:00Z') });
    expect(waiting).toMatchObject({ state: 'pending', lastError: 'rate-limited: scripted rate-limited failure' });
    expect(waiting!.runAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-11T14:00:30Z'));

    h.chat.clock.set(new Date(waiting!.runAt.getTime() - 1));
    await h.sweeper.drain();
    expect(h.notifier.titles()).not.toContain(MORNING);
    await h.advance(60_000);
    const retried = h.notifier.deliveries.filter((d) => d.title === MORNING);
    expect(retried.map((d) => iso(d.at))).toEqual([iso(waiting!.runAt)]);
    expect(retried[0]!.text).not.toMatch(/\blate\b/i);
    const [row] = await h.rows({ id: waiting!.id });
    expect(row).toMatchObject({ state: 'sent', late: false, deliveredVia: 'dm' });
  });

  it('retries transient failures with growing back-off, then fails the row with the reason', async () => {
    const h = await createSweeperChat(fresh.db, { sweeper: { maxAttempts: 4 } });
    // Exactly the four attempts this row gets; the next morning meets the permanent refusal below.
    h.notifier.failNext(4, 'transient', { match: (d) => d.reply.title === MORNING });
    await h.say('you', START);
    await h.advance('2027-01-11T14:00:00Z');
    const first = { kind: 'morning', dueAt: new Date('2027-01-11T14:00:00Z') };

    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [row] = await h.rows(first);
      if (row!.state !== 'pending') break;
      delays.push(row!.runAt.getTime() - h.chat.clock.now().getTime());
      h.chat.clock.set(row!.runAt);
      await h.sweeper.drain();
    }
    // 30 s doubling (jitter is pinned to its midpoint), four attempts in all.
    expect(delays).toEqual([30_000, 60_000, 120_000]);
    const [row] = await h.rows(first);
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 4,
      lastError: 'transient: scripted transient failure (gave up: 4 attempts)',
    });
    expect(h.notifier.refusals.map((d) => d.refused)).toEqual(Array(4).fill('transient'));

    // A permanent refusal fails at once; the queue goes on with the next reminders.
    h.notifier.failNext(1, 'permanent', { match: (d) => d.reply.title === MORNING });
    await h.advance('2027-01-12T14:00:00Z');
    const failed = await h.rows({ state: 'failed', NOT: { id: row!.id } });
    expect(failed.map((r) => [r.attempts, r.lastError])).toEqual([[1, 'permanent: scripted permanent failure']]);
    expect(h.notifier.refusals).toHaveLength(5);
    expect(await h.rows({ kind: 'morning', state: 'pending', dueAt: { gt: h.chat.clock.now() } })).not.toEqual([]);
  });

  it('fails a poison row on its own while the rest of its batch is delivered', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.say('you', START_UK);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
    const base = {
      platform: 'console' as const,
      communityId: campaign.communityId,
      campaignId: campaign.id,
      memberId: campaign.memberId,
      target: 'dm' as const,
      dueAt: h.chat.clock.now(),
      runAt: h.chat.clock.now(),
    };
    await fresh.db.prisma.reminder.createMany({
      data: [
        { ...base, key: 'poison:kind', kind: 'from-the-future', milestoneId: 'aa-account' },
        { ...base, key: 'poison:step', kind: 'now', milestoneId: 'no-such-step' },
      ],
    });

    const result = await h.sweeper.tick();
    expect(result).toMatchObject({ claimed: 4, sent: 2, failed: 2 });
    expect(h.notifier.titles()).toEqual([
      'Time to start: 2 first steps for "The Salt Road"',
      'Time to start: 2 first steps for "Second Book"',
    ]);
    const poison = await h.rows({ key: { startsWith: 'poison:' } });
    expect(poison.map((r) => [r.key, r.state, r.attempts])).toEqual([
      ['poison:kind', 'failed', 1],
      ['poison:step', 'failed', 1],
    ]);
    expect(poison[0]!.lastError).toMatch(/cannot be worded by this version: .*"from-the-future"/);
    expect(poison[1]!.lastError).toMatch(/cannot be worded by this version: .*"no-such-step"/);

    // The queue keeps moving, and the poison rows are never claimed again.
    await h.advance('2027-01-11T14:00:00Z');
    expect(h.notifier.titles()).toContain('Today for your 2 campaigns');
    expect((await h.rows({ key: { startsWith: 'poison:' } })).map((r) => r.attempts)).toEqual([1, 1]);
  });

  it('a deleted campaign takes its rows with it and breaks nothing', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.say('you', START_UK);
    const salt = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
    await fresh.db.prisma.campaign.delete({ where: { id: salt.id } });
    expect(await h.rows({ campaignId: salt.id })).toEqual([]);
    await h.sweeper.drain();
    expect(h.notifier.titles()).toEqual(['Time to start: 2 first steps for "Second Book"']);
    await h.advance('2027-01-12T00:00:00Z');
    expect(h.notifier.deliveries.some((d) => d.text.includes('Salt Road'))).toBe(false);
    expect(await h.rows({ state: { in: ['pending', 'sending'] }, dueAt: { lte: h.chat.clock.now() } })).toEqual([]);
  });

  // Regression: a campaign deleted while its rows are in flight made the summary insert fail its
  // foreign key, and the whole tick threw, costing the other campaigns their summary.
  it("a campaign deleted mid-batch does not stop the other campaigns' catch-up summary", async () => {
    // Both release on 15 March with their listings live, so each has a last evening to miss.
    const h = await createSweeperChat(fresh.db, { now: '2027-03-13T17:00:00Z' });
    await h.say('you', START);
    await h.say('you', START_UK.replace('release:2027-06-01', 'release:2027-03-15'));
    await h.say('you', '/preorder done listing-live campaign:"The Salt Road"');
    await h.say('you', '/preorder done listing-live campaign:"Second Book"');
    await h.sweeper.drain();
    h.notifier.clear();
    const salt = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
    h.notifier.onDeliver(async () => {
      h.notifier.onDeliver(undefined);
      await fresh.db.prisma.campaign.delete({ where: { id: salt.id } });
    });

    await expect(h.jump('2027-03-16T05:00:00Z')).resolves.toBeUndefined();
    await h.sweeper.drain();
    expect(await h.rows({ campaignId: salt.id })).toEqual([]);
    expect(h.notifier.titles().filter((t) => t.startsWith('Missed while I was offline'))).toEqual([
      'Missed while I was offline: "Second Book"',
    ]);
  });
});
