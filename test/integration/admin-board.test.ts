import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/discord/render-discord.ts';
import { BOARD_FILTERS, type BoardFilter } from '../../src/core/campaign-board.ts';
import { isbn13CheckDigit } from '../../src/core/isbn.ts';
import type { Database } from '../../src/infra/db/client.ts';
import type { Reply } from '../../src/app/reply.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';

/**
 * A community with a campaign in every phase and condition, built through members' commands on
 * 10 January, then looked at on 10 March, 06:00 UTC.
 */
const BOARD_TIME = '2027-03-10T06:00:00Z';
const SETUP = ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live', 'kdp-files-ready'];

let isbnSerial = 100;
const nextIsbn = () => {
  const first12 = `978${String((isbnSerial += 1)).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
};

/** Titles by filter, as the board must list them (page order for active). */
const EXPECTED: Record<BoardFilter, string[]> = {
  active: [
    'Overdue Book', // kdp-publish closed yesterday, undone
    'Launch At Risk', // KDP window open now, listing not marked live (at risk)
    'Collecting Book',
    'Failed Reminder Book',
    'Unreachable Book',
    'Paused Book',
    'Setting Up Book',
    'Filler 1',
    'Filler 2',
    'Filler 3',
    'Filler 4',
    'Filler 5',
    'Filler 6',
    'Released Book', // nothing left with a deadline
  ],
  'releasing-this-week': ['Overdue Book', 'Launch At Risk'],
  overdue: ['Overdue Book'],
  // At risk: a step a critical window needs is still open within a week of that window. Overdue
  // Book's window has closed (overdue, no longer at risk).
  'at-risk': ['Launch At Risk'],
  undeliverable: ['Failed Reminder Book', 'Unreachable Book'],
  completed: ['Done Book'],
  cancelled: ['Cancelled Book'],
};

const titlesOf = (reply: Reply): string[] => reply.fields.map((f) => f.label.replace(/^\d+\. [^—]+ — /, ''));

describeEachBackend('moderators’ campaign board', (backend) => {
  let db: Database;
  let chat: Chat;

  const start = async (user: string, title: string, release: string, extra = '') => {
    const { reply, text } = await chat.say(
      user,
      `/preorder start title:"${title}" isbn:${nextIsbn()} release:${release} timezone:UTC ${extra}`,
    );
    expect(reply.tone, text).toBe('success');
  };
  const done = async (user: string, title: string, steps: string[]) => {
    for (const step of steps) {
      const { reply, text } = await chat.say(user, `/preorder done ${step} campaign:"${title}"`);
      // A step that needs a confirmation (kdp-publish before its window) would otherwise pass unmarked.
      expect(reply.tone, text).toBe('success');
    }
  };
  /** A button pressed in the community's server, by the same console user a typed command comes from. */
  const pressedInServer = (user: string) => {
    const actor = chat.actor(user);
    return { ...actor, community: { communityExternalId: actor.communityExternalId, communityName: 'Test community' } };
  };
  const board = async (args = '', user = 'you') => (await chat.say(user, `/preorder-admin campaigns ${args}`)).reply;

  beforeAll(async () => {
    db = await backend.open();
    chat = createChat(db, '2027-01-10T12:00:00Z');
    await start('Ada', 'Setting Up Book', '2027-06-01');
    await start('Ben', 'Collecting Book', '2027-05-01');
    await done('Ben', 'Collecting Book', SETUP);
    await start('Cy', 'Launch At Risk', '2027-03-12');
    await done('Cy', 'Launch At Risk', ['aa-account', 'aa-add-item', 'kdp-files-ready']);
    await start('Di', 'Overdue Book', '2027-03-11');
    await done('Di', 'Overdue Book', SETUP);
    await start('Eve', 'Released Book', '2027-03-01');
    await done('Eve', 'Released Book', [
      ...SETUP,
      // In January, before its window: the member confirms that Publish was really pressed.
      'kdp-publish confirm:yes',
      'zero-out-pos',
      'support-ticket',
      'release-day',
      'orders-transfer',
    ]);
    await start('Fay', 'Done Book', '2027-02-15', 'printer:ingramspark');
    await chat.say('Fay', '/preorder log orders:40 pos:0');
    await done('Fay', 'Done Book', ['ingram-preorder-setup', 'release-day']);
    await start('Gus', 'Cancelled Book', '2027-04-01');
    expect((await chat.say('Gus', '/preorder cancel campaign:"Cancelled Book" confirm:yes')).reply.tone).toBe(
      'success',
    );
    await start('Hal', 'Unreachable Book', '2027-05-20');
    await done('Hal', 'Unreachable Book', SETUP);
    await start('Ivy', 'Paused Book', '2027-05-25');
    await done('Ivy', 'Paused Book', SETUP);
    await start('Jo', 'Failed Reminder Book', '2027-05-10');
    await done('Jo', 'Failed Reminder Book', SETUP);
    for (let i = 1; i <= 6; i += 1) await start('Kit', `Filler ${i}`, `2027-07-0${i}`);

    // Readings are running totals: Ben's newest (5 orders, 12 POs) counts, not 3 + 5.
    await chat.say('Ben', '/preorder log orders:3 pos:10 date:yesterday');
    await chat.say('Ben', '/preorder log orders:5 pos:12');
    await chat.say('Hal', '/preorder log orders:2 pos:4');

    // What the platforms and moderators do, not members' commands: a closed DM, a reminder that
    // failed for good, reminders paused by a moderator.
    await db.prisma.member.updateMany({ where: { displayName: 'Hal' }, data: { dmsClosedAt: new Date('2027-02-01') } });
    const jo = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Failed Reminder Book' } });
    const reminder = await db.prisma.reminder.findFirstOrThrow({ where: { campaignId: jo.id } });
    await db.prisma.reminder.update({ where: { id: reminder.id }, data: { state: 'failed', attempts: 3 } });
    await db.prisma.campaign.updateMany({
      where: { title: 'Paused Book' },
      data: { remindersPausedAt: new Date('2027-03-01'), remindersPausedBy: 'console:you' },
    });
    chat.clock.set(BOARD_TIME);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('built the community it describes', async () => {
    expect(await db.prisma.campaign.count()).toBe(16);
    expect((await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Done Book' } })).state).toBe('completed');
  });

  it('lists exactly the right campaigns for every filter, most urgent first', async () => {
    for (const filter of BOARD_FILTERS) {
      const pages: string[] = [];
      for (let page = 1; page <= 2; page += 1) {
        const reply = await board(`filter:${filter} page:${page}`);
        expect(reply.tone, reply.fallback).toBe('info');
        if (page === 1 || EXPECTED[filter].length > 10) pages.push(...titlesOf(reply));
      }
      expect(pages, filter).toEqual(EXPECTED[filter]);
    }
  });

  it('counts campaigns per phase and what needs attention, at the top', async () => {
    const reply = await board();
    expect(reply.title).toBe('Active campaigns (14)');
    expect(reply.lines[0]).toEqual([
      'Phases: Setting up 7 · Collecting pre-orders 4 · Launch window 2 · Released 1 · Completed 1 · Cancelled 1',
    ]);
    expect(reply.lines[1]).toEqual(['Needs attention: 1 overdue · 1 at risk · 2 not reachable · 1 paused']);
  });

  it("totals the filtered campaigns' newest readings", async () => {
    expect((await board()).lines[2]).toEqual([
      'Logged pre-orders (latest reading of 2 campaigns): 7 customer orders, 16 PO units.',
    ]);
    expect((await board('filter:completed')).lines[2]).toEqual([
      'Logged pre-orders (latest reading of 1 campaign): 40 customer orders, 0 PO units.',
    ]);
    expect((await board('filter:overdue')).lines[2]).toEqual([
      'Logged pre-orders: none logged for these campaigns yet.',
    ]);
  });

  it('writes one line per campaign with its release day, phase, next step and warnings', async () => {
    const reply = await board();
    const overdue = reply.fields[0]!;
    expect(overdue.label).toBe('1. Di — Overdue Book');
    expect(overdue.value).toEqual([
      'release ',
      { instant: new Date('2027-03-11T00:00:00Z'), zone: 'UTC', style: 'date' },
      ' · Launch window',
      ' · next: Zero out your confirmed purchase orders, ',
      'opens ',
      { instant: new Date('2027-03-10T21:00:00Z'), zone: 'UTC', style: 'datetime' },
      ' · ⚠ overdue: Press Publish on KDP',
    ]);
    const text = reply.fallback;
    expect(text).toContain(
      // The publish window is open, but the listing it needs is not marked live: that step is next, and at risk.
      // Every campaign here is in UTC, so the zone was named once, on the first line.
      '• 2. Cy — Launch At Risk: release Fri 12 Mar 2027 · Launch window · next: Check that your listing is live, expected by Tue 12 Jan 2027, 12:00 UTC · ⚠ at risk: Press Publish on KDP soon, earlier steps open',
    );
    expect(text).toMatch(/Hal — Unreachable Book: .*✉ reminders not delivered/);
    expect(text).toMatch(/Ivy — Paused Book: .*⏸ reminders paused/);
    expect(text).toMatch(
      /Ada — Setting Up Book: .*Setting up · next: Open an Amazon Advantage account, as soon as possible/,
    );
  });

  it('pages with Previous and Next buttons, and opens a campaign from its line', async () => {
    const first = await board();
    expect(first.lines[3]).toEqual(['Page 1 of 2, most urgent first.']);
    expect(first.fields).toHaveLength(10);
    const next = first.actions.find((a) => a.id === 'board-next');
    expect(next?.command).toBe('/preorder-admin campaigns filter:active page:2');
    expect(first.actions.some((a) => a.id === 'board-prev')).toBe(false);
    const di = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Overdue Book' } });
    expect(first.actions.find((a) => a.id === 'board-open-1')).toEqual({
      id: 'board-open-1',
      label: 'Open 1. Overdue Book',
      command: `/preorder-admin campaign campaign:${di.id}`,
    });

    // A button press runs the same command through the action path.
    const second = await chat.app.dispatcher.dispatchAction(pressedInServer('you'), next!.command);
    expect(titlesOf(second)).toEqual(EXPECTED.active.slice(10));
    expect(second.fields[0]!.label).toMatch(/^11\. /);
    expect(second.actions.find((a) => a.id === 'board-prev')?.command).toBe(
      '/preorder-admin campaigns filter:active page:1',
    );
    expect(second.actions.some((a) => a.id === 'board-next')).toBe(false);

    const beyond = await board('page:9');
    expect(titlesOf(beyond)).toEqual(EXPECTED.active.slice(10));
    expect(beyond.lines[3]).toEqual(['There are only 2 pages; showing page 2, most urgent first.']);
  });

  it('says kindly when a filter is empty and suggests filters that have campaigns', async () => {
    chat.clock.set('2027-03-20T06:00:00Z');
    try {
      const reply = await board('releasing-this-week');
      expect(reply.title).toBe('Releasing in the next 7 days (0)');
      expect(reply.fields).toEqual([]);
      expect(reply.fallback).toContain('No campaign has its release day in the next 7 days.');
      expect(reply.fallback).toMatch(/Try filter:active \(\d+\) or filter:overdue \(\d+\)/);
      expect(reply.actions[0]?.command).toBe('/preorder-admin campaigns filter:active page:1');
      // Nothing a critical window needs is still open within a week of it.
      const calm = await board('at-risk');
      expect(calm.title).toBe('Campaigns at risk (0)');
      expect(calm.fallback).toContain(
        'No campaign is at risk: no step a critical window needs is still open within a week of that window.',
      );
    } finally {
      chat.clock.set(BOARD_TIME);
    }
  });

  it('refuses a bad filter or page, naming what is valid', async () => {
    const before = await chat.counts();
    const bad = await board('filter:late');
    expect(bad.tone).toBe('error');
    expect(bad.problem).toMatchObject({ field: 'filter', code: 'invalid' });
    expect(bad.fallback).toContain(BOARD_FILTERS.join(', '));
    const page = await board('page:0');
    expect(page.problem).toMatchObject({ field: 'page', code: 'invalid' });
    expect(await chat.counts()).toEqual(before);
  });

  it('is for moderators only, typed or pressed', async () => {
    const typed = await board('', 'Sam');
    expect(typed.problem).toMatchObject({ field: 'permission', code: 'forbidden' });
    expect(typed.fields).toEqual([]);
    const pressed = await chat.app.dispatcher.dispatchAction(
      pressedInServer('Ben'),
      '/preorder-admin campaigns filter:overdue page:1',
    );
    expect(pressed.problem).toMatchObject({ field: 'permission', code: 'forbidden' });
    expect(pressed.fallback).not.toContain('Overdue Book');
  });

  it('shows a stored title exactly as written and adds no formatting a platform could act on', async () => {
    // Titles with mentions are refused at entry; an older row may still hold one.
    const raw = 'Filler 6 @everyone <@123> **bold**';
    await db.prisma.campaign.updateMany({ where: { title: 'Filler 6' }, data: { title: raw } });
    try {
      const reply = await board('page:2');
      const field = reply.fields.find((f) => f.label.includes('@everyone'))!;
      expect(field.label).toBe(`13. Kit — ${raw}`);
      expect(reply.fallback).toContain(`• 13. Kit — ${raw}: release`);
      // Button labels are plain text on every platform; the embed is where markdown and mentions live.
      const { content, embeds } = renderReply(reply);
      const rendered = JSON.stringify({ content, embeds });
      expect(rendered).not.toContain('@everyone');
      expect(rendered).not.toContain('<@123>');
      expect(rendered).not.toContain('**bold**');
    } finally {
      await db.prisma.campaign.updateMany({ where: { title: raw }, data: { title: 'Filler 6' } });
    }
  });

  it('gives the board as data for a chart', async () => {
    const actor = chat.actor('you');
    const data = await chat.app.services.board.data({
      actor,
      community: await chat.app.store.ensureCommunity('console', actor.communityExternalId, {
        defaultTimeZone: 'UTC',
      }),
      member: await chat.app.store.ensureMember('console', actor.userExternalId, actor.displayName),
      isModerator: true,
      now: new Date(BOARD_TIME),
    });
    expect(data.entries).toHaveLength(16);
    expect(data.entries[0]).toMatchObject({
      title: 'Overdue Book',
      releaseDate: '2027-03-11',
      zone: 'UTC',
      state: 'active',
      flags: { overdue: true, atRisk: false, undeliverable: false, paused: false },
    });
    expect(data.entries[1]).toMatchObject({
      title: 'Launch At Risk',
      flags: { overdue: false, atRisk: true, undeliverable: false, paused: false },
      status: { atRiskStep: 'kdp-publish', next: { id: 'listing-live' } },
    });
    expect(data.filterCounts).toEqual({
      active: 14,
      'releasing-this-week': 2,
      overdue: 1,
      'at-risk': 1,
      undeliverable: 2,
      completed: 1,
      cancelled: 1,
    });
  });

  it("counts a member's morning message that failed for good against each of their campaigns", async () => {
    const kit = await db.prisma.member.findFirstOrThrow({ where: { displayName: 'Kit' } });
    const [morning] = await db.prisma.reminder.findMany({ where: { memberId: kit.id, kind: 'morning' }, take: 1 });
    await db.prisma.reminder.update({ where: { id: morning!.id }, data: { state: 'failed', attempts: 6 } });
    try {
      const { reply } = await chat.say('you', '/preorder-admin campaigns undeliverable');
      const titles = titlesOf(reply).map((t) => t.replace(/ ·.*$/, ''));
      for (let i = 1; i <= 6; i += 1) expect(titles.some((t) => t.includes(`Filler ${i}`))).toBe(true);
    } finally {
      await db.prisma.reminder.update({ where: { id: morning!.id }, data: { state: 'pending', attempts: 0 } });
    }
  });
});
