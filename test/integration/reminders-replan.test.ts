import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import type { Reminder } from '../../src/infra/db/generated/client.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const NY = 'America/New_York';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
/** kind@due, the shape most assertions compare. */
const plan = (rows: Reminder[]) => rows.map((r) => `${r.kind}@${iso(r.dueAt)}`);
const of = (rows: Reminder[], milestoneId: string) => rows.filter((r) => r.milestoneId === milestoneId);
const states = (rows: Reminder[]) => [...new Set(rows.map((r) => r.state))];

describeEachBackend('reminder rows follow every campaign change', (backend) => {
  const fresh = freshDatabase(backend);

  it('plans every reminder once on start: the start DM, the critical windows, and a week of mornings', async () => {
    const h = await createSweeperChat(fresh.db);
    expect((await h.say('you', START)).reply.tone).toBe('success');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow({ include: { member: true } });
    const rows = await h.rows({ campaignId: campaign.id });

    for (const r of rows) {
      // The key names the reminder completely, so a replan can never create a second copy of one.
      // The first steps share their start DM (one row, no milestone).
      const subject = r.milestoneId ?? 'first-steps';
      expect(r.key).toBe(`${campaign.id}:${subject}:${r.kind}:${r.target}:${iso(r.dueAt)}`);
      expect(r).toMatchObject({ state: 'pending', platform: 'console', campaignId: campaign.id, attempts: 0 });
      expect(r.memberId).toBe(campaign.memberId);
      expect(iso(r.runAt)).toBe(iso(r.dueAt));
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.kind === 'start').map((r) => [r.milestoneId, iso(r.dueAt)])).toEqual([
      [null, '2027-01-10T12:00:00.000Z'],
    ]);
    // Nothing of its own for a step that cannot happen yet.
    for (const id of ['aa-add-item', 'listing-live', 'confirm-pos', 'support-ticket']) expect(of(rows, id)).toEqual([]);

    // The publish window (23:00 EST 12 March until 11:00 EST 13 March) opening without a live listing: one critical DM.
    const kdp = of(rows, 'kdp-publish');
    expect(plan(kdp)).toEqual(['blocked@2027-03-13T04:00:00.000Z']);
    expect([kdp[0]!.critical, iso(kdp[0]!.expiresAt)]).toEqual([true, '2027-03-13T16:00:00.000Z']);

    // Zero-out 21:00–23:00 EDT on 14 March keeps its timely DMs; its morning heads-up is a line, below.
    expect(plan(of(rows, 'zero-out-pos'))).toEqual([
      'heads-up-6h@2027-03-14T19:00:00.000Z',
      'now@2027-03-15T01:00:00.000Z',
      'overdue@2027-03-15T03:00:00.000Z',
    ]);
    expect(of(rows, 'zero-out-pos').every((r) => r.critical)).toBe(true);
    expect(of(rows, 'release-day').map((r) => [r.kind, r.target, iso(r.dueAt)])).toEqual([
      ['channel-release', 'channel', '2027-03-15T04:00:00.000Z'],
    ]);

    // The member's mornings: one row a day with something to say, stored a week ahead (days 1, 2 and 4).
    const mornings = await h.rows({ kind: 'morning' });
    expect(mornings.map((r) => [r.key, r.campaignId, r.memberId, local(r.dueAt, NY)])).toEqual(
      ['2027-01-11', '2027-01-12', '2027-01-14'].map((d) => [
        `morning:${campaign.memberId}:${d}`,
        null,
        campaign.memberId,
        `${d} 09:00`,
      ]),
    );
    expect(mornings.every((r) => !r.critical && r.target === 'dm' && r.milestoneId === null)).toBe(true);

    // A UK campaign has the UK PO step instead (opens 21:00 BST 31 May).
    await h.say(
      'you',
      '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:London',
    );
    const uk = await h.rows({ campaign: { title: 'Second Book' } });
    expect(plan(of(uk, 'check-unconfirmed-pos'))).toEqual([
      'heads-up-6h@2027-05-31T14:00:00.000Z',
      'now@2027-05-31T20:00:00.000Z',
      'overdue@2027-05-31T22:00:00.000Z',
    ]);
    expect(of(uk, 'zero-out-pos')).toEqual([]);
    // Its mornings are the same member's: a day already stored keeps its one row (09:00 New York, the first
    // campaign's zone, since the member set none); the UK plan only adds a day still missing (the 17th).
    const shared = await h.rows({ kind: 'morning' });
    expect(shared.slice(0, 3)).toEqual(mornings);
    expect(shared.slice(3).map((r) => local(r.dueAt, 'Europe/London'))).toEqual(['2027-01-17 09:00']);
  });

  it('writes no reminder rows for a failed command, and plans in the same transaction as the change', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    const before = await h.rows();
    // A duplicate start is refused: nothing new anywhere.
    expect((await h.say('you', START)).reply.tone).toBe('error');
    expect(await h.rows()).toEqual(before);

    // Make the reminder writes themselves fail: the campaign change must roll back with them.
    await fresh.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'start' OR NEW.state = 'cancelled' THEN RAISE EXCEPTION 'reminder write refused'; END IF;
        RETURN NEW;
      END $$`);
    await fresh.db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_reminder BEFORE INSERT OR UPDATE ON "reminders" FOR EACH ROW EXECUTE FUNCTION refuse_reminder()',
    );
    try {
      const done = await h.say('you', '/preorder done kdp-publish confirm:yes');
      expect(done.text).toContain('Something went wrong on my side');
      expect(await fresh.db.prisma.milestoneProgress.count()).toBe(0);
      expect(await h.rows()).toEqual(before);

      const other = await h.say(
        'you',
        '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:London',
      );
      expect(other.text).toContain('Something went wrong on my side');
      expect(await fresh.db.prisma.campaign.count()).toBe(1);
      expect(await h.rows()).toEqual(before);
      expect((await fresh.db.prisma.auditEntry.findMany()).map((a) => a.action)).toEqual(['campaign.started']);
    } finally {
      await fresh.db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_reminder ON "reminders"');
      await fresh.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_reminder()');
    }

    expect((await h.say('you', '/preorder done kdp-publish confirm:yes')).reply.title).toBe('Step done');
    const after = await h.rows();
    const kdp = of(after, 'kdp-publish');
    expect(kdp.map((r) => [r.kind, r.state, r.lastError])).toEqual([['blocked', 'cancelled', 'no longer in the plan']]);
    // Every other step's rows are exactly as they were (the mornings are the member's, and are never cancelled).
    const untouched = (rows: Reminder[]) => rows.filter((r) => r.milestoneId !== 'kdp-publish');
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('done cancels only pending rows, sent ones stay sent, and undo revives only the future ones', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z' });
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.say('you', '/preorder done kdp-files-ready');
    await h.advance('2027-03-13T05:00:00Z');
    const sent = await h.rows({ milestoneId: 'kdp-publish', state: 'sent' });
    expect(plan(sent)).toEqual(['now@2027-03-13T04:00:00.000Z']);

    await h.say('you', '/preorder done kdp-publish');
    const done = await h.rows({ milestoneId: 'kdp-publish' });
    // The DM about the window opening without a live listing was cancelled when the listing was marked.
    expect(done.map((r) => `${r.state} ${r.kind}`)).toEqual(['cancelled blocked', 'sent now', 'cancelled overdue']);
    expect(done[1]).toEqual(sent[0]);
    expect(states(await h.rows({ milestoneId: 'zero-out-pos' }))).toEqual(['pending']);

    // Reopened while the window is open: the overdue DM still ahead comes back, the "now" DM does not.
    h.chat.clock.set('2027-03-13T10:00:00Z');
    expect((await h.say('you', '/preorder undo kdp-publish')).reply.title).toBe('Step reopened');
    const reopened = await h.rows({ milestoneId: 'kdp-publish' });
    expect(reopened.map((r) => `${r.state} ${r.kind}`)).toEqual(['cancelled blocked', 'sent now', 'pending overdue']);
    expect(reopened[1]).toEqual(sent[0]);
    expect([iso(reopened[2]!.runAt), reopened[2]!.lastError]).toEqual(['2027-03-13T16:00:00.000Z', null]);
    h.notifier.clear();
    await h.advance('2027-03-13T17:00:00Z');
    const overdue = h.notifier.deliveries.filter((d) => d.title.endsWith('Press Publish on KDP'));
    expect(overdue.map((d) => [d.title, iso(d.at)])).toEqual([
      ['Window closed, not marked done: Press Publish on KDP', '2027-03-13T16:00:00.000Z'],
    ]);
  });

  it('never cancels a morning: one with nothing left to say is skipped, and an undone step is back in the next', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.advance('2027-01-11T16:00:00Z');
    expect(plan(await h.rows({ state: 'sent' }))).toEqual([
      'start@2027-01-10T12:00:00.000Z',
      'morning@2027-01-11T14:00:00.000Z',
    ]);

    // Both first steps done on the 12th: adding the item becomes possible; its first mention is the next day.
    h.chat.clock.set('2027-01-12T10:00:00Z');
    await h.say('you', '/preorder done aa-account');
    await h.say('you', '/preorder done kdp-files-ready');
    expect(states(await h.rows({ kind: 'morning' }))).toEqual(['sent', 'pending']);
    h.notifier.clear();
    await h.advance('2027-01-12T15:00:00Z');
    const [twelfth] = await h.rows({ kind: 'morning', dueAt: new Date('2027-01-12T14:00:00Z') });
    expect(twelfth).toMatchObject({ state: 'skipped', lastError: 'every step it was about is settled' });
    expect(h.notifier.dms('you')).toEqual([]);
    await h.advance('2027-01-13T15:00:00Z');
    const thirteenth = h.notifier.dms('you');
    expect(thirteenth.map((d) => d.title)).toEqual(['Today for "The Salt Road"']);
    expect(thirteenth[0]!.text).toContain('Still to do: Add your book in Amazon Advantage');
    expect(thirteenth[0]!.text).not.toContain('Open an Amazon Advantage account');

    // The account reopened: it is mentioned again on its own cadence, in the morning already stored.
    await h.say('you', '/preorder undo aa-account');
    h.notifier.clear();
    await h.advance('2027-01-14T15:00:00Z');
    expect(h.notifier.dms('you').map((d) => d.text.includes('Still to do: Open an Amazon Advantage account'))).toEqual([
      true,
    ]);
  });

  it('checks the listing on the mornings after the item is added: first, then daily for three days, one message a day', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.say('you', '/preorder done aa-add-item');
    await h.advance('2027-01-16T00:00:00Z');
    const dms = h.notifier.dms('you').filter((d) => d.kind === 'dm' && d.title.startsWith('Today for'));
    expect(dms.map((d) => local(d.at!, NY))).toEqual([
      '2027-01-11 09:00',
      '2027-01-12 09:00',
      '2027-01-13 09:00',
      '2027-01-14 09:00',
    ]);
    expect(dms[0]!.text).toContain('Check whether your listing is live');
    expect(dms.slice(1).every((d) => d.text.includes('Is your listing live yet?'))).toBe(true);
    expect(dms.every((d) => d.text.includes('https://www.amazon.com/dp/0306406152'))).toBe(true);
    expect(dms.every((d) => d.title === 'Today for "The Salt Road"')).toBe(true);
  });

  it('replans a new release date, and moving it back never re-creates a sent reminder', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-11T12:00:00Z' });
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.say('you', '/preorder done kdp-files-ready');
    await h.advance('2027-03-13T05:00:00Z');
    const nowDm = await h.rows({ milestoneId: 'kdp-publish', kind: 'now' });
    expect(nowDm.map((r) => [r.state, iso(r.sentAt)])).toEqual([['sent', '2027-03-13T04:00:00.000Z']]);

    const edited = await h.say('you', '/preorder edit release:2027-03-22');
    expect(edited.reply.title).toBe('Updated "The Salt Road"');
    expect(edited.text).toContain(
      'Change the publish date of your item in Amazon Advantage to Mon 22 Mar 2027 as well',
    );
    const kdp = await h.rows({ milestoneId: 'kdp-publish' });
    expect(kdp.map((r) => `${r.state} ${r.kind}@${iso(r.dueAt)}`)).toEqual([
      'cancelled blocked@2027-03-13T04:00:00.000Z',
      'sent now@2027-03-13T04:00:00.000Z',
      'cancelled overdue@2027-03-13T16:00:00.000Z',
      'pending now@2027-03-20T04:00:00.000Z',
      'pending overdue@2027-03-20T16:00:00.000Z',
    ]);
    expect(kdp[1]).toEqual(nowDm[0]);
    expect(plan(await h.rows({ milestoneId: 'release-day', state: 'pending' }))).toEqual([
      'channel-release@2027-03-22T04:00:00.000Z',
    ]);

    await h.say('you', '/preorder edit release:2027-03-15');
    const back = await h.rows({ milestoneId: 'kdp-publish' });
    expect(back.map((r) => `${r.state} ${r.kind}@${iso(r.dueAt)}`)).toEqual([
      'cancelled blocked@2027-03-13T04:00:00.000Z',
      'sent now@2027-03-13T04:00:00.000Z',
      'pending overdue@2027-03-13T16:00:00.000Z',
      'cancelled now@2027-03-20T04:00:00.000Z',
      'cancelled overdue@2027-03-20T16:00:00.000Z',
    ]);
    expect(back[1]).toEqual(nowDm[0]);
    h.notifier.clear();
    await h.advance('2027-03-13T17:00:00Z');
    expect(h.notifier.titles()).not.toContain('Now open: Press Publish on KDP');
    expect(h.notifier.titles()).toContain('Window closed, not marked done: Press Publish on KDP');
  });

  it('cancel cancels every pending row of the campaign, snoozes included; its mornings then say nothing', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.sweeper.drain();
    expect((await h.say('you', '/preorder snooze aa-account for:3h')).reply.title).toBe('Snoozed');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const sent = await h.rows({ state: 'sent' });
    expect(sent.map((r) => r.kind)).toEqual(['start']);
    const pending = await h.rows({ state: 'pending', campaignId: campaign.id });
    expect(pending.map((r) => r.kind)).toContain('snooze');

    expect((await h.say('you', '/preorder cancel confirm:yes')).reply.title).toBe('Campaign cancelled');
    expect(await h.rows({ state: 'sent' })).toEqual(sent);
    expect(await h.rows({ state: 'pending', campaignId: campaign.id })).toEqual([]);
    const cancelled = await h.rows({ state: 'cancelled' });
    expect(cancelled.map((r) => r.key)).toEqual(pending.map((r) => r.key));
    await h.advance('2027-01-20T00:00:00Z');
    expect(h.notifier.deliveries).toHaveLength(1);
  });

  it('rolls the stored mornings forward: a PO check every morning until the day before release', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.advance('2027-03-15T12:00:00Z');
    const mornings = await h.rows({ kind: 'morning', state: { in: ['sent', 'skipped', 'missed', 'failed'] } });
    // 11 January to 14 March, across the 14 March DST change, each sent at 09:00 New York.
    expect(mornings).toHaveLength(63);
    expect(mornings.map((r) => r.state)).toEqual(Array(63).fill('sent'));
    expect(mornings.map((r) => local(r.sentAt!, NY).slice(11))).toEqual(Array(63).fill('09:00'));
    const po = h.notifier.dms('you').filter((d) => d.text.includes("Confirm today's new purchase orders"));
    expect(po).toHaveLength(63);
  });

  it("keeps an idle member's thinning nudges coming across gaps longer than the stored week", async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.advance('2027-03-15T04:00:00Z');
    const days = (await h.rows({ kind: 'morning', state: 'sent' })).map((r) => local(r.dueAt, NY).slice(0, 10));
    expect(days.slice(0, 7)).toEqual([
      '2027-01-11',
      '2027-01-12',
      '2027-01-14',
      '2027-01-17',
      '2027-01-24',
      '2027-01-31',
      '2027-02-07',
    ]);
    // Every day of the week before the publish window (23:00 EST 12 March): at risk.
    expect(days.slice(-9)).toEqual([
      '2027-03-06',
      '2027-03-07',
      '2027-03-08',
      '2027-03-09',
      '2027-03-10',
      '2027-03-11',
      '2027-03-12',
      '2027-03-13', // the window is open until 11:00 EST
      '2027-03-14', // the PO step's heads-up, release eve
    ]);
    expect(new Set(days).size).toBe(days.length);
  });

  it("moves the mornings to 09:00 in the member's new time zone, keeping one row a day", async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    const before = await h.rows({ kind: 'morning' });
    const reply = await h.say('you', '/preorder settings timezone:Europe/London');
    expect(reply.reply.title).toBe('Settings saved');
    const after = await h.rows({ kind: 'morning', state: 'pending' });
    expect(after.map((r) => r.key).slice(0, 3)).toEqual(before.map((r) => r.key));
    // Moved, not duplicated; 09:00 London on the 17th now falls inside the stored week and joins it.
    expect(after.map((r) => local(r.dueAt, 'Europe/London'))).toEqual([
      '2027-01-11 09:00',
      '2027-01-12 09:00',
      '2027-01-14 09:00',
      '2027-01-17 09:00',
    ]);
    expect(await h.rows({ kind: 'morning', state: 'cancelled' })).toEqual([]);
    expect(await h.rows({ kind: 'start', state: 'pending' })).toHaveLength(1);
  });

  it('posts "now on pre-order" once for listing-live, even when it is undone and redone', async () => {
    const h = await createSweeperChat(fresh.db, { channel: 'announcements' });
    await h.say('you', START);
    await h.sweeper.drain();
    h.chat.clock.set('2027-01-12T12:00:00Z');
    await h.say('you', '/preorder done listing-live');
    const posts = await h.rows({ target: 'channel', kind: 'channel-listing-live' });
    expect(posts.map((r) => [r.key.endsWith(':listing-live:channel-listing-live:channel'), iso(r.dueAt)])).toEqual([
      [true, '2027-01-12T12:00:00.000Z'],
    ]);
    await h.sweeper.drain();
    expect(h.notifier.titles(h.notifier.posts())).toEqual(['Now on pre-order: "The Salt Road"']);

    h.chat.clock.set('2027-01-12T13:00:00Z');
    await h.say('you', '/preorder undo listing-live');
    h.chat.clock.set('2027-01-12T14:30:00Z');
    await h.say('you', '/preorder done listing-live');
    await h.sweeper.drain();
    const again = await h.rows({ kind: 'channel-listing-live' });
    expect(again.map((r) => [r.state, iso(r.sentAt)])).toEqual([['sent', '2027-01-12T12:00:00.000Z']]);
    expect(h.notifier.posts()).toHaveLength(1);
  });

  // Regression: the listing-live post's key has no instant, so a cancelled row must be revived at
  // the new mark's instant, or the announcement is lost for good.
  it('still posts "now on pre-order" when listing-live is undone before the post went out and redone', async () => {
    const h = await createSweeperChat(fresh.db, { channel: 'announcements' });
    await h.say('you', START);
    await h.sweeper.drain();
    h.chat.clock.set('2027-01-12T12:00:00Z');
    await h.say('you', '/preorder done listing-live');
    h.chat.clock.set('2027-01-12T12:00:20Z');
    await h.say('you', '/preorder undo listing-live');
    expect(states(await h.rows({ kind: 'channel-listing-live' }))).toEqual(['cancelled']);
    h.chat.clock.set('2027-01-12T12:05:00Z');
    await h.say('you', '/preorder done listing-live');
    await h.sweeper.drain();
    expect(h.notifier.titles(h.notifier.posts())).toEqual(['Now on pre-order: "The Salt Road"']);
  });
});

describeEachBackend('campaigns planned by an older version of the bot', (backend) => {
  const fresh = freshDatabase(backend);

  it('are replanned by the sweeper: old-style rows cancelled, mornings added, the version recorded', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    expect(campaign.planVersion).toBe(2);
    // As an earlier version left it: version 0, a pending daily PO row, and no mornings yet.
    await fresh.db.prisma.reminder.deleteMany({ where: { kind: 'morning' } });
    const old = await fresh.db.prisma.campaign.update({ where: { id: campaign.id }, data: { planVersion: 0 } });
    await fresh.db.prisma.reminder.create({
      data: {
        key: `${campaign.id}:confirm-pos:daily:dm:2027-01-11T14:00:00.000Z`,
        platform: 'console',
        communityId: campaign.communityId,
        campaignId: campaign.id,
        memberId: campaign.memberId,
        milestoneId: 'confirm-pos',
        kind: 'daily',
        target: 'dm',
        dueAt: new Date('2027-01-11T14:00:00Z'),
        runAt: new Date('2027-01-11T14:00:00Z'),
      },
    });

    await h.sweeper.tick();
    const [legacy] = await h.rows({ kind: 'daily' });
    expect(legacy).toMatchObject({ state: 'cancelled', lastError: 'no longer in the plan' });
    expect((await h.rows({ kind: 'morning' })).length).toBeGreaterThan(0);
    const after = await fresh.db.prisma.campaign.findFirstOrThrow();
    expect(after.planVersion).toBe(2);
    // Not a change the member made: updated_at keeps its value.
    expect(after.updatedAt).toEqual(old.updatedAt);
  });
});
