import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import type { RecordedDelivery } from '../support/recording-notifier.ts';
import { describeEachBackend } from '../support/databases.ts';
import { createSweeperChat, resetChatTables } from '../support/sweeper-harness.ts';

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

  it('delivers a DM when the clock reaches its due time, not before, and only once', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    await h.sweeper.drain();
    const [start] = h.notifier.dms('you');
    expect(h.notifier.titles()).toEqual(['Time to start: 4 first steps for "The Salt Road"']);
    expect([start!.kind, start!.target, iso(start!.at)]).toEqual(['dm', 'you', '2027-01-10T12:00:00.000Z']);
    for (const step of ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy']) {
      expect(start!.text).toContain(`(${step})`);
    }
    const starts = await h.rows({ kind: 'start' });
    expect(starts.map((r) => [r.state, iso(r.sentAt), r.late, r.deliveredVia])).toEqual([
      ['sent', '2027-01-10T12:00:00.000Z', false, 'dm'],
    ]);

    h.notifier.clear();
    h.chat.clock.set('2027-01-10T14:59:59.999Z');
    await h.sweeper.drain();
    expect(h.notifier.titles()).not.toContain('Now open: Check that your listing is live');
    h.chat.clock.set('2027-01-10T15:00:00Z');
    await h.sweeper.drain();
    const listing = h.notifier.deliveries.filter((d) => d.title === 'Now open: Check that your listing is live');
    expect(listing.map((d) => [d.kind, d.target, iso(d.at)])).toEqual([['dm', 'you', '2027-01-10T15:00:00.000Z']]);
    expect(listing[0]!.text).toContain('https://www.amazon.com/dp/0306406152');
    expect(listing[0]!.text).not.toMatch(LATE);

    const count = h.notifier.deliveries.length;
    expect((await h.sweeper.drain()).claimed).toBe(0);
    await h.sweeper.drain();
    expect(h.notifier.deliveries).toHaveLength(count);
    const sent = await h.rows({ state: 'sent' });
    expect(sent).toHaveLength(1 + count);
    expect(new Set(sent.map((r) => r.key)).size).toBe(sent.length);
  });

  it('after downtime sends what is still open (marked late) and one "missed" summary per campaign', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    await h.say('you', START_UK);
    await h.sweeper.drain();
    h.notifier.clear();

    // Down from 12:00 on 10 January until 15:00 on 14 January; back in ONE step.
    await h.jump('2027-01-14T15:00:00Z');
    const salt = await h.rows({ campaign: { title: 'The Salt Road' }, dueAt: { gt: new Date('2027-01-10T12:00Z') } });
    const due = salt.filter((r) => r.dueAt <= h.chat.clock.now() && r.kind !== 'missed-summary');
    const missed = due.filter((r) => r.state === 'missed');
    const late = due.filter((r) => r.state === 'sent');
    expect(due.length).toBe(missed.length + late.length);
    // Nudges and dailies are stale once the next one is due: only the latest of each goes out.
    expect(missed.map((r) => `${r.milestoneId}:${r.kind}`).sort()).toEqual([
      'confirm-pos:daily',
      'confirm-pos:daily',
      'confirm-pos:daily',
      'null:nudge',
      'null:nudge',
      'null:nudge',
      'null:nudge',
    ]);
    expect(missed.every((r) => r.expiresAt! < h.chat.clock.now())).toBe(true);
    expect(late.every((r) => r.late && iso(r.sentAt) === '2027-01-14T15:00:00.000Z')).toBe(true);

    const dms = h.notifier.dms('you');
    const summaries = dms.filter((d) => MISSED.test(d.title));
    expect(summaries.map((d) => d.title).sort()).toEqual([
      'Missed while I was offline: "Second Book"',
      'Missed while I was offline: "The Salt Road"',
    ]);
    // Never a flood: 4 late DMs per campaign plus one summary each, nothing for the 14 stale rows.
    expect(dms).toHaveLength(10);
    for (const d of dms.filter((x) => !MISSED.test(x.title))) expect(d.text).toMatch(LATE);
    const summary = summaries.find((d) => d.title.includes('The Salt Road'))!;
    // Stale first-steps nudges are followed by the next one anyway; the missed POs days are listed.
    expect(summary.text).toContain('(confirm-pos)');
    expect(summary.text).not.toContain('(listing-live)');

    await h.sweeper.drain();
    expect(h.notifier.deliveries).toHaveLength(10);
    expect(late.map((r) => `${r.milestoneId}:${r.kind}@${iso(r.dueAt)}`).sort()).toEqual([
      'confirm-pos:daily@2027-01-14T14:00:00.000Z',
      'listing-live:now@2027-01-10T15:00:00.000Z',
      'listing-live:nudge@2027-01-13T12:00:00.000Z',
      'null:nudge@2027-01-14T14:00:00.000Z',
    ]);
  });

  // Regression: with small batches the summary was claimed alongside the campaign's last stale rows
  // and sent before they were folded in, so release-day's stale DM went unmentioned.
  it.each([50, 7])('lists every stale DM in the one summary whatever the batch size (%i)', async (batchSize) => {
    const h = await createSweeperChat(db, { now: '2027-03-13T17:00:00Z', sweeper: { batchSize } });
    await h.say('you', START);
    for (const step of ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live']) {
      await h.say('you', `/preorder done ${step}`);
    }
    await h.say('you', '/preorder skip confirm-pos');
    await h.sweeper.drain();
    h.notifier.clear();

    await h.jump('2027-03-16T05:00:00Z');
    const missed = await h.rows({ state: 'missed', target: 'dm' });
    expect(missed.map((r) => r.milestoneId).sort()).toEqual([
      'release-day',
      'support-ticket',
      'support-ticket',
      'support-ticket',
      'support-ticket',
      'zero-out-pos',
      'zero-out-pos',
      'zero-out-pos',
      'zero-out-pos',
    ]);
    const summaries = h.notifier.dms('you').filter((d) => MISSED.test(d.title));
    expect(summaries).toHaveLength(1);
    for (const step of ['zero-out-pos', 'support-ticket', 'release-day'])
      expect(summaries[0]!.text).toContain(`(${step})`);
    const [row] = await h.rows({ kind: 'missed-summary' });
    expect((row!.payload as { items: unknown[] }).items).toHaveLength(missed.length);
  });

  it('holds a non-critical DM due in quiet hours until 07:00 member time, without calling it late', async () => {
    // 20:00 EST on 10 January: the listing can appear at 23:00, inside quiet hours 22–07.
    const h = await createSweeperChat(db, { now: '2027-01-11T01:00:00Z' });
    expect((await h.say('you', '/preorder settings quiet:22-07')).text).toContain('22:00–07:00');
    await h.say('you', START);
    await h.advance('2027-01-11T04:00:00Z');
    const [held] = await h.rows({ milestoneId: 'listing-live', kind: 'now' });
    expect(held).toMatchObject({ state: 'pending', attempts: 0, lastError: 'waiting for quiet hours to end' });
    expect(iso(held!.runAt)).toBe('2027-01-11T12:00:00.000Z');
    expect(h.notifier.titles()).not.toContain('Now open: Check that your listing is live');

    await h.advance('2027-01-11T13:00:00Z');
    const listing = h.notifier.deliveries.filter((d) => d.title === 'Now open: Check that your listing is live');
    expect(sentAt(listing)).toEqual(['2027-01-11T12:00:00.000Z']);
    expect(local(listing[0]!.at!, 'America/New_York')).toBe('2027-01-11 07:00');
    expect(listing[0]!.text).not.toMatch(LATE);
    const [row] = await h.rows({ milestoneId: 'listing-live', kind: 'now' });
    expect(row).toMatchObject({ state: 'sent', late: false });
  });

  // Regression: a reminder already late from downtime (due 10:00 EST, bot back at 23:00) lost its
  // "sent late" line when quiet hours then held it until 07:00.
  it('keeps a reminder late when downtime was followed by quiet hours', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', '/preorder settings quiet:22-07');
    await h.say('you', START);
    await h.sweeper.drain();
    // Down from 07:00 to 23:00 EST: the listing DM (due 10:00 EST) is still open, but it is quiet time.
    await h.jump('2027-01-11T04:00:00Z');
    await h.advance('2027-01-11T12:30:00Z');
    const listing = h.notifier.deliveries.filter((d) => d.title === 'Now open: Check that your listing is live');
    expect(sentAt(listing)).toEqual(['2027-01-11T12:00:00.000Z']);
    expect(listing[0]!.text).toMatch(LATE);
    expect((await h.rows({ milestoneId: 'listing-live', kind: 'now' }))[0]).toMatchObject({
      state: 'sent',
      late: true,
    });
  });

  it('sends a critical DM in quiet hours at once when its window closes before they end', async () => {
    // The member lives in London (quiet 22–07 there); the book releases at midnight in New York.
    const h = await createSweeperChat(db, { now: '2027-03-14T18:00:00Z' });
    await h.say('you', '/preorder settings timezone:Europe/London quiet:22-07');
    await h.say('you', START);
    await h.advance('2027-03-15T01:30:00Z');
    // Zero-out opens 21:00 EDT = 01:00 in London and closes at 03:00 London: it cannot wait for 07:00.
    const now = h.notifier.dms('you').filter((d) => /^Now open: (Zero|Ask)/.test(d.title));
    expect(now.map((d) => [d.title, iso(d.at)])).toEqual([
      ['Now open: Zero out your confirmed purchase orders', '2027-03-15T01:00:00.000Z'],
      ['Now open: Ask Amazon Advantage to hand the title over to KDP', '2027-03-15T01:00:00.000Z'],
    ]);
    for (const d of now) expect(d.text).not.toMatch(LATE);
    expect((await h.rows({ kind: 'now', critical: true })).map((r) => [r.state, r.late])).toEqual([
      ['sent', false],
      ['sent', false],
    ]);
    await h.say('you', '/preorder done zero-out-pos');
    await h.say('you', '/preorder done support-ticket');

    // The release-day DM (not critical) is due at 04:00 London and has all day: it waits for 07:00.
    await h.advance('2027-03-15T08:00:00Z');
    const release = h.notifier
      .dms('you')
      .filter((d) => d.title === 'Now open: Watch the listing switch on release day');
    expect(sentAt(release)).toEqual(['2027-03-15T07:00:00.000Z']);
  });

  it('keeps daily confirm-pos DMs at 09:00 New York across the US DST change on 14 March', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-10T12:00:00Z' });
    await h.say('you', START);
    await h.advance('2027-03-15T00:00:00Z');
    const daily = h.notifier.dms('you').filter((d) => d.title === 'Today: Confirm new purchase orders');
    expect(sentAt(daily)).toEqual([
      '2027-03-11T14:00:00.000Z',
      '2027-03-12T14:00:00.000Z',
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
    ]);
    expect(daily.map((d) => local(d.at!, 'America/New_York').slice(11))).toEqual(Array(4).fill('09:00'));
    expect((await h.rows({ kind: 'daily', state: 'sent' })).every((r) => !r.late)).toBe(true);
  });

  it('keeps daily DMs at 09:00 member time in London across the UK DST change on 28 March', async () => {
    const h = await createSweeperChat(db, { now: '2027-03-25T12:00:00Z' });
    await h.say('you', '/preorder settings timezone:Europe/London');
    await h.say(
      'you',
      '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-04-05 timezone:America/New_York',
    );
    await h.advance('2027-03-30T00:00:00Z');
    const daily = h.notifier.dms('you').filter((d) => d.title === 'Today: Confirm new purchase orders');
    expect(sentAt(daily)).toEqual([
      '2027-03-26T09:00:00.000Z',
      '2027-03-27T09:00:00.000Z',
      '2027-03-28T08:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
    ]);
    expect(daily.map((d) => local(d.at!, 'Europe/London').slice(11))).toEqual(Array(4).fill('09:00'));
  });

  it('snoozes into a new row delivered 3 h later, leaving the sent reminder as it was', async () => {
    const h = await createSweeperChat(db);
    await h.say('you', START);
    await h.sweeper.drain();
    const [original] = await h.rows({ kind: 'start' });
    h.chat.clock.set('2027-01-10T12:10:00Z');
    const { reply } = await h.say('you', '/preorder snooze aa-account for:3h');
    expect(reply.title).toBe('Snoozed');

    const campaign = await db.prisma.campaign.findFirstOrThrow();
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
    const h = await createSweeperChat(db, { now: '2027-03-12T12:00:00Z' });
    await h.say('you', START);
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
