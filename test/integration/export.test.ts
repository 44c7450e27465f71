import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeEach, expect, it } from 'vitest';
import { MILESTONES } from '../../src/core/milestones.ts';
import type { Reply } from '../../src/app/reply.ts';
import { PrismaExportStore } from '../../src/infra/db/export-store.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';

const FIXED_COLUMNS = [
  'campaign_id',
  'member',
  'title',
  'isbn13',
  'isbn10',
  'marketplace',
  'printer',
  'time_zone',
  'release_date',
  'state',
  'reminders_paused',
  'created_at',
  'orders_total',
  'pos_total',
];
const STEP_IDS = MILESTONES.map((m) => m.id);
const HEADER = [...FIXED_COLUMNS, ...STEP_IDS.flatMap((id) => [id, `${id}_marked_at`])];

/** Written independently of the code under test: the OWASP list of formula-starting characters. */
const sheetSafe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** The three ISBNs seeded below, hyphenated as the ISBN agency's ranges split them (checked by hand). */
const HYPHENATED: Record<string, string> = {
  '9780306406157': '978-0-306-40615-7',
  '0306406152': '0-306-40615-2',
  '9781402894626': '978-1-4028-9462-6',
  '1402894627': '1-4028-9462-7',
  '9780596520687': '978-0-596-52068-7',
  '0596520689': '0-596-52068-9',
};

