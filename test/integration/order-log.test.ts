import { expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { groupTotals } from '../../src/core/order-trend.ts';
import { PrismaOrderLogStore } from '../../src/infra/db/order-log-store.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { createSweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

/** A press from a DM: the platform names only the user, never the community. */
const presser = (user: string): ActionPresser => ({
  platform: 'console',
  userExternalId: user === 'you' ? 'you' : `member:${user}`,
  displayName: user,
  platformAdmin: false,
  roleIds: [],
});

async function logRows(db: Database) {
  const rows = await db.prisma.orderLog.findMany({ orderBy: { day: 'asc' } });
  return rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), orders: r.orders, pos: r.pos }));
}

async function started(db: Database, now?: string): Promise<{ chat: Chat; campaignId: string }> {
  const chat = createChat(db, now);
  const { reply } = await chat.say('you', START);
  expect(reply.tone).toBe('success');
  return { chat, campaignId: (await db.prisma.campaign.findFirstOrThrow()).id };
}

describeEachBackend('/preorder log', (backend) => {
  const fresh = freshDatabase(backend);

  it('records a day, then corrects it in place (one row), audited each way', async () => {
    const { db } = fresh;
    const { chat } = await started(db);

    const first = await chat.say('you', '/preorder log orders:3 pos:10');
    expect(first.reply.tone).toBe('success');
    expect(first.reply.title).toBe('Recorded Sun 10 Jan 2027');
    expect(first.text).toContain(
      '"The Salt Road" (Amazon US) on Sun 10 Jan 2027: 3 customer orders, 10 purchase-order units.',
    );
    expect(first.text).toContain('Log the totals Advantage shows (not just the new ones)');

    const second = await chat.say('you', '/preorder log orders:4 pos:12 date:today');
    expect(second.reply.title).toBe('Corrected Sun 10 Jan 2027');
    expect(second.text).toContain('Replaced what was logged for that day: 3 customer orders, 10 purchase-order units.');
    expect(await logRows(db)).toEqual([{ day: '2027-01-10', orders: 4, pos: 12 }]);
    const row = await db.prisma.orderLog.findFirstOrThrow();
    expect(row.loggedBy).toBe('console:you');

    const audit = await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['campaign.started', 'orders.logged', 'orders.corrected']);
    expect(audit[2]!.details).toEqual({ day: '2027-01-10', orders: 4, pos: 12, was: { orders: 3, pos: 10 } });
    expect(audit[2]!.campaignId).toBe(row.campaignId);

    const again = await chat.say('you', '/preorder log orders:4 pos:12');
    expect(again.reply.title).toBe('Already recorded Sun 10 Jan 2027');
    expect(await db.prisma.auditEntry.count()).toBe(3);
  });

  it('reads today, yesterday and ISO days in the campaign zone around its midnight', async () => {
    const { db } = fresh;
    const { chat } = await started(db);

    // 04:30 UTC on 11 January is 23:30 on 10 January in New York.
    chat.clock.set(new Date('2027-01-11T04:30:00Z'));
    expect((await chat.say('you', '/preorder log orders:1 pos:2')).reply.title).toBe('Recorded Sun 10 Jan 2027');
    const early = await chat.say('you', '/preorder log orders:2 pos:2 date:2027-01-11');
    expect(early.reply.problem).toMatchObject({ field: 'date', code: 'invalid' });
    expect(early.text).toContain('Mon 11 Jan 2027 has not happened yet in America/New_York');
    expect(await logRows(db)).toEqual([{ day: '2027-01-10', orders: 1, pos: 2 }]);

    // An hour later it is 00:30 on 11 January there: "today" moves, "yesterday" is the 10th.
    chat.clock.set(new Date('2027-01-11T05:30:00Z'));
    expect((await chat.say('you', '/preorder log orders:6 pos:8')).reply.title).toBe('Recorded Mon 11 Jan 2027');
    const corrected = await chat.say('you', '/preorder log orders:5 pos:7 date:yesterday');
    expect(corrected.reply.title).toBe('Corrected Sun 10 Jan 2027');
    expect((await chat.say('you', '/preorder log orders:0 pos:0 date:2027-01-09')).reply.title).toBe(
      'Recorded Sat 9 Jan 2027',
    );
    expect(await logRows(db)).toEqual([
      { day: '2027-01-09', orders: 0, pos: 0 },
      { day: '2027-01-10', orders: 5, pos: 7 },
      { day: '2027-01-11', orders: 6, pos: 8 },
    ]);
  });

  it('refuses bad counts, future days and days long before the start, writing nothing', async () => {
    const { db } = fresh;
    const { chat } = await started(db);
    const auditBefore = await db.prisma.auditEntry.count();
    const cases: [string, string, RegExp][] = [
      ['orders:-3 pos:1', 'orders', /orders cannot be negative/],
      ['orders:abc pos:1', 'orders', /orders must be a whole number/],
      ['orders:1.5 pos:1', 'orders', /no decimals/],
      ['orders:1 pos:5000000', 'pos', /pos 5000000 is more than 1,000,000/],
      ['orders:2147483648 pos:1', 'orders', /more than 1,000,000/],
      ['orders:1', 'pos', /pos is required/],
      ['orders:1 pos:1 date:2027-01-11', 'date', /has not happened yet/],
      ['orders:1 pos:1 date:2026-12-01', 'date', /readings can go back to Sun 3 Jan 2027/],
      ['orders:1 pos:1 date:soon', 'date', /today or yesterday/],
    ];
    for (const [options, field, message] of cases) {
      const { reply, text } = await chat.say('you', `/preorder log ${options}`);
      expect(reply.tone, options).toBe('error');
      expect(reply.problem?.field, options).toBe(field);
      expect(text, options).toMatch(message);
    }
    expect(await db.prisma.orderLog.count()).toBe(0);
    expect(await db.prisma.auditEntry.count()).toBe(auditBefore);
  });

  it("refuses another member's campaign however it is named", async () => {
    const { db } = fresh;
    const { chat, campaignId } = await started(db);

    const byTitle = await chat.say('mallory', '/preorder log campaign:"The Salt Road" orders:1 pos:1');
    expect(byTitle.reply.problem).toMatchObject({ field: 'campaign', code: 'forbidden' });
    const byId = await chat.say('mallory', `/preorder log campaign:${campaignId} orders:1 pos:1`);
    expect(byId.reply.problem).toMatchObject({ field: 'campaign', code: 'not-found' });
    const byButton = await chat.app.dispatcher.dispatchAction(
      presser('mallory'),
      `/preorder log campaign:${campaignId} orders:"1" pos:"1"`,
    );
    expect(byButton.problem).toMatchObject({ field: 'campaign', code: 'forbidden' });
    expect(await db.prisma.orderLog.count()).toBe(0);
  });

  it('shows the running total and the weekly trend in /preorder status', async () => {
    const { db } = fresh;
    const { chat } = await started(db, '2027-01-01T17:00:00Z');
    expect((await chat.say('you', '/preorder status')).text).not.toContain('Pre-orders so far');

    chat.clock.set(new Date('2027-01-15T17:00:00Z'));
    for (const line of [
      'orders:0 pos:4 date:2027-01-01',
      'orders:3 pos:9 date:2027-01-08',
      'orders:9 pos:15 date:2027-01-14',
      'orders:10 pos:20',
    ]) {
      expect((await chat.say('you', `/preorder log ${line}`)).reply.tone, line).toBe('success');
    }
    const { text } = await chat.say('you', '/preorder status');
    expect(text).toContain(
      'Pre-orders so far: 10 customer orders and 20 units on purchase orders (Advantage, Fri 15 Jan 2027).',
    );
    expect(text).toContain('Since Thu 14 Jan 2027: +1 customer order, +5 purchase-order units.');
    expect(text).toContain('Last 7 days: +7 customer orders, against +3 the 7 days before: picking up.');
    expect(text).not.toContain('Last logged');

    chat.clock.set(new Date('2027-01-19T17:00:00Z'));
    expect((await chat.say('you', '/preorder status')).text).toContain('Last logged 4 days ago');

    // A lower total than the day before is kept, with a word on what it likely means.
    const drop = await chat.say('you', '/preorder log orders:2 pos:20');
    expect(drop.reply.tone).toBe('warning');
    expect(drop.text).toContain('fewer customer orders than on Fri 15 Jan 2027 (10)');
    expect((await chat.say('you', '/preorder status')).text).toContain('Pre-orders so far: 2 customer orders');
  });

  it('the daily confirm-pos line of the morning message offers one-tap logging with a form, and pressing it logs', async () => {
    const { db } = fresh;
    const h = await createSweeperChat(db);
    await h.say('you', START);
    // The listing is already live (which proves the item and the account): the daily PO check starts.
    expect((await h.say('you', '/preorder done listing-live')).reply.tone).toBe('success');
    const campaignId = (await db.prisma.campaign.findFirstOrThrow()).id;
    // 15:00 UTC on 12 January is 10:00 in New York, after that day's 09:00 morning message.
    await h.advance('2027-01-12T15:00:00Z');
    const mornings = h.notifier
      .dms('you')
      .filter(
        (d) => d.title === 'Today for "The Salt Road"' && d.text.includes("Confirm today's new purchase orders."),
      );
    expect(mornings.map((d) => d.at?.toISOString())).toEqual(['2027-01-11T14:00:00.000Z', '2027-01-12T14:00:00.000Z']);
    const dm = mornings.at(-1)!;
    // The PO line carries its own two buttons: confirm today, and log today's numbers.
    expect(dm.reply.actions.find((a) => a.label === 'Confirmed today')?.command).toBe(
      `/preorder done confirm-pos campaign:${campaignId}`,
    );
    const action = dm.reply.actions.find((a) => a.label === "Log today's numbers");
    expect(action).toBeDefined();
    expect(action!.command).toBe(`/preorder log campaign:${campaignId}`);
    expect(action!.form?.title).toBeTruthy();
    expect(action!.form?.fields.map((f) => [f.name, f.required, f.placeholder])).toEqual([
      ['orders', true, 'e.g. 12'],
      ['pos', true, 'e.g. 30'],
      ['date', false, 'today'],
    ]);
    // The console shows the command behind the button.
    expect(dm.text).toContain(`(/preorder log campaign:${campaignId})`);

    const pressed = await h.chat.app.dispatcher.dispatchAction(presser('you'), `${action!.command} orders:"3" pos:"5"`);
    expect(pressed.tone).toBe('success');
    expect(pressed.title).toBe('Recorded Tue 12 Jan 2027');
    expect(await logRows(db)).toEqual([{ day: '2027-01-12', orders: 3, pos: 5 }]);

    // A blank optional field, if a platform sends it, still means today.
    const blank = await h.chat.app.dispatcher.dispatchAction(
      presser('you'),
      `${action!.command} orders:"4" pos:"5" date:""`,
    );
    expect(blank.title).toBe('Corrected Tue 12 Jan 2027');
    expect(await logRows(db)).toEqual([{ day: '2027-01-12', orders: 4, pos: 5 }]);

    // The optional date field, filled in, is appended the same way.
    const yesterday = await h.chat.app.dispatcher.dispatchAction(
      presser('you'),
      `${action!.command} orders:"2" pos:"5" date:"yesterday"`,
    );
    expect(yesterday.title).toBe('Recorded Mon 11 Jan 2027');
    expect(await db.prisma.orderLog.count()).toBe(2);

    // Confirmed today from the same message: today's PO check is done, the step itself stays open.
    const confirm = dm.reply.actions.find((a) => a.label === 'Confirmed today')!;
    const confirmed = await h.chat.app.dispatcher.dispatchAction(presser('you'), confirm.command);
    expect(confirmed.title).toBe('Confirmed for today');
    expect(await db.prisma.milestoneProgress.count({ where: { milestoneId: 'confirm-pos' } })).toBe(0);
    expect(
      (await db.prisma.poConfirmation.findMany()).map((c) => [c.campaignId, c.day.toISOString().slice(0, 10)]),
    ).toEqual([[campaignId, '2027-01-12']]);
  });

  it("gives each campaign's newest reading for group totals (cumulative, never summed per day)", async () => {
    const { db } = fresh;
    const { chat, campaignId: salt } = await started(db, '2027-01-05T17:00:00Z');
    await chat.say(
      'you',
      '/preorder start title:"Second Book" isbn:978-1-4028-9462-6 release:2027-04-01 timezone:Europe/London',
    );
    const second = (await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Second Book' } })).id;
    chat.clock.set(new Date('2027-01-10T17:00:00Z'));
    for (const line of [
      'campaign:"The Salt Road" orders:4 pos:10 date:2027-01-08',
      'campaign:"The Salt Road" orders:7 pos:12 date:2027-01-09',
      'campaign:"Second Book" orders:2 pos:3 date:2027-01-10',
      'campaign:"Second Book" orders:1 pos:1 date:2027-01-06',
    ]) {
      expect((await chat.say('you', `/preorder log ${line}`)).reply.tone, line).toBe('success');
    }
    const store = new PrismaOrderLogStore(db.prisma);
    const latest = await store.latestEntries([salt, second, '00000000-0000-0000-0000-000000000000']);
    expect(latest.size).toBe(2);
    expect(latest.get(salt)).toMatchObject({ day: '2027-01-09', orders: 7, pos: 12, loggedBy: 'console:you' });
    expect(latest.get(second)).toMatchObject({ day: '2027-01-10', orders: 2, pos: 3 });
    expect(groupTotals([...latest.values()])).toEqual({ orders: 9, pos: 15, campaigns: 2 });
    expect(await store.latestEntries([])).toEqual(new Map());
    expect((await store.listEntries(salt)).map((e) => e.day)).toEqual(['2027-01-08', '2027-01-09']);
  });
});
