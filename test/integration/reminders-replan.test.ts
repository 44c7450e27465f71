import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import type { Reminder } from '../../src/infra/db/generated/client.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat, resetChatTables } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const NY = 'America/New_York';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
/** kind@due, the shape most assertions compare. */
const plan = (rows: Reminder[]) => rows.map((r) => `${r.kind}@${iso(r.dueAt)}`);
const of = (rows: Reminder[], milestoneId: string) => rows.filter((r) => r.milestoneId === milestoneId);
const states = (rows: Reminder[]) => [...new Set(rows.map((r) => r.state))];
const FIRST_STEPS = ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy'];

describeEachBackend('reminder rows follow every campaign change', (backend) => {
  let db: Database;

  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetChatTables(db);
  });

  it('plans every reminder once on start: start DMs, window DMs, 6 h heads-ups and 09:00 dailies', async () => {
    const h = await createSweeperChat(db);
    expect((await h.say('you', START)).reply.tone).toBe('success');
    const campaign = await db.prisma.campaign.findFirstOrThrow({ include: { member: true } });
    const rows = await h.rows();

    for (const r of rows) {
      // The key names the reminder completely, so a replan can never create a second copy of one.
      // The first steps share their start and nudge DMs (one row per instant, no milestone).
      const subject = r.milestoneId ?? 'first-steps';
      expect(r.key).toBe(`${campaign.id}:${subject}:${r.kind}:${r.target}:${iso(r.dueAt)}`);
      expect(r).toMatchObject({ state: 'pending', platform: 'console', campaignId: campaign.id, attempts: 0 });
      expect(r.memberId).toBe(campaign.memberId);
      expect(iso(r.runAt)).toBe(iso(r.dueAt));
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);

    const starts = rows.filter((r) => r.kind === 'start');
    expect(starts.map((r) => [r.milestoneId, iso(r.dueAt), r.target])).toEqual([
      [null, '2027-01-10T12:00:00.000Z', 'dm'],
    ]);
    expect(rows.filter((r) => FIRST_STEPS.includes(r.milestoneId!))).toEqual([]);

    // kdp-publish: 23:00 EST 12 March until 11:00 EST 13 March; no 6 h heads-up for it.
    const kdp = of(rows, 'kdp-publish');
    expect(plan(kdp)).toEqual([
      'heads-up@2027-03-12T04:00:00.000Z',
      'now@2027-03-13T04:00:00.000Z',
      'overdue@2027-03-13T16:00:00.000Z',
    ]);
    expect(kdp.map((r) => iso(r.expiresAt))).toEqual([
      '2027-03-13T04:00:00.000Z',
      '2027-03-13T16:00:00.000Z',
      '2027-03-14T16:00:00.000Z',
    ]);
    expect(kdp.every((r) => r.critical && r.target === 'dm')).toBe(true);

    // Zero-out 21:00–23:00 EDT on 14 March, the ticket 21:00–24:00: both get the extra 6 h heads-up.
    expect(plan(of(rows, 'zero-out-pos'))).toEqual([
      'heads-up@2027-03-14T01:00:00.000Z',
      'heads-up-6h@2027-03-14T19:00:00.000Z',
      'now@2027-03-15T01:00:00.000Z',
      'overdue@2027-03-15T03:00:00.000Z',
    ]);
    expect(plan(of(rows, 'support-ticket'))).toEqual([
      'heads-up@2027-03-14T01:00:00.000Z',
      'heads-up-6h@2027-03-14T19:00:00.000Z',
      'now@2027-03-15T01:00:00.000Z',
      'overdue@2027-03-15T04:00:00.000Z',
    ]);
    expect(of(rows, 'check-unconfirmed-pos')).toEqual([]);
    expect(of(rows, 'release-day').map((r) => [r.kind, r.target, iso(r.dueAt)])).toEqual([
      ['now', 'dm', '2027-03-15T04:00:00.000Z'],
      ['channel-release', 'channel', '2027-03-15T04:00:00.000Z'],
    ]);

    // One confirm-pos DM a day at 09:00 New York time from the day after the listing can appear
    // (11 January); only the coming week is stored, the sweeper rolls it forward (below).
    const daily = of(rows, 'confirm-pos');
    expect(daily.every((r) => r.kind === 'daily')).toBe(true);
    expect(daily.map((r) => local(r.dueAt, NY))).toEqual([
      '2027-01-11 09:00',
      '2027-01-12 09:00',
      '2027-01-13 09:00',
      '2027-01-14 09:00',
      '2027-01-15 09:00',
      '2027-01-16 09:00',
    ]);

    // A UK campaign has the UK PO step instead, with its own 6 h heads-up (opens 21:00 BST 31 May).
    await h.say(
      'you',
      '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:London',
    );
    const uk = await h.rows({ campaign: { title: 'Second Book' } });
    expect(plan(of(uk, 'check-unconfirmed-pos'))).toEqual([
      'heads-up@2027-05-30T20:00:00.000Z',
      'heads-up-6h@2027-05-31T14:00:00.000Z',
      'now@2027-05-31T20:00:00.000Z',
      'overdue@2027-05-31T22:00:00.000Z',
    ]);
    expect(of(uk, 'zero-out-pos')).toEqual([]);

    // One shared first-steps nudge a morning (09:00 EST) for at most 7 days, while listing-live keeps
    // its own DM when it can first appear and its own nudge at 72 h.
    const nudges = rows.filter((r) => r.kind === 'nudge' && r.milestoneId === null);
    expect(nudges.map((r) => local(r.dueAt, NY))).toEqual([
      '2027-01-10 09:00',
      '2027-01-11 09:00',
      '2027-01-12 09:00',
      '2027-01-13 09:00',
      '2027-01-14 09:00',
      '2027-01-15 09:00',
      '2027-01-16 09:00',
    ]);
    expect(plan(of(rows, 'listing-live'))).toEqual(['now@2027-01-10T15:00:00.000Z', 'nudge@2027-01-13T12:00:00.000Z']);
  });

  it('writes no reminder rows for a failed command, and plans in the same transaction as the change', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    const before = await h.rows();
    // A duplicate start is refused: nothing new anywhere.
    expect((await h.say('you', START)).reply.tone).toBe('error');
    expect(await h.rows()).toEqual(before);

    // Make the reminder writes themselves fail: the campaign change must roll back with them.
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'start' OR NEW.state = 'cancelled' THEN RAISE EXCEPTION 'reminder write refused'; END IF;
        RETURN NEW;
      END $$`);
    await db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_reminder BEFORE INSERT OR UPDATE ON "reminders" FOR EACH ROW EXECUTE FUNCTION refuse_reminder()',
    );
    try {
      const done = await h.say('you', '/preorder done kdp-publish');
      expect(done.text).toContain('Something went wrong on my side');
      expect(await db.prisma.milestoneProgress.count()).toBe(0);
      expect(await h.rows()).toEqual(before);

      const other = await h.say(
        'you',
        '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:London',
      );
      expect(other.text).toContain('Something went wrong on my side');
      expect(await db.prisma.campaign.count()).toBe(1);
      expect(await h.rows()).toEqual(before);
      expect((await db.prisma.auditEntry.findMany()).map((a) => a.action)).toEqual(['campaign.started']);
    } finally {
      await db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_reminder ON "reminders"');
      await db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_reminder()');
    }

    expect((await h.say('you', '/preorder done kdp-publish')).reply.title).toBe('Step done');
    const after = await h.rows();
    const kdp = of(after, 'kdp-publish');
    expect(kdp).toHaveLength(3);
    expect(states(kdp)).toEqual(['cancelled']);
    expect(kdp.every((r) => r.lastError === 'no longer in the plan')).toBe(true);
    // Every other step's rows are exactly as they were.
    const untouched = (rows: Reminder[]) => rows.filter((r) => r.milestoneId !== 'kdp-publish');
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('done cancels only pending rows, sent ones stay sent, and undo revives only the future ones', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-11T12:00:00Z' });
    await h.say('you', START);
    await h.advance('2027-03-12T05:00:00Z');
    const sent = await h.rows({ milestoneId: 'kdp-publish', state: 'sent' });
    expect(plan(sent)).toEqual(['heads-up@2027-03-12T04:00:00.000Z']);

    await h.say('you', '/preorder done kdp-publish');
    const done = await h.rows({ milestoneId: 'kdp-publish' });
    expect(done.map((r) => `${r.state} ${r.kind}`)).toEqual(['sent heads-up', 'cancelled now', 'cancelled overdue']);
    expect(done[0]).toEqual(sent[0]);
    expect(states(await h.rows({ milestoneId: 'zero-out-pos' }))).toEqual(['pending']);

    // Reopened once the window is open: the overdue DM still ahead comes back, the "now" DM does not.
    h.chat.clock.set('2027-03-13T10:00:00Z');
    expect((await h.say('you', '/preorder undo kdp-publish')).reply.title).toBe('Step reopened');
    const reopened = await h.rows({ milestoneId: 'kdp-publish' });
    expect(reopened.map((r) => `${r.state} ${r.kind}`)).toEqual(['sent heads-up', 'cancelled now', 'pending overdue']);
    expect(reopened[0]).toEqual(sent[0]);
    expect([iso(reopened[2]!.runAt), reopened[2]!.lastError]).toEqual(['2027-03-13T16:00:00.000Z', null]);
    h.notifier.clear();
    await h.advance('2027-03-13T17:00:00Z');
    const overdue = h.notifier.deliveries.filter((d) => d.title.endsWith('Press Publish on KDP'));
    expect(overdue.map((d) => [d.title, iso(d.at)])).toEqual([
      ['Window closed, not marked done: Press Publish on KDP', '2027-03-13T16:00:00.000Z'],
    ]);
  });

  it('keeps the shared first-steps DMs while any first step is open, and revives them on undo', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    // The start DM (12:00), then the 09:00 EST nudges of 10 and 11 January go out on time.
    await h.advance('2027-01-11T16:00:00Z');
    const firstSteps = { milestoneId: null, kind: { in: ['start', 'nudge'] } };
    const sentBefore = await h.rows({ ...firstSteps, state: 'sent' });
    expect(plan(sentBefore)).toEqual([
      'start@2027-01-10T12:00:00.000Z',
      'nudge@2027-01-10T14:00:00.000Z',
      'nudge@2027-01-11T14:00:00.000Z',
    ]);

    h.chat.clock.set('2027-01-12T10:00:00Z');
    for (const step of ['aa-account', 'aa-add-item', 'aa-images']) await h.say('you', `/preorder done ${step}`);
    expect(states(await h.rows({ ...firstSteps, dueAt: { gt: h.chat.clock.now() } }))).toEqual(['pending']);
    await h.say('you', '/preorder skip aa-sales-copy');
    const settled = await h.rows(firstSteps);
    expect(settled.filter((r) => r.state === 'sent')).toEqual(sentBefore);
    expect(plan(settled.filter((r) => r.state !== 'sent'))).toEqual([
      'nudge@2027-01-12T14:00:00.000Z',
      'nudge@2027-01-13T14:00:00.000Z',
      'nudge@2027-01-14T14:00:00.000Z',
      'nudge@2027-01-15T14:00:00.000Z',
      'nudge@2027-01-16T14:00:00.000Z',
    ]);
    expect(states(settled.filter((r) => r.state !== 'sent'))).toEqual(['cancelled']);

    // Reopened a day later: the nudges still ahead come back, the ones already past do not.
    h.chat.clock.set('2027-01-13T15:00:00Z');
    expect((await h.say('you', '/preorder undo aa-images')).reply.title).toBe('Step reopened');
    const reopened = await h.rows(firstSteps);
    expect(reopened.filter((r) => r.state === 'sent')).toEqual(sentBefore);
    const revived = reopened.filter((r) => r.state === 'pending');
    expect(plan(revived)).toEqual([
      'nudge@2027-01-14T14:00:00.000Z',
      'nudge@2027-01-15T14:00:00.000Z',
      'nudge@2027-01-16T14:00:00.000Z',
    ]);
    expect(revived.every((r) => iso(r.runAt) === iso(r.dueAt) && r.lastError === null)).toBe(true);
  });

  // Regression: every 'nudge' used to be grouped with the first steps, including listing-live's
  // 72 h escalation, which then lost its step.
  it('keeps the listing-live escalation nudge its own, apart from the first steps', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    expect(plan(await h.rows({ milestoneId: 'listing-live' }))).toEqual([
      'now@2027-01-10T15:00:00.000Z',
      'nudge@2027-01-13T12:00:00.000Z',
    ]);
    for (const step of FIRST_STEPS) await h.say('you', `/preorder done ${step}`);
    expect(await h.rows({ milestoneId: null, state: 'pending' })).toEqual([]);
    await h.advance('2027-01-13T13:00:00Z');
    expect(h.notifier.titles()).toContain('Still to do: Check that your listing is live');
  });

  it('replans a new release date, and moving it back never re-creates a sent reminder', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-11T12:00:00Z' });
    await h.say('you', START);
    await h.advance('2027-03-12T05:00:00Z');
    const headsUp = await h.rows({ milestoneId: 'kdp-publish', kind: 'heads-up' });
    expect(headsUp.map((r) => [r.state, iso(r.sentAt)])).toEqual([['sent', '2027-03-12T04:00:00.000Z']]);
    const dailyBefore = await h.rows({ milestoneId: 'confirm-pos' });

    expect((await h.say('you', '/preorder edit release:2027-03-22')).reply.title).toBe('Updated "The Salt Road"');
    const kdp = await h.rows({ milestoneId: 'kdp-publish' });
    expect(kdp.map((r) => `${r.state} ${r.kind}@${iso(r.dueAt)}`)).toEqual([
      'sent heads-up@2027-03-12T04:00:00.000Z',
      'cancelled now@2027-03-13T04:00:00.000Z',
      'cancelled overdue@2027-03-13T16:00:00.000Z',
      'pending heads-up@2027-03-19T04:00:00.000Z',
      'pending now@2027-03-20T04:00:00.000Z',
      'pending overdue@2027-03-20T16:00:00.000Z',
    ]);
    expect(kdp[0]).toEqual(headsUp[0]);
    expect(plan(await h.rows({ milestoneId: 'release-day', state: 'pending' }))).toEqual([
      'now@2027-03-22T04:00:00.000Z',
      'channel-release@2027-03-22T04:00:00.000Z',
    ]);
    // Daily rows already planned keep their keys; the new days inside the stored week (up to
    // 19 March 05:00Z) are added at 09:00 New York.
    const daily = await h.rows({ milestoneId: 'confirm-pos' });
    expect(daily.slice(0, dailyBefore.length)).toEqual(dailyBefore);
    expect(daily.slice(dailyBefore.length).map((r) => local(r.dueAt, NY))).toEqual([
      '2027-03-15 09:00',
      '2027-03-16 09:00',
      '2027-03-17 09:00',
      '2027-03-18 09:00',
    ]);

    await h.say('you', '/preorder edit release:2027-03-15');
    const back = await h.rows({ milestoneId: 'kdp-publish' });
    expect(back.map((r) => `${r.state} ${r.kind}@${iso(r.dueAt)}`)).toEqual([
      'sent heads-up@2027-03-12T04:00:00.000Z',
      'pending now@2027-03-13T04:00:00.000Z',
      'pending overdue@2027-03-13T16:00:00.000Z',
      'cancelled heads-up@2027-03-19T04:00:00.000Z',
      'cancelled now@2027-03-20T04:00:00.000Z',
      'cancelled overdue@2027-03-20T16:00:00.000Z',
    ]);
    expect(back[0]).toEqual(headsUp[0]);
    h.notifier.clear();
    await h.advance('2027-03-13T05:00:00Z');
    expect(h.notifier.titles()).not.toContain('Tomorrow: Press Publish on KDP');
    expect(h.notifier.titles()).toContain('Now open: Press Publish on KDP');
  });

  it('cancel cancels every pending row, snoozes included, and leaves sent ones alone', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    await h.sweeper.drain();
    expect((await h.say('you', '/preorder snooze aa-images for:3h')).reply.title).toBe('Snoozed');
    const sent = await h.rows({ state: 'sent' });
    expect(sent.map((r) => r.kind)).toEqual(['start']);

    const pending = await h.rows({ state: 'pending' });
    expect(pending.map((r) => r.kind)).toContain('snooze');

    expect((await h.say('you', '/preorder cancel confirm:yes')).reply.title).toBe('Campaign cancelled');
    expect(await h.rows({ state: 'sent' })).toEqual(sent);
    expect(await h.rows({ state: 'pending' })).toEqual([]);
    const cancelled = await h.rows({ state: 'cancelled' });
    expect(cancelled.map((r) => r.key)).toEqual(pending.map((r) => r.key));
    await h.advance('2027-01-20T00:00:00Z');
    expect(h.notifier.deliveries).toHaveLength(1);
  });

  it('rolls the stored week of daily reminders forward: one DM every day until the day before release', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    await h.advance('2027-03-15T12:00:00Z');
    const daily = await h.rows({ milestoneId: 'confirm-pos' });
    // 11 January to 14 March, across the 14 March DST change, each sent at 09:00 New York.
    expect(daily).toHaveLength(63);
    expect(daily.map((r) => r.state)).toEqual(Array(63).fill('sent'));
    expect(daily.map((r) => local(r.sentAt!, NY).slice(11))).toEqual(Array(63).fill('09:00'));
    expect(plan(daily.slice(-2))).toEqual(['daily@2027-03-13T14:00:00.000Z', 'daily@2027-03-14T13:00:00.000Z']);
  });

  it("moves daily reminders to 09:00 in the member's new time zone", async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    const reply = await h.say('you', '/preorder settings timezone:Europe/London');
    expect(reply.reply.title).toBe('Settings saved');

    const daily = await h.rows({ milestoneId: 'confirm-pos', state: 'pending' });
    expect(daily).toHaveLength(7);
    expect(daily.map((r) => local(r.dueAt, 'Europe/London').slice(11))).toEqual(Array(7).fill('09:00'));
    expect(iso(daily[0]!.dueAt)).toBe('2027-01-11T09:00:00.000Z');
    const old = await h.rows({ milestoneId: 'confirm-pos', state: 'cancelled' });
    expect(old).toHaveLength(6);
    expect(old.every((r) => local(r.dueAt, NY).endsWith('09:00'))).toBe(true);
    // The asap nudges are member-local too; the start DMs keep their instant.
    const nudges = await h.rows({ milestoneId: null, kind: 'nudge', state: 'pending' });
    expect(local(nudges[0]!.dueAt, 'Europe/London')).toBe('2027-01-11 09:00');
    expect(nudges.filter((r) => local(r.dueAt, NY).endsWith('09:00'))).toEqual([]);
    expect(await h.rows({ kind: 'start', state: 'pending' })).toHaveLength(1);
  });

  it('posts "now on pre-order" once for listing-live, even when it is undone and redone', async () => {
    const h = await createSweeperChat(db, { channel: 'announcements' });
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
    const h = await createSweeperChat(db, { channel: 'announcements' });
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
