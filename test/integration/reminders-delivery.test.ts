import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import type { RecordedDelivery } from '../support/recording-notifier.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const START_UK =
  '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:Europe/London';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
const sentAt = (list: RecordedDelivery[]) => list.map((d) => iso(d.at));
const LATE = /\blate\b/i;
const MISSED = /^Missed while I was offline/;

describeEachBackend('reminders go out on time, once, and sensibly after downtime', (backend) => {
  const fresh = freshDatabase(backend);

  it('delivers a DM when the clock reaches its due time, not before, and only once', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.sweeper.drain();
    const [start] = h.notifier.dms('you');
    expect(h.notifier.titles()).toEqual(['Time to start: 2 first steps for "The Salt Road"']);
    expect([start!.kind, start!.target, iso(start!.at)]).toEqual(['dm', 'you', '2027-01-10T12:00:00.000Z']);
    // Only what can be done now; adding the item waits for the account.
    for (const step of ['aa-account', 'kdp-files-ready']) expect(start!.text).toContain(`(${step})`);
    expect(start!.text).not.toContain('(aa-add-item)');
    const starts = await h.rows({ kind: 'start' });
    expect(starts.map((r) => [r.state, iso(r.sentAt), r.late, r.deliveredVia])).toEqual([
      ['sent', '2027-01-10T12:00:00.000Z', false, 'dm'],
    ]);

    // The item is added at 12:00 UTC, so the listing can be up from 15:00; the member hears of it the next morning.
    await h.say('you', '/preorder done aa-account');
    await h.say('you', '/preorder done aa-add-item');
    h.notifier.clear();
    h.chat.clock.set('2027-01-11T13:59:59.999Z');
    await h.sweeper.drain();
    expect(h.notifier.titles()).toEqual([]);
    h.chat.clock.set('2027-01-11T14:00:00Z');
    await h.sweeper.drain();
    const morning = h.notifier.dms('you');
    expect(morning.map((d) => [d.title, iso(d.at)])).toEqual([
      ['Today for "The Salt Road"', '2027-01-11T14:00:00.000Z'],
    ]);
    expect(local(morning[0]!.at!, 'America/New_York')).toBe('2027-01-11 09:00');
    expect(morning[0]!.text).toContain('Check whether your listing is live');
    expect(morning[0]!.text).toContain('https://www.amazon.com/dp/0306406152');
    expect(morning[0]!.text).not.toMatch(LATE);

    const count = h.notifier.deliveries.length;
    expect((await h.sweeper.drain()).claimed).toBe(0);
    expect(h.notifier.deliveries).toHaveLength(count);
    const sent = await h.rows({ state: 'sent' });
    expect(new Set(sent.map((r) => r.key)).size).toBe(sent.length);
  });

  it('after downtime drops stale mornings and sends the one still current, late, covering every campaign', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.say('you', START_UK);
    await h.sweeper.drain();
    h.notifier.clear();

    // Down from 12:00 on 10 January until 15:00 on 14 January; back in ONE step.
    await h.jump('2027-01-14T15:00:00Z');
    const mornings = await h.rows({ kind: 'morning', dueAt: { lte: new Date('2027-01-14T15:00:00Z') } });
    // One row per member and day whatever the campaigns: days 1, 2 and 4 of the first-step nudges.
    expect(mornings.map((r) => [local(r.dueAt, 'America/New_York').slice(0, 10), r.state])).toEqual([
      ['2027-01-11', 'missed'],
      ['2027-01-12', 'missed'],
      ['2027-01-14', 'sent'],
    ]);
    const dms = h.notifier.dms('you');
    expect(dms.map((d) => d.title)).toEqual(['Today for your 2 campaigns']);
    expect(dms[0]!.text).toMatch(LATE);
    expect(dms[0]!.text).toContain('"The Salt Road" (Amazon US):');
    expect(dms[0]!.text).toContain('"Second Book" (Amazon UK):');
    // A morning is no step of its own: nothing critical was missed, so there is no "missed" summary.
    await h.sweeper.drain();
    expect(h.notifier.dms('you').filter((d) => MISSED.test(d.title))).toEqual([]);
  });

  // Regression: with small batches the summary was claimed alongside the campaign's last stale rows
  // and sent before they were folded in, so release-day's stale DM went unmentioned.
  it.each([50, 7])('lists every stale DM in the one summary whatever the batch size (%i)', async (batchSize) => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-13T17:00:00Z', sweeper: { batchSize } });
    await h.say('you', START);
    await h.say('you', START_UK.replace('release:2027-06-01', 'release:2027-03-15'));
    for (const step of ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live']) {
      await h.say('you', `/preorder done ${step} campaign:"The Salt Road"`);
      await h.say('you', `/preorder done ${step} campaign:"Second Book"`);
    }
    await h.sweeper.drain();
    h.notifier.clear();

    await h.jump('2027-03-16T05:00:00Z');
    const missed = await h.rows({ state: 'missed', target: 'dm', milestoneId: { not: null } });
    // Each campaign's PO step: the 6-hour heads-up, the window opening and its close. (The ticket waits for it.)
    expect(missed.map((r) => r.milestoneId).sort()).toEqual([
      'check-unconfirmed-pos',
      'check-unconfirmed-pos',
      'check-unconfirmed-pos',
      'zero-out-pos',
      'zero-out-pos',
      'zero-out-pos',
    ]);
    const summaries = h.notifier.dms('you').filter((d) => MISSED.test(d.title));
    expect(summaries.map((d) => d.title).sort()).toEqual([
      'Missed while I was offline: "Second Book"',
      'Missed while I was offline: "The Salt Road"',
    ]);
    const rows = await h.rows({ kind: 'missed-summary' });
    expect(rows.map((r) => (r.payload as { items: unknown[] }).items.length)).toEqual([3, 3]);
  });

  it('holds a morning message due in quiet hours until they end, without calling it late', async () => {
    // A member who sleeps late: quiet 22–10, so the 09:00 morning waits for 10:00.
    const h = await createSweeperChat(fresh.db);
    expect((await h.say('you', '/preorder settings quiet:22-10')).text).toContain('22:00–10:00');
    await h.say('you', START);
    await h.advance('2027-01-11T14:30:00Z');
    const [held] = await h.rows({ kind: 'morning', dueAt: new Date('2027-01-11T14:00:00Z') });
    expect(held).toMatchObject({ state: 'pending', attempts: 0, lastError: 'waiting for quiet hours to end' });
    expect(iso(held!.runAt)).toBe('2027-01-11T15:00:00.000Z');
    expect(h.notifier.titles()).not.toContain('Today for "The Salt Road"');

    await h.advance('2027-01-11T16:00:00Z');
    const morning = h.notifier.dms('you').filter((d) => d.title === 'Today for "The Salt Road"');
    expect(sentAt(morning)).toEqual(['2027-01-11T15:00:00.000Z']);
    expect(local(morning[0]!.at!, 'America/New_York')).toBe('2027-01-11 10:00');
    expect(morning[0]!.text).not.toMatch(LATE);
    expect((await h.rows({ kind: 'morning', state: 'sent' }))[0]).toMatchObject({ late: false });
  });

  // Regression: a reminder already late from downtime (due 09:00 EST, bot back at 23:00) lost its
  // "sent late" line when quiet hours then held it until 07:00.
  it('keeps a reminder late when downtime was followed by quiet hours', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', '/preorder settings quiet:22-07');
    await h.say('you', START);
    await h.sweeper.drain();
    // Down from 07:00 on the 11th to 23:00 EST: that morning's message (due 09:00) is still current, but it is quiet time.
    h.chat.clock.set('2027-01-11T12:00:00Z');
    await h.jump('2027-01-12T04:00:00Z');
    await h.advance('2027-01-12T12:30:00Z');
    const morning = h.notifier.dms('you').filter((d) => d.title === 'Today for "The Salt Road"');
    expect(sentAt(morning)).toEqual(['2027-01-12T12:00:00.000Z']);
    expect(morning[0]!.text).toMatch(LATE);
    expect((await h.rows({ kind: 'morning', state: 'sent' }))[0]).toMatchObject({ late: true });
  });

  it('sends a critical DM in quiet hours at once when its window closes before they end', async () => {
    // The member lives in London (quiet 22–07 there); the book releases at midnight in New York.
    const h = await createSweeperChat(fresh.db, { now: '2027-03-14T18:00:00Z' });
    await h.say('you', '/preorder settings timezone:Europe/London quiet:22-07');
    await h.say('you', START);
    await h.advance('2027-03-15T01:30:00Z');
    // Zero-out opens 21:00 EDT = 01:00 in London and closes at 03:00 London: it cannot wait for 07:00.
    const now = h.notifier.dms('you').filter((d) => /^Now open: (Zero|Ask)/.test(d.title));
    expect(now.map((d) => [d.title, iso(d.at)])).toEqual([
      ['Now open: Zero out your confirmed purchase orders', '2027-03-15T01:00:00.000Z'],
    ]);
    expect(now[0]!.text).not.toMatch(LATE);
    // The ticket's own DM comes once the PO step is marked, straight away, with the text to paste.
    await h.say('you', '/preorder done zero-out-pos');
    await h.advance('2027-03-15T01:31:00Z');
    const ticket = h.notifier.dms('you').filter((d) => d.title.startsWith('Now open: Ask Amazon Advantage'));
    expect(sentAt(ticket)).toEqual(['2027-03-15T01:30:00.000Z']);
    expect(ticket[0]!.text).toContain('Text to paste into the ticket');
    expect((await h.rows({ kind: 'now', critical: true })).map((r) => [r.state, r.late])).toEqual([
      ['sent', false],
      ['sent', false],
    ]);
    await h.say('you', '/preorder done support-ticket');

    // Release day is a line of the morning message: 09:00 in London, not in quiet hours.
    await h.advance('2027-03-15T10:00:00Z');
    const morning = h.notifier.dms('you').filter((d) => d.title === 'Today for "The Salt Road"');
    expect(sentAt(morning)).toEqual(['2027-03-15T09:00:00.000Z']);
    expect(morning[0]!.text).toContain('Release day!');
  });

  it('keeps the morning PO check at 09:00 New York across the US DST change on 14 March', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-10T12:00:00Z' });
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.advance('2027-03-15T00:00:00Z');
    const daily = h.notifier
      .dms('you')
      .filter((d) => d.title === 'Today for "The Salt Road"' && d.text.includes("Confirm today's new purchase orders"));
    expect(sentAt(daily)).toEqual([
      '2027-03-11T14:00:00.000Z',
      '2027-03-12T14:00:00.000Z',
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
    ]);
    expect(daily.map((d) => local(d.at!, 'America/New_York').slice(11))).toEqual(Array(4).fill('09:00'));
    expect((await h.rows({ kind: 'morning', state: 'sent' })).every((r) => !r.late)).toBe(true);
  });

  it('keeps mornings at 09:00 member time in London across the UK DST change on 28 March', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-25T12:00:00Z' });
    await h.say('you', '/preorder settings timezone:Europe/London');
    await h.say(
      'you',
      '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-04-05 timezone:America/New_York',
    );
    await h.say('you', '/preorder done listing-live');
    await h.advance('2027-03-30T00:00:00Z');
    const daily = h.notifier.dms('you').filter((d) => d.title === 'Today for "The Salt Road"');
    expect(sentAt(daily)).toEqual([
      '2027-03-26T09:00:00.000Z',
      '2027-03-27T09:00:00.000Z',
      '2027-03-28T08:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
    ]);
    expect(daily.map((d) => local(d.at!, 'Europe/London').slice(11))).toEqual(Array(4).fill('09:00'));
  });

  it('snoozes into a new row delivered 3 h later, leaving the sent reminder as it was', async () => {
    const h = await createSweeperChat(fresh.db);
    await h.say('you', START);
    await h.sweeper.drain();
    const [original] = await h.rows({ kind: 'start' });
    h.chat.clock.set('2027-01-10T12:10:00Z');
    const { reply } = await h.say('you', '/preorder snooze aa-account for:3h');
    expect(reply.title).toBe('Snoozed');

    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const snoozes = await h.rows({ kind: 'snooze' });
    expect(snoozes.map((r) => [r.key, r.state, iso(r.dueAt), r.target])).toEqual([
      [`${campaign.id}:aa-account:snooze:dm:2027-01-10T15:10:00.000Z`, 'pending', '2027-01-10T15:10:00.000Z', 'dm'],
    ]);
    expect(await h.rows({ kind: 'start' })).toEqual([original]);

    await h.advance('2027-01-10T15:09:59.999Z');
    expect(h.notifier.titles()).not.toContain('Snoozed reminder: Open an Amazon Advantage account');
    await h.advance('2027-01-10T16:00:00Z');
    const back = h.notifier.deliveries.filter((d) => d.title === 'Snoozed reminder: Open an Amazon Advantage account');
    expect(sentAt(back)).toEqual(['2027-01-10T15:10:00.000Z']);
    expect(await h.rows({ kind: 'start' })).toEqual([original]);
  });

  it('clamps a critical step snoozed "tomorrow" to an hour before its window closes', async () => {
    const h = await createSweeperChat(fresh.db, { now: '2027-03-12T12:00:00Z' });
    await h.say('you', START);
    await h.say('you', '/preorder done listing-live');
    await h.say('you', '/preorder done kdp-files-ready');
    await h.advance('2027-03-13T10:00:00Z');
    const nowDm = await h.rows({ milestoneId: 'kdp-publish', kind: 'now' });
    expect(nowDm.map((r) => [r.state, iso(r.sentAt)])).toEqual([['sent', '2027-03-13T04:00:00.000Z']]);

    // 05:00 EST; the publish window closes at 11:00 EST (16:00 UTC). "Tomorrow 09:00" is too late.
    const { reply, text } = await h.say('you', '/preorder snooze kdp-publish for:tomorrow');
    expect(reply.title).toBe('Snoozed');
    expect(text).toContain('cannot wait that long');
    const [snooze] = await h.rows({ kind: 'snooze' });
    expect([iso(snooze!.dueAt), iso(snooze!.expiresAt), snooze!.critical]).toEqual([
      '2027-03-13T15:00:00.000Z',
      '2027-03-13T16:00:00.000Z',
      true,
    ]);
    await h.advance('2027-03-13T15:30:00Z');
    const back = h.notifier.deliveries.filter((d) => d.title === 'Snoozed reminder: Press Publish on KDP');
    expect(sentAt(back)).toEqual(['2027-03-13T15:00:00.000Z']);
    expect(await h.rows({ milestoneId: 'kdp-publish', kind: 'now' })).toEqual(nowDm);
  });
});
