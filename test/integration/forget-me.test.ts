import { beforeEach, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import type { Actor } from '../../src/app/ports.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { createSweeperChat, type SweeperChat } from '../support/sweeper-harness.ts';

const ZEPHYR = 'Zephyrine Orchard';
const FARAWAY = 'Faraway Quaylight';
const BRAMBLE = 'Bramble Notes';

describeEachBackend('forgetting a member: /preorder forget-me and /preorder-admin forget', (backend) => {
  const fresh = freshDatabase(backend);
  let db: Database;
  let h: SweeperChat;
  let elsewhere: (user: string) => Actor;

  /** Quillon leaves traces everywhere: campaigns here and elsewhere, progress, logs, reminders, questions, audit, moderation. */
  beforeEach(async () => {
    db = fresh.db;
    h = await createSweeperChat(db, { now: '2027-01-10T12:00:00Z', channel: 'announcements' });
    elsewhere = (user) => ({ ...h.chat.actor(user), communityExternalId: 'elsewhere', communityName: 'Elsewhere' });
    const say = async (user: string, line: string) => {
      const { reply } = await h.say(user, line);
      expect(reply.tone, line).not.toBe('error');
    };
    await say(
      'Quillon',
      `/preorder start title:"${ZEPHYR}" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York`,
    );
    await say('Quillon', '/preorder done aa-account');
    await say('Quillon', '/preorder settings quiet:22-07');
    await say('Bram', `/preorder start title:"${BRAMBLE}" isbn:0-8044-2957-X release:2027-04-01 timezone:Chicago`);
    await say('Bram', '/preorder done aa-account');
    await say('you', '/preorder-admin settings add_moderator:Quillon');
    await say('you', `/preorder-admin campaign title:"${ZEPHYR}" action:nudge note:"How is it going?"`);
    // As a moderator, Quillon touched Bram's campaign too: that history is Bram's, not Quillon's.
    for (const action of ['pause', 'shift release:2027-04-08', 'nudge', 'resume', 'pause']) {
      await say('Quillon', `/preorder-admin campaign title:"${BRAMBLE}" action:${action}`);
    }
    await h.chat.app.dispatcher.dispatchText(
      elsewhere('Quillon'),
      `/preorder start title:"${FARAWAY}" isbn:978-1-4028-9462-6 release:2027-05-01 timezone:America/New_York`,
    );
    const zephyr = await db.prisma.campaign.findFirstOrThrow({ where: { title: ZEPHYR } });
    const quillon = await db.prisma.member.findFirstOrThrow({ where: { displayName: 'Quillon' } });
    await db.prisma.orderLog.create({
      data: {
        campaignId: zephyr.id,
        day: new Date('2027-01-10'),
        orders: 2,
        pos: 3,
        loggedBy: 'console:member:quillon',
        loggedAt: h.chat.clock.now(),
      },
    });
    await db.prisma.faqQuestion.create({
      data: {
        communityId: zephyr.communityId,
        memberId: quillon.id,
        text: 'Does Quillon need an agent?',
        askedAt: h.chat.clock.now(),
      },
    });
    await db.prisma.faqAlias.create({
      data: {
        communityId: zephyr.communityId,
        topic: 'aa-fee',
        text: 'what does it cost',
        createdBy: 'console:member:quillon',
        createdAt: h.chat.clock.now(),
      },
    });
    await h.sweeper.drain();
  });

  /** Every row of every table of the schema as text, with the table's name. */
  async function everyRow(): Promise<{ table: string; row: string }[]> {
    const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'members',
        'campaigns',
        'milestone_progress',
        'reminders',
        'audit_log',
        'order_logs',
        'faq_questions',
      ]),
    );
    const rows: { table: string; row: string }[] = [];
    for (const { table_name: table } of tables) {
      const found = await db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${table}" t`);
      for (const { row } of found) rows.push({ table, row });
    }
    return rows;
  }

  const traces = (rows: { table: string; row: string }[], needles: string[]) =>
    rows
      .filter((r) => needles.some((n) => r.row.toLowerCase().includes(n.toLowerCase())))
      .map((r) => `${r.table}: ${r.row}`);

  async function quillonNeedles(): Promise<string[]> {
    const member = await db.prisma.member.findFirstOrThrow({ where: { displayName: 'Quillon' } });
    const campaigns = await db.prisma.campaign.findMany({ where: { memberId: member.id } });
    return [member.id, member.externalId, 'quillon', ...campaigns.flatMap((c) => [c.id, c.title])];
  }

  async function bramSnapshot() {
    const bram = await db.prisma.member.findFirstOrThrow({
      where: { displayName: 'Bram' },
      include: { campaigns: { include: { progress: true } } },
    });
    const reminders = await db.prisma.reminder.findMany({ where: { memberId: bram.id }, orderBy: { id: 'asc' } });
    // Who paused Bram's campaign was Quillon: that name goes, the pause stays.
    const campaigns = bram.campaigns.map(({ remindersPausedBy: _by, updatedAt: _at, ...rest }) => rest);
    return { ...bram, campaigns, reminders: reminders.map(({ updatedAt: _u, ...r }) => r) };
  }

  /** Bram's campaign's audit trail, as moderators read it: who and what. */
  async function bramTrail(): Promise<[string | null, string][]> {
    const bramble = await db.prisma.campaign.findFirstOrThrow({ where: { title: BRAMBLE } });
    const lines = await db.prisma.auditEntry.findMany({ where: { campaignId: bramble.id }, orderBy: { id: 'asc' } });
    return lines.map((l) => [l.actorId, l.action]);
  }

  const QUILLON_ON_BRAM: [string, string][] = [
    ['moderator.paused', 'paused reminders (moderator)'],
    ['moderator.shifted', 'shifted the release date (moderator)'],
    ['moderator.nudged', 'sent a nudge (moderator)'],
    ['moderator.resumed', 'resumed reminders (moderator)'],
    ['moderator.paused', 'paused reminders (moderator)'],
  ];

  it('asks first, showing what would go, and deletes nothing until confirmed', async () => {
    const before = await everyRow();
    const { reply, text } = await h.say('Quillon', '/preorder forget-me');
    expect(reply.tone).toBe('question');
    expect(text).toContain(
      `Audit lines of what you did on other members' campaigns or the community's settings (5 lines) are never deleted: they stay, with your name replaced by "a former moderator" (or "a former member").`,
    );
    expect(text).toContain('• 2 campaigns');
    expect(text).toContain('• 1 marked step');
    expect(text).toContain('• 1 order log');
    expect(text).toContain('• 1 question kept for the FAQ');
    expect(reply.actions.map((a) => a.command)).toEqual(['/preorder forget-me confirm:yes']);
    expect(await everyRow()).toEqual(before);
    const bad = await h.say('Quillon', '/preorder forget-me confirm:maybe');
    expect(bad.reply.problem?.field).toBe('confirm');
    expect(await everyRow()).toEqual(before);
  });

  it('forget-me leaves no row of the member in any table, only an anonymous audit line; others untouched', async () => {
    const needles = await quillonNeedles();
    expect(traces(await everyRow(), needles).length).toBeGreaterThan(10);
    const bram = await bramSnapshot();
    const forgottenAt = h.chat.clock.now();

    // Pressed as the button the question carries, in the server.
    const { communityExternalId, communityName, ...presser } = h.chat.actor('Quillon');
    const press: ActionPresser = { ...presser, community: { communityExternalId, communityName: communityName! } };
    const done = await h.chat.app.dispatcher.dispatchAction(press, '/preorder forget-me confirm:yes');
    expect(done.title).toBe('Your data is deleted');

    expect(traces(await everyRow(), needles)).toEqual([]);
    const anonymous = await db.prisma.auditEntry.findMany({ where: { action: 'member.forgotten' } });
    expect(anonymous.map((a) => [a.actorId, a.details, a.at.toISOString()])).toEqual([
      [null, { scope: 'everywhere', campaigns: 2 }, forgottenAt.toISOString()],
    ]);
    expect(await bramSnapshot()).toEqual(bram);
    expect((await db.prisma.campaign.findFirstOrThrow({ where: { title: BRAMBLE } })).remindersPausedBy).toBeNull();
    // Quillon's pause, shift, nudge and resume are still in Bram's history, by "a former moderator".
    expect((await bramTrail()).filter(([, action]) => action.startsWith('moderator.'))).toEqual(
      QUILLON_ON_BRAM.map(([action]) => ['a former moderator', action]),
    );
    const view = await h.say('you', `/preorder-admin campaign title:"${BRAMBLE}"`);
    for (const [, words] of QUILLON_ON_BRAM) expect(view.text).toContain(`a former moderator: ${words}`);
    // The sweeper has nothing left to send them.
    h.notifier.clear();
    await h.advance('2027-01-12T12:00:00Z', { stepMs: 3_600_000 });
    expect(h.notifier.dms('member:quillon')).toEqual([]);
  });

  it('the moderator version deletes only in this community and keeps the member while data remains elsewhere', async () => {
    const faraway = await db.prisma.campaign.findFirstOrThrow({ where: { title: FARAWAY } });
    const zephyr = await db.prisma.campaign.findFirstOrThrow({ where: { title: ZEPHYR } });
    const bram = await bramSnapshot();
    const trail = await bramTrail();

    const unknown = await h.say('you', '/preorder-admin forget member:Nobody confirm:yes');
    expect(unknown.reply.problem).toMatchObject({ field: 'member', code: 'not-found' });

    const ask = await h.say('you', '/preorder-admin forget Quillon');
    expect(ask.reply.tone).toBe('question');
    expect(ask.text).toContain('• 1 campaign');
    expect(ask.text).not.toContain('member record');
    const confirm = ask.reply.actions[0]!.command;
    expect(confirm).toBe('/preorder-admin forget member:member:quillon confirm:yes');
    const done = await h.say('you', confirm);
    expect(done.reply.title).toBe('Member data deleted');

    const rows = await everyRow();
    expect(traces(rows, [zephyr.id, ZEPHYR, 'How is it going', 'Does Quillon need'])).toEqual([]);
    // Elsewhere is not this community's to touch.
    expect(traces(rows, [faraway.id]).length).toBeGreaterThan(1);
    expect(await db.prisma.member.count({ where: { externalId: 'member:quillon' } })).toBe(1);
    expect((await db.prisma.community.findFirstOrThrow({ where: { externalId: 'local' } })).moderatorRoleIds).toEqual(
      [],
    );
    expect(await bramSnapshot()).toEqual(bram);
    // Never deleted, only renamed: every line of Bram's trail is still there.
    expect(await bramTrail()).toEqual(
      trail.map(([actor, action]) => [actor === 'console:member:quillon' ? 'a former moderator' : actor, action]),
    );
    const audit = await db.prisma.auditEntry.findMany({ where: { action: 'member.forgotten' } });
    expect(audit.map((a) => [a.actorId, a.details])).toEqual([
      ['console:you', { scope: 'this community', campaigns: 1 }],
    ]);
    // Their campaign elsewhere still gets its morning messages (first-step nudges on days 1 and 2),
    // although the member's morning rows had been stored under this community.
    h.notifier.clear();
    await h.advance('2027-01-12T15:00:00Z', { stepMs: 3_600_000 });
    expect(h.notifier.dms('member:quillon').map((d) => [d.title, d.at?.toISOString()])).toEqual([
      [`Today for "${FARAWAY}"`, '2027-01-11T14:00:00.000Z'],
      [`Today for "${FARAWAY}"`, '2027-01-12T14:00:00.000Z'],
    ]);

    // A moderator there forgets the rest: now nothing is left anywhere, so the member row goes too.
    const there = await h.chat.app.dispatcher.dispatchText(
      elsewhere('you'),
      '/preorder-admin forget member:Quillon confirm:yes',
    );
    expect(there.title).toBe('Member data deleted');
    expect(there.fallback).toContain('and their member record');
    expect(traces(await everyRow(), [faraway.id, FARAWAY, 'quillon'])).toEqual([]);
  });
});