async function readExport(reply: Reply): Promise<{ raw: string; rows: Record<string, string>[] }> {
  expect(reply.tone).toBe('success');
  expect(reply.files).toHaveLength(1);
  const file = reply.files[0]!;
  expect(file.contentType).toBe('text/csv');
  const raw = await readFile(file.path, 'utf8');
  await rm(dirname(file.path), { recursive: true, force: true });
  // RFC 4180: every record ends with CRLF, none with a bare LF (quoted cells may hold their own).
  expect(raw.endsWith('\r\n')).toBe(true);
  const records = parse(raw, { bom: true, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
  expect(records[0]).toEqual(HEADER);
  const rows = records.slice(1).map((cells) => Object.fromEntries(HEADER.map((name, i) => [name, cells[i]!])));
  return { raw, rows };
}

const START = (title: string, isbn: string, extra = '') =>
  `/preorder start title:${title} isbn:${isbn} release:2027-03-15 timezone:America/New_York ${extra}`;

describeEachBackend('/preorder-admin export', (backend) => {
  const fresh = freshDatabase(backend);
  let chat: Chat;

  beforeEach(() => {
    chat = createChat(fresh.db);
  });

  async function seedCommunity(): Promise<void> {
    const ok = async (user: string, line: string) => expect((await chat.say(user, line)).reply.fallback).toMatch(/^✓/);
    await ok('you', START('"The Salt Road"', '978-0-306-40615-7'));
    await ok('you', '/preorder done aa-account');
    await ok('you', '/preorder skip aa-sales-copy');
    await ok('ann', START(`'Salt, "Sea" & Sky: Ünïcødé 🌊 书'`, '978-1-4028-9462-6', 'marketplace:UK'));
    await ok('-eve', START('"=1+2 Ways"', '978-0-596-52068-7'));
    await ok('ivy', START('"Ingram Days"', '978-0-306-40615-7', 'printer:ingramspark'));
    await ok('ivy', '/preorder done ingram-preorder-setup');
    await ok('ivy', '/preorder done release-day');
    await ok('dan', START('"Gone Book"', '978-0-306-40615-7'));
    await ok('dan', '/preorder cancel confirm:yes');
    // Release ten days out, so by the export its windows have closed undone.
    await ok('olga', '/preorder start title:"Late Bloom" isbn:978-0-306-40615-7 release:2027-01-20 timezone:UTC');
    // Titles stored before the one-line rule (or imported) can hold anything; the file must too.
    const dan = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'Gone Book' } });
    await fresh.db.prisma.campaign.update({
      where: { id: dan.id },
      data: { title: 'Line one\nLine "two", end\r\n+SUM(A1)' },
    });
    const salt = await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
    await fresh.db.prisma.campaign.update({
      where: { id: salt.id },
      data: { remindersPausedAt: new Date('2027-01-11T08:00:00Z'), remindersPausedBy: 'console:you' },
    });
    await fresh.db.prisma.orderLog.createMany({
      data: [
        // Written newest first: the total must come from the latest day, not the last row.
        { campaignId: salt.id, day: new Date('2027-01-12'), orders: 9, pos: 2, loggedAt: new Date() },
        { campaignId: salt.id, day: new Date('2027-01-11'), orders: 3, pos: 5, loggedAt: new Date() },
      ],
    });
    // Another community's campaign must stay out of this community's file.
    await chat.app.dispatcher.dispatchText(
      { ...chat.actor('you'), communityExternalId: 'elsewhere', communityName: 'Elsewhere' },
      START('"Not Ours"', '978-0-306-40615-7'),
    );
  }

  it('writes one row per campaign that matches the database, whatever the title holds', async () => {
    await seedCommunity();
    chat.clock.set('2027-01-25T00:00:00Z');
    const { reply, text } = await chat.say('you', '/preorder-admin export');
    expect(reply.files[0]!.name).toBe('campaigns-test-community-2027-01-25.csv');
    expect(text).toContain('6 campaigns exported (4 active, 1 completed, 1 cancelled)');
    const { rows } = await readExport(reply);

    const community = await fresh.db.prisma.community.findFirstOrThrow({ where: { externalId: 'local' } });
    const stored = await fresh.db.prisma.campaign.findMany({
      where: { communityId: community.id },
      include: { member: true, progress: true, orderLogs: true },
    });
    expect(rows.map((r) => r.campaign_id).sort()).toEqual(stored.map((c) => c.id).sort());
    for (const campaign of stored) {
      const row = rows.find((r) => r.campaign_id === campaign.id)!;
      const path = campaign.printer === 'kdp' || campaign.printer === 'createspace' ? 'aa' : 'ingram';
      // Logs are Advantage's running totals, so the newest day's reading is the total.
      const newest = [...campaign.orderLogs].sort((a, b) => b.day.getTime() - a.day.getTime())[0];
      expect(row).toMatchObject({
        member: sheetSafe(campaign.member.displayName),
        title: sheetSafe(campaign.title),
        isbn13: HYPHENATED[campaign.isbn13],
        isbn10: campaign.isbn10 ? HYPHENATED[campaign.isbn10] : '',
        marketplace: campaign.marketplace,
        printer: campaign.printer,
        time_zone: campaign.timeZone,
        release_date: campaign.releaseDate.toISOString().slice(0, 10),
        state: campaign.state,
        reminders_paused: String(campaign.remindersPausedAt !== null),
        created_at: campaign.createdAt.toISOString(),
        orders_total: newest ? String(newest.orders) : '',
        pos_total: newest ? String(newest.pos) : '',
      });
      for (const step of MILESTONES) {
        const mark = campaign.progress.find((p) => p.milestoneId === step.id);
        const applies =
          (step.path === 'both' || step.path === path) && step.marketplaces.includes(campaign.marketplace);
        expect(row[`${step.id}_marked_at`], `${campaign.title} ${step.id}`).toBe(mark?.markedAt.toISOString() ?? '');
        if (!applies) expect(row[step.id]).toBe('n/a');
        else if (mark) expect(row[step.id]).toBe(mark.status);
        // Unmarked: the plan's state, prerequisites included (waiting), and the daily check's end (closed).
        else expect(['open', 'overdue', 'upcoming', 'waiting', 'closed']).toContain(row[step.id]);
      }
    }

    const byTitle = (title: string) => rows.find((r) => r.title === title)!;
    // Round trip of every awkward character: commas, quotes, line breaks, accents, emoji, CJK.
    expect(byTitle('Salt, "Sea" & Sky: Ünïcødé 🌊 书')).toMatchObject({
      member: 'ann',
      marketplace: 'UK',
      'zero-out-pos': 'n/a',
      'check-unconfirmed-pos': 'upcoming',
      orders_total: '',
    });
    expect(byTitle('Line one\nLine "two", end\r\n+SUM(A1)').state).toBe('cancelled');
    expect(byTitle('The Salt Road')).toMatchObject({
      reminders_paused: 'true',
      orders_total: '9',
      pos_total: '2',
      'aa-account': 'done',
      'aa-sales-copy': 'skipped',
      'aa-add-item': 'open',
      'kdp-files-ready': 'open',
      // Waiting on the item being added (the listing, then the PO check) and on the listing (KDP).
      'listing-live': 'waiting',
      'confirm-pos': 'waiting',
      'kdp-publish': 'waiting',
      'check-unconfirmed-pos': 'n/a',
      'ingram-preorder-setup': 'n/a',
    });
    expect(byTitle('Late Bloom')).toMatchObject({
      'kdp-files-ready': 'overdue',
      // The daily PO check is never overdue as a whole: it ended.
      'confirm-pos': 'closed',
      'kdp-publish': 'overdue',
      'zero-out-pos': 'overdue',
      'release-day': 'overdue',
      'orders-transfer': 'open',
      'close-aa-account': 'upcoming',
    });
    expect(byTitle('Ingram Days')).toMatchObject({
      state: 'completed',
      'ingram-preorder-setup': 'done',
      'release-day': 'done',
      'aa-account': 'n/a',
    });
    expect(rows.some((r) => r.title === 'Not Ours')).toBe(false);
  }, 60_000);

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    await seedCommunity();
    // Starts the commands refuse but other routes might store: a tab before the formula, and @.
    await fresh.db.prisma.campaign.updateMany({ where: { title: 'Late Bloom' }, data: { title: '\t=1+1' } });
    await fresh.db.prisma.campaign.updateMany({
      where: { title: 'Ingram Days' },
      data: { title: "@SUM(1+1)*cmd|' /C calc'!A0" },
    });
    const { reply } = await chat.say('you', '/preorder-admin export');
    const { rows } = await readExport(reply);
    const titles = rows.map((r) => r.title);
    expect(titles).toEqual(expect.arrayContaining(["'=1+2 Ways", "'\t=1+1", "'@SUM(1+1)*cmd|' /C calc'!A0"]));
    expect(rows.find((r) => r.title === "'=1+2 Ways")!.member).toBe("'-eve");
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) expect(cell, column).not.toMatch(/^[=+\-@\t\r]/);
    }
  }, 60_000);

  it('is for moderators only', async () => {
    await seedCommunity();
    const { reply, text } = await chat.say('ann', '/preorder-admin export');
    expect(reply.tone).toBe('error');
    expect(text).toMatch(/for this community's moderators only/);
    expect(reply.files).toEqual([]);
  }, 60_000);

  it('gives a community with no campaigns a file with only the header', async () => {
    const { reply, text } = await chat.say('you', '/preorder-admin export');
    expect(text).toContain('0 campaigns exported');
    const { raw, rows } = await readExport(reply);
    expect(rows).toEqual([]);
    expect(raw).toBe(`\uFEFF${HEADER.join(',')}\r\n`);
  });

  it('reads the community in keyset batches: each campaign once, in id order, only the states asked', async () => {
    await seedCommunity();
    const community = await fresh.db.prisma.community.findFirstOrThrow({ where: { externalId: 'local' } });
    const store = new PrismaExportStore(fresh.db.prisma);
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const batch of store.campaignBatches(community.id, { states: ['active'], batchSize: 2 })) {
      sizes.push(batch.length);
      ids.push(...batch.map((c) => c.id));
    }
    const active = await fresh.db.prisma.campaign.findMany({
      where: { communityId: community.id, state: 'active' },
      orderBy: { id: 'asc' },
    });
    expect(active).toHaveLength(4);
    expect(sizes).toEqual([2, 2]);
    expect(ids).toEqual(active.map((c) => c.id));
  }, 60_000);
});
