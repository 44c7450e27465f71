import { beforeEach, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { createSweeperChat, type SweeperChat } from '../support/sweeper-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const QUILLON = 'member:quillon';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** A button press in the server's channel (where moderator buttons work). */
const inServer = (h: SweeperChat, user: string): ActionPresser => {
  const { communityExternalId, communityName, ...rest } = h.chat.actor(user);
  return { ...rest, community: { communityExternalId, ...(communityName ? { communityName } : {}) } };
};

describeEachBackend('/preorder-admin campaign: one campaign through a moderator’s eyes', (backend) => {
  const fresh = freshDatabase(backend);
  let db: Database;
  let h: SweeperChat;
  let campaignId: string;

  beforeEach(async () => {
    db = fresh.db;
    h = await createSweeperChat(db, { now: '2027-01-10T12:00:00Z' });
    await h.say('Quillon', START);
    campaignId = (await db.prisma.campaign.findFirstOrThrow()).id;
    await h.sweeper.drain();
  });

  const campaignRow = () => db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const moderatorAudit = async () =>
    (
      await db.prisma.auditEntry.findMany({ where: { action: { startsWith: 'moderator.' } }, orderBy: { id: 'asc' } })
    ).map((a) => [a.actorId, a.action, iso(a.at), a.campaignId, a.details]);
  const quillonDms = () => h.notifier.dms(QUILLON);

  it('shows the plan, progress, reminders with failures, order logs and a readable audit trail', async () => {
    await h.say('Quillon', '/preorder done aa-account');
    // The next reminder to Quillon fails for good, with its reason kept.
    h.notifier.failNext(1, 'permanent', { match: (d) => d.to.kind === 'dm' });
    await h.jump('2027-01-11T14:00:00Z');
    await db.prisma.orderLog.create({
      data: {
        campaignId,
        day: new Date('2027-01-11'),
        orders: 4,
        pos: 9,
        loggedBy: `console:${QUILLON}`,
        loggedAt: h.chat.clock.now(),
      },
    });

    const { reply, text } = await h.say('you', '/preorder-admin campaign member:Quillon');
    expect(reply.title).toBe('Campaign "The Salt Road" (Quillon)');
    expect(reply.fields.map((f) => f.label)).toContain('[done] Open an Amazon Advantage account (aa-account)');
    expect(text).toContain('1 of 13 steps settled.');
    // The campaign's own rows and its member's morning messages (rows of the member, no campaign id).
    const count = (state: 'sent' | 'failed' | 'pending') =>
      db.prisma.reminder.count({
        where: {
          state,
          OR: [{ campaignId }, { campaignId: null, kind: 'morning', member: { displayName: 'Quillon' } }],
        },
      });
    expect(await count('failed')).toBe(1);
    expect(await count('sent')).toBeGreaterThan(0);
    expect(await count('pending')).toBeGreaterThan(0);
    expect(text).toContain(
      `Reminders: ${await count('sent')} sent, 1 failed, ${await count('pending')} pending, 0 skipped, 0 missed, 0 cancelled.`,
    );
    // The reminder that failed is the next morning's message (its first-step nudges).
    expect(text).toContain(
      'Member: Quillon · ISBN 9780306406157 · Amazon US (amazon.com) · KDP · release Mon 15 Mar 2027 (America/New_York) · active',
    );
    // The zone is named once, at the first instant; every later one shows only its abbreviation.
    expect(text.match(/America\/New_York/g)).toHaveLength(1);
    expect(text).toContain('Failed: morning, Mon 11 Jan 2027, 09:00 EST: permanent: scripted permanent failure');
    expect(text).toContain('Orders logged on 1 day; latest (Mon 11 Jan 2027): 4 customer orders, 9 PO units.');
    expect(text).toContain('Audit trail (latest 2):');
    expect(text).toContain(
      '• Sun 10 Jan 2027, 07:00 EST — Quillon: marked done · Open an Amazon Advantage account (aa-account)',
    );
    expect(text).toContain('— Quillon: started the campaign · Title: "The Salt Road"; Release date: Mon 15 Mar 2027');
    expect(reply.actions.map((a) => [a.id, a.command])).toEqual([
      ['pause', `/preorder-admin campaign campaign:${campaignId} action:pause`],
      ['nudge', `/preorder-admin campaign campaign:${campaignId} action:nudge`],
      ['shift', `/preorder-admin campaign campaign:${campaignId} action:shift`],
      ['cancel', `/preorder-admin campaign campaign:${campaignId} action:cancel`],
    ]);
    expect(reply.actions.find((a) => a.id === 'shift')?.form?.fields.map((f) => f.name)).toEqual(['release']);
    expect(reply.actions.every((a) => a.command.length <= 100)).toBe(true);

    // The same campaign by title (positional, part of it), by ISBN, by the member's name, and by id.
    for (const line of [
      '/preorder-admin campaign salt road',
      '/preorder-admin campaign title:9780306406157',
      '/preorder-admin campaign Quillon',
      `/preorder-admin campaign campaign:${campaignId}`,
    ]) {
      expect((await h.say('you', line)).reply.title, line).toBe('Campaign "The Salt Road" (Quillon)');
    }
  });

  it('offers a choice when several campaigns of this community match', async () => {
    await h.say(
      'Bram',
      '/preorder start title:"Salt Marsh" isbn:0-8044-2957-X release:2027-04-01 timezone:Europe/London',
    );
    expect(await db.prisma.campaign.count()).toBe(2);
    const { reply } = await h.say('you', '/preorder-admin campaign title:salt');
    expect(reply.tone).toBe('question');
    expect(reply.actions.map((a) => a.label).sort()).toEqual(['Salt Marsh (Bram)', 'The Salt Road (Quillon)']);
    expect(reply.actions.every((a) => /^\/preorder-admin campaign campaign:[0-9a-f-]{36}$/.test(a.command))).toBe(true);
    const missing = await h.say('you', '/preorder-admin campaign title:"No Such Book"');
    expect(missing.reply.problem).toMatchObject({ field: 'title', code: 'not-found' });
    const nobody = await h.say('you', '/preorder-admin campaign member:Nobody');
    expect(nobody.reply.problem).toMatchObject({ field: 'member', code: 'not-found' });
    const none = await h.say('you', '/preorder-admin campaign');
    expect(none.reply.problem).toMatchObject({ field: 'member', code: 'required' });
  });

  it('pauses: audited, the member told, nothing sent while paused; resuming brings back what is still ahead', async () => {
    const RESUME = '2027-01-24T12:00:00Z';
    const paused = await h.say('you', '/preorder-admin campaign member:Quillon action:pause note:"Back on the 20th?"');
    expect(paused.reply.tone).toBe('success');
    expect(paused.text).toContain('I am letting Quillon know by direct message.');
    expect(await campaignRow()).toMatchObject({
      remindersPausedAt: new Date('2027-01-10T12:00:00Z'),
      remindersPausedBy: 'console:you',
    });
    expect(await moderatorAudit()).toEqual([
      ['console:you', 'moderator.paused', '2027-01-10T12:00:00.000Z', campaignId, { note: 'Back on the 20th?' }],
    ]);
    // Only the member's notice is left to send for this campaign.
    expect((await h.rows({ campaignId, state: 'pending' })).map((r) => [r.kind, r.target])).toEqual([
      ['moderator-change', 'dm'],
    ]);

    h.notifier.clear();
    await h.sweeper.drain();
    expect(quillonDms().map((d) => d.title)).toEqual(['Reminders paused for "The Salt Road"']);
    expect(quillonDms()[0]!.text).toContain('Note from the moderator: Back on the 20th?');
    expect((await h.rows({ kind: 'moderator-change' })).map((r) => r.state)).toEqual(['sent']);

    // Two weeks of mornings (first-step nudges on days 1, 2, 4 and 7): nothing is sent.
    h.notifier.clear();
    await h.advance(RESUME, { stepMs: 6 * 3_600_000 });
    expect(quillonDms()).toEqual([]);
    // A second pause changes nothing and tells nobody.
    const again = await h.say('you', '/preorder-admin campaign member:Quillon action:pause');
    expect(again.reply.title).toBe('Nothing changed on "The Salt Road"');

    await h.say('you', `/preorder-admin campaign campaign:${campaignId} action:resume`);
    expect((await campaignRow()).remindersPausedAt).toBeNull();
    const pending = await h.rows({ campaignId, state: 'pending' });
    // The member's notice, and the timely DMs and posts of the windows still ahead.
    expect(new Set(pending.map((r) => r.kind))).toEqual(
      new Set(['moderator-change', 'blocked', 'heads-up-6h', 'now', 'overdue', 'channel-release']),
    );
    expect(pending.every((r) => r.dueAt.getTime() >= new Date(RESUME).getTime())).toBe(true);
    // What fell due while paused stays unsent: those mornings (stored a week ahead at the start,
    // none added while paused) had nothing to say.
    const mornings = await h.rows({ kind: 'morning', campaignId: null });
    const whilePaused = mornings.filter((r) => r.dueAt < new Date(RESUME));
    expect(whilePaused.map((r) => r.key.slice(-10))).toEqual(['2027-01-11', '2027-01-12', '2027-01-14']);
    expect(whilePaused.every((r) => r.state === 'skipped')).toBe(true);
    expect(mornings.filter((r) => r.dueAt >= new Date(RESUME)).every((r) => r.state === 'pending')).toBe(true);

    await h.advance('2027-01-26T15:00:00Z');
    expect(quillonDms().map((d) => [d.title, iso(d.at)])).toEqual([
      ['Reminders resumed for "The Salt Road"', '2027-01-24T12:00:00.000Z'],
      // 09:00 in New York is still ahead at 12:00 UTC: that morning's message (day 14) comes back.
      ['Today for "The Salt Road"', '2027-01-24T14:00:00.000Z'],
    ]);
    expect((await moderatorAudit()).map((a) => [a[0], a[1], a[2]])).toEqual([
      ['console:you', 'moderator.paused', '2027-01-10T12:00:00.000Z'],
      ['console:you', 'moderator.resumed', '2027-01-24T12:00:00.000Z'],
    ]);
  }, 60_000);

  it('shifts the release date: replanned, audited from → to, the member told; a bad date changes nothing', async () => {
    const audit = await db.prisma.auditEntry.count();
    const past = await h.say('you', '/preorder-admin campaign Quillon action:shift release:2027-01-05');
    expect(past.reply.problem).toMatchObject({ field: 'release', code: 'invalid' });
    const missing = await h.say('you', '/preorder-admin campaign Quillon action:shift');
    expect(missing.reply.problem).toMatchObject({ field: 'release', code: 'required' });
    const stray = await h.say('you', '/preorder-admin campaign Quillon release:2027-04-01');
    expect(stray.reply.problem).toMatchObject({ field: 'release' });
    expect(await db.prisma.auditEntry.count()).toBe(audit);
    expect(iso((await campaignRow()).releaseDate)).toBe('2027-03-15T00:00:00.000Z');

    const before = await h.rows({ campaignId, milestoneId: 'kdp-publish', state: 'pending' });
    const shifted = await h.say('you', '/preorder-admin campaign Quillon action:shift release:2027-04-01');
    expect(shifted.reply.title).toBe('Release date shifted for "The Salt Road"');
    expect(iso((await campaignRow()).releaseDate)).toBe('2027-04-01T00:00:00.000Z');
    expect(await moderatorAudit()).toEqual([
      [
        'console:you',
        'moderator.shifted',
        '2027-01-10T12:00:00.000Z',
        campaignId,
        { releaseDate: { from: '2027-03-15', to: '2027-04-01' } },
      ],
    ]);
    const after = await h.rows({ campaignId, milestoneId: 'kdp-publish', state: 'pending' });
    expect(after.map((r) => r.dueAt.getTime())).not.toEqual(before.map((r) => r.dueAt.getTime()));
    expect(after.every((r) => r.dueAt > new Date('2027-03-28T00:00:00Z'))).toBe(true);

    h.notifier.clear();
    await h.sweeper.drain();
    const dm = quillonDms().find((d) => d.title === 'New release date for "The Salt Road"');
    expect(dm?.text).toContain(
      'A moderator moved the release date from Mon 15 Mar 2027 (America/New_York) to Thu 1 Apr 2027.',
    );
    // Every date change: the date in Advantage has to follow (no item added yet here).
    expect(dm?.text).toContain('When you add the item in Amazon Advantage, use Thu 1 Apr 2027 as its publish date.');
    expect(shifted.text).toContain(
      'Release date Mon 15 Mar 2027 → Thu 1 Apr 2027; every step not yet done is replanned.',
    );
    expect(shifted.text).toContain(
      "In Quillon's notice: When you add the item in Amazon Advantage, use Thu 1 Apr 2027 as its publish date.",
    );
    // The moderator's view reads the change in the same words, by the moderator's own "you".
    const view = await h.say('you', '/preorder-admin campaign Quillon');
    expect(view.text).toContain(
      '— you: shifted the release date (moderator) · Release date Mon 15 Mar 2027 → Thu 1 Apr 2027',
    );
    expect(view.text).not.toMatch(/releaseDate|console:/);
  });

  it('cancels only after a confirmation; the member is told even though the campaign is cancelled', async () => {
    const ask = await h.say('you', '/preorder-admin campaign Quillon action:cancel');
    expect(ask.reply.tone).toBe('question');
    expect((await campaignRow()).state).toBe('active');
    const confirm = ask.reply.actions.find((a) => a.id === 'confirm-cancel')!;
    expect(confirm.command).toBe(`/preorder-admin campaign campaign:${campaignId} action:cancel confirm:yes`);

    // The confirmation is a button press in the server.
    const done = await h.chat.app.dispatcher.dispatchAction(inServer(h, 'you'), confirm.command);
    expect(done.title).toBe('"The Salt Road" is cancelled');
    expect((await campaignRow()).state).toBe('cancelled');
    expect(await moderatorAudit()).toEqual([
      ['console:you', 'moderator.cancelled', '2027-01-10T12:00:00.000Z', campaignId, {}],
    ]);
    expect((await h.rows({ campaignId, state: 'pending' })).map((r) => r.kind)).toEqual(['moderator-change']);
    h.notifier.clear();
    await h.sweeper.drain();
    expect(quillonDms().map((d) => d.title)).toEqual(['"The Salt Road" was cancelled by a moderator']);
    const again = await h.say('you', `/preorder-admin campaign campaign:${campaignId} action:nudge`);
    expect(again.reply.problem).toMatchObject({ field: 'action', code: 'invalid' });
  });

  it('nudges: a DM now naming the next step, with the note', async () => {
    await h.say('Quillon', '/preorder done aa-account');
    await h.say('Quillon', '/preorder done aa-add-item');
    await h.say('Quillon', '/preorder done aa-images');
    await h.say('Quillon', '/preorder done aa-sales-copy');
    h.notifier.clear();
    const nudge = await h.say('you', '/preorder-admin campaign Quillon action:nudge note:"Is the listing up yet?"');
    expect(nudge.reply.title).toBe('Nudge on its way to Quillon');
    expect(await moderatorAudit()).toEqual([
      ['console:you', 'moderator.nudged', '2027-01-10T12:00:00.000Z', campaignId, { note: 'Is the listing up yet?' }],
    ]);
    await h.sweeper.drain();
    const [dm] = quillonDms();
    expect(dm?.title).toBe('A nudge from a moderator: "The Salt Road"');
    expect(dm?.text).toContain('Note from the moderator: Is the listing up yet?');
    expect(dm?.text).toContain(
      'Next: Check that your listing is live (listing-live) — from Sun 10 Jan 2027, 10:00 EST (America/New_York).',
    );
    expect(dm?.reply.actions.map((a) => a.command)).toContain(`/preorder done listing-live campaign:${campaignId}`);
    expect((await h.rows({ kind: 'moderator-nudge' })).map((r) => [r.state, r.deliveredVia])).toEqual([['sent', 'dm']]);
  });

  it("cannot reach another community's campaign, by id, title or member", async () => {
    const elsewhere = { ...h.chat.actor('Bram'), communityExternalId: 'elsewhere', communityName: 'Elsewhere' };
    await h.chat.app.dispatcher.dispatchText(
      elsewhere,
      '/preorder start title:"Distant Shore" isbn:0-8044-2957-X release:2027-04-01 timezone:Europe/London',
    );
    const distant = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Distant Shore' } });
    for (const line of [
      `/preorder-admin campaign campaign:${distant.id}`,
      `/preorder-admin campaign campaign:${distant.id} action:pause`,
      '/preorder-admin campaign title:"Distant Shore"',
      '/preorder-admin campaign member:Bram',
    ]) {
      const { reply } = await h.say('you', line);
      expect(reply.problem?.code, line).toBe('not-found');
    }
    const pressed = await h.chat.app.dispatcher.dispatchAction(
      inServer(h, 'you'),
      `/preorder-admin campaign campaign:${distant.id} action:cancel confirm:yes`,
    );
    expect(pressed.problem?.code).toBe('not-found');
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: distant.id } })).toMatchObject({
      state: 'active',
      remindersPausedAt: null,
    });
    expect(await moderatorAudit()).toEqual([]);
  });

  it('refuses a member every admin command and button, and changes nothing', async () => {
    const audit = await db.prisma.auditEntry.count();
    const rows = await h.rows();
    const lines = [
      '/preorder-admin campaign member:Quillon',
      ...['pause', 'resume', 'nudge', 'cancel confirm:yes'].map((a) => `/preorder-admin campaign Quillon action:${a}`),
      '/preorder-admin campaign Quillon action:shift release:2027-04-01',
      '/preorder-admin campaigns',
      '/preorder-admin settings',
      '/preorder-admin settings digest_hour:7',
      '/preorder-admin forget member:Quillon confirm:yes',
    ];
    for (const line of lines) {
      const typed = await h.say('Quillon', line);
      expect(typed.reply.problem, line).toMatchObject({ field: 'permission', code: 'forbidden' });
      // Settings has no buttons; the others may arrive as presses and are checked the same way.
      if (line.includes(' settings')) continue;
      const pressed = await h.chat.app.dispatcher.dispatchAction(inServer(h, 'Quillon'), line);
      expect(pressed.problem, line).toMatchObject({ field: 'permission', code: 'forbidden' });
    }
    expect(await db.prisma.auditEntry.count()).toBe(audit);
    expect(await h.rows()).toEqual(rows);
    expect(await campaignRow()).toMatchObject({ state: 'active', remindersPausedAt: null });
  });
});
