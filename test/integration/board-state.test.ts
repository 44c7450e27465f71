import { afterAll, beforeAll, expect, it } from 'vitest';
import { entriesFor, pageOfClassified, type ClassifiedBoard } from '../../src/app/board/classify.ts';
import type { RequestContext } from '../../src/app/context.ts';
import { boardCategory } from '../../src/charts/board-chart.ts';
import { BOARD_FILTERS } from '../../src/core/campaign-board.ts';
import { isbn13CheckDigit } from '../../src/core/isbn.ts';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import { SqlBoardStore } from '../../src/infra/db/board-store.ts';
import { loadStatus, type StoredStatus } from '../../src/infra/db/board-status-json.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';

/**
 * The kept board (campaign_board and its tallies) must always equal a full classification of every
 * campaign: after each kind of change, written in the change's own transaction (no row is left for
 * a read to catch up), and as the clock passes every boundary a row names.
 */
const SETUP = ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live', 'kdp-files-ready'];

let isbnSerial = 500;
const nextIsbn = () => {
  const first12 = `978${String((isbnSerial += 1)).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
};

interface KeptRow {
  campaign_id: string;
  state: string;
  status: string;
  undeliverable: boolean;
  paused: boolean;
  orders: number | null;
  pos: number | null;
  /** the clock has overtaken it, or it was computed after now: only a catch-up would fix it */
  behind: boolean;
}

describeEachBackend('kept board state equals a full recomputation', (backend) => {
  let db: Database;
  let chat: Chat;
  let store: SqlBoardStore;

  const ok = async (user: string, line: string) => {
    const { reply, text } = await chat.say(user, line);
    expect(reply.tone, `${line}: ${text}`).toBe('success');
  };
  const context = async (): Promise<RequestContext> => {
    const actor = chat.actor('you');
    return {
      actor,
      community: await chat.app.store.ensureCommunity('console', actor.communityExternalId, { defaultTimeZone: 'UTC' }),
      member: await chat.app.store.ensureMember('console', actor.userExternalId, actor.displayName),
      isModerator: true,
      now: chat.clock.now(),
    };
  };
  const keptRows = async (): Promise<KeptRow[]> =>
    db.sql.query<KeptRow>(
      `SELECT campaign_id, state::text AS state, status::text AS status, undeliverable, paused, orders, pos,
              (next_boundary_at <= to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC'
               OR computed_at > to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC') AS behind
         FROM campaign_board`,
      [chat.clock.now().getTime()],
    );

  /** Rows as stored, decoded as the board read decodes them, against the full classification. */
  const expectRowsMatch = (kept: readonly KeptRow[], full: ClassifiedBoard, when: string) => {
    const byId = new Map(kept.map((r) => [r.campaign_id, r]));
    expect(kept.length, when).toBe(full.entries.length);
    for (const e of full.entries) {
      const row = byId.get(e.campaignId);
      expect(row, `${when}: ${e.title} has a board row`).toBeDefined();
      const status = loadStatus(JSON.parse(row!.status) as StoredStatus, {
        undeliverable: row!.undeliverable,
        paused: row!.state === 'active' && row!.paused,
      });
      expect({ state: row!.state, status, orders: row!.orders, pos: row!.pos }, `${when}: ${e.title}`).toEqual({
        state: e.state,
        status: e.status,
        orders: e.orders,
        pos: e.pos,
      });
    }
  };

  /** Pages, counts, totals and chart tallies read from the kept state, against the full classification. */
  const expectReadsMatch = async (full: ClassifiedBoard, communityId: string, when: string) => {
    for (const filter of BOARD_FILTERS) {
      const kept = await store.boardPage({ communityId, filter, page: 1, pageSize: 1000, now: full.now });
      expect(kept, `${when}: filter ${filter}`).toEqual(pageOfClassified(full, filter, 1, 1000));
      const tally = new Map<string, number>();
      for (const e of entriesFor(full, filter)) {
        const key = `${e.releaseDate} ${boardCategory(e)}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const items = await store.chartItems(communityId, filter);
      const keptTally = new Map(items.map((i) => [`${i.releaseDate} ${boardCategory(i)}`, i.count]));
      expect(keptTally, `${when}: chart tallies of ${filter}`).toEqual(tally);
    }
  };

  /** After a change made through the application: nothing left for a read to catch up, and all equal. */
  const expectKeptCurrent = async (when: string) => {
    const kept = await keptRows();
    expect(
      kept.filter((r) => r.behind).map((r) => r.campaign_id),
      `${when}: rows left stale`,
    ).toEqual([]);
    const ctx = await context();
    const full = await chat.app.services.board.data(ctx);
    expectRowsMatch(kept, full, when);
    await expectReadsMatch(full, ctx.community.id, when);
  };

  beforeAll(async () => {
    db = await backend.open();
    chat = createChat(db, '2027-01-10T12:00:00Z');
    store = new SqlBoardStore(db.sql);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('after start, done, skip and undo', async () => {
    await ok('Ada', `/preorder start title:"Alpha" isbn:${nextIsbn()} release:2027-03-12 timezone:UTC`);
    await ok(
      'Ben',
      `/preorder start title:"beta" isbn:${nextIsbn()} release:2027-05-01 printer:ingramspark timezone:UTC`,
    );
    await ok('Cy', `/preorder start title:"Gamma" isbn:${nextIsbn()} release:2027-02-01 timezone:America/New_York`);
    await ok('Di', `/preorder start title:"Delta" isbn:${nextIsbn()} release:2027-01-20 timezone:Asia/Kolkata`);
    await ok(
      'Eve',
      `/preorder start title:"Epsilon" isbn:${nextIsbn()} release:2027-06-30 marketplace:UK timezone:Europe/London`,
    );
    await expectKeptCurrent('start');
    for (const step of SETUP) await ok('Ada', `/preorder done ${step} campaign:"Alpha"`);
    await ok('Di', '/preorder done aa-account');
    await expectKeptCurrent('done');
    await ok('Eve', '/preorder skip aa-images');
    await expectKeptCurrent('skip');
    await ok('Ada', '/preorder undo listing-live campaign:"Alpha"');
    await expectKeptCurrent('undo');
  });

  it('after edit, moderator shift and pause, cancel and restore', async () => {
    await ok('Ben', '/preorder edit campaign:"beta" release:2027-04-15 title:"Beta Two"');
    await expectKeptCurrent('edit');
    await ok('you', '/preorder-admin campaign Cy action:shift release:2027-02-20');
    await expectKeptCurrent('shift');
    await ok('you', '/preorder-admin campaign Eve action:pause');
    await expectKeptCurrent('pause');
    await ok('Ben', '/preorder cancel campaign:"Beta Two" confirm:yes');
    await expectKeptCurrent('cancel');
    await ok('Ben', '/preorder restore campaign:"Beta Two"');
    await expectKeptCurrent('restore');
  });

  it('after order readings, a closed DM and a reminder that failed for good', async () => {
    await ok('Ada', '/preorder log orders:3 pos:10 date:yesterday');
    await ok('Ada', '/preorder log orders:5 pos:12');
    await expectKeptCurrent('order log');
    await db.prisma.member.updateMany({ where: { displayName: 'Di' }, data: { dmsClosedAt: chat.clock.now() } });
    const cy = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Gamma' } });
    const reminder = await db.prisma.reminder.findFirstOrThrow({ where: { campaignId: cy.id, state: 'pending' } });
    await db.prisma.reminder.update({ where: { id: reminder.id }, data: { state: 'failed', attempts: 6 } });
    await expectKeptCurrent('sweeper failures');
    await db.prisma.member.updateMany({ where: { displayName: 'Di' }, data: { dmsClosedAt: null } });
    await db.prisma.reminder.update({ where: { id: reminder.id }, data: { state: 'pending', attempts: 0 } });
    await expectKeptCurrent('failures cleared');
  });

  it('as the clock passes every boundary the rows name, through the boundary job', async () => {
    let crossed = 0;
    for (let step = 0; step < 60; step += 1) {
      const [next] = await db.sql.query<{ ms: number | null }>(
        `SELECT floor(extract(epoch FROM min(next_boundary_at)) * 1000)::float8 AS ms FROM campaign_board`,
      );
      if (next?.ms === null || next?.ms === undefined) break;
      // Just before the boundary nothing has changed yet: the kept rows hold without any work.
      chat.clock.set(new Date(next.ms - 1).toISOString());
      await expectKeptCurrent(`just before boundary ${step}`);
      chat.clock.set(new Date(next.ms).toISOString());
      expect((await keptRows()).some((r) => r.behind)).toBe(true);
      expect(await chat.app.board.refreshDue(chat.clock.now(), 1000)).toBeGreaterThan(0);
      await expectKeptCurrent(`at boundary ${step}`);
      crossed += 1;
    }
    expect(crossed).toBeGreaterThan(20);
  }, 120_000);

  it('after a direct write, a read catches the row up; after forget-me the rows and tallies go', async () => {
    chat.clock.set('2027-01-25T08:00:00Z');
    await chat.app.board.refreshDue(chat.clock.now(), 1000);
    // A clock set back: rows classified later than now are recomputed by the read.
    const ctx = await context();
    await expectReadsMatch(await chat.app.services.board.data(ctx), ctx.community.id, 'clock set back');
    await db.prisma.campaign.updateMany({ where: { title: 'Alpha' }, data: { releaseDate: new Date('2027-02-02') } });
    expect((await keptRows()).filter((r) => r.behind)).toHaveLength(1);
    await expectReadsMatch(await chat.app.services.board.data(ctx), ctx.community.id, 'direct write');
    await expectKeptCurrent('after the catch-up');

    const { communityExternalId, communityName, ...presser } = chat.actor('Cy');
    const press: ActionPresser = { ...presser, community: { communityExternalId, communityName: communityName! } };
    const done = await chat.app.dispatcher.dispatchAction(press, '/preorder forget-me confirm:yes');
    expect(done.title).toBe('Your data is deleted');
    await expectKeptCurrent('forget-me');
    expect((await keptRows()).length).toBe(4);
  });
});
