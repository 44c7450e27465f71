import { beforeEach, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const DAY_MS = 86_400_000;

describeEachBackend('a member cancels (after confirming) and restores a campaign', (backend) => {
  const fresh = freshDatabase(backend);
  let chat: Chat;

  beforeEach(async () => {
    chat = createChat(fresh.db);
    expect((await chat.say('you', START)).reply.tone).not.toBe('error');
    expect((await chat.say('you', '/preorder done aa-account')).reply.tone).toBe('success');
  });

  const campaign = () => fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'The Salt Road' } });
  const reminders = async () =>
    (await fresh.db.prisma.reminder.findMany({ orderBy: { id: 'asc' } })).map((r) => `${r.key} ${r.state}`);
  /** Everything a cancel or restore could change. */
  const snapshot = async () => ({
    campaign: await campaign(),
    reminders: await reminders(),
    audit: await fresh.db.prisma.auditEntry.count(),
  });
  const press = (command: string) => {
    const { communityExternalId, communityName, ...presser } = chat.actor('you');
    const pressed: ActionPresser = { ...presser, community: { communityExternalId, communityName: communityName! } };
    return chat.app.dispatcher.dispatchAction(pressed, command);
  };

  it('asks first and changes nothing; the confirm button cancels, stops the reminders and offers the undo', async () => {
    const before = await snapshot();
    const asked = await chat.say('you', '/preorder cancel');
    expect(asked.reply).toMatchObject({ tone: 'question', title: 'Cancel "The Salt Road"?' });
    expect(asked.text).toContain('/preorder restore brings it back within 30 days');
    expect(await snapshot()).toEqual(before);
    const id = before.campaign.id;
    expect(asked.reply.actions.map((a) => a.command)).toEqual([
      `/preorder cancel campaign:${id} confirm:yes`,
      `/preorder status campaign:${id}`,
    ]);

    const done = await press(asked.reply.actions[0]!.command);
    expect(done.title).toBe('Campaign cancelled');
    expect(done.fallback).toMatch(/\/preorder restore brings it back until Tue 9 Feb 2027/);
    expect(done.actions.map((a) => a.command)).toEqual([`/preorder restore campaign:${id}`]);
    expect((await campaign()).state).toBe('cancelled');
    // The campaign's own reminders stop; the member's shared morning rows stay, and have nothing to say of it.
    expect(await fresh.db.prisma.reminder.count({ where: { state: 'pending', campaignId: id } })).toBe(0);
  });

  it('restore within 30 days: active again with its marks, reminders still ahead back on, audited', async () => {
    const pendingBefore = await fresh.db.prisma.reminder.findMany({
      where: { state: 'pending', campaignId: { not: null } },
    });
    await chat.say('you', '/preorder cancel confirm:yes');
    chat.clock.set(new Date(chat.clock.now().getTime() + 29 * DAY_MS));
    const restored = await chat.say('you', '/preorder restore');
    expect(restored.reply.title).toBe('Campaign restored');
    expect(restored.text).toContain('"The Salt Road" is active again');
    const after = await campaign();
    expect([after.state, after.endedAt]).toEqual(['active', null]);
    expect(await fresh.db.prisma.milestoneProgress.count({ where: { campaignId: after.id } })).toBe(1);
    // What was due while it was cancelled stays cancelled; what is still ahead is pending again.
    const now = chat.clock.now();
    const byKey = new Map((await fresh.db.prisma.reminder.findMany()).map((r) => [r.key, r.state] as const));
    for (const row of pendingBefore) {
      expect(byKey.get(row.key), row.key).toBe(row.dueAt < now ? 'cancelled' : 'pending');
    }
    expect(pendingBefore.some((r) => r.dueAt >= now)).toBe(true);
    const audit = await fresh.db.prisma.auditEntry.findMany({
      where: { campaignId: after.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['campaign.cancelled', 'campaign.restored']);
    // Restored twice? It is no longer cancelled.
    const again = await chat.say('you', '/preorder restore');
    expect(again.reply.problem).toMatchObject({ field: 'campaign', code: 'not-found' });
  });

  it('refuses after 30 days, a moderator’s cancel, a release date gone by, and a duplicate; nothing changes', async () => {
    await chat.say('you', '/preorder cancel confirm:yes');
    const refuse = async (line: string, code: string, words: RegExp) => {
      const before = await snapshot();
      const { reply, text } = await chat.say('you', line);
      expect(reply.problem, line).toMatchObject({ field: 'campaign', code });
      expect(text).toMatch(words);
      expect(text).not.toMatch(/\n\s+at /);
      expect(await snapshot()).toEqual(before);
    };

    // Another active campaign for the same ISBN and marketplace took its place.
    await chat.say('you', START.replace('The Salt Road', 'The Salt Road II'));
    const duplicate = await chat.say('you', '/preorder restore The Salt Road');
    expect(duplicate.reply.problem).toMatchObject({ field: 'isbn', code: 'conflict' });
    await chat.say('you', '/preorder cancel campaign:"The Salt Road II" confirm:yes');

    await refuse('/preorder restore', 'ambiguous', /You cancelled 2 campaigns lately/);
    await refuse('/preorder restore Moby', 'not-found', /None of your cancelled campaigns matches "Moby"/);

    chat.clock.set(new Date(chat.clock.now().getTime() + 31 * DAY_MS));
    await refuse('/preorder restore', 'not-found', /no campaign here cancelled in the last 30 days/);
    await refuse('/preorder restore The Salt Road', 'invalid', /more than 30 days ago/);
  });

  it('a campaign a moderator cancelled, or whose release day has come, stays cancelled', async () => {
    const { id } = await campaign();
    await chat.say('you', `/preorder-admin campaign campaign:${id} action:cancel confirm:yes`);
    const byModerator = await chat.say('you', '/preorder restore');
    expect(byModerator.reply.problem).toMatchObject({ field: 'campaign', code: 'forbidden' });
    expect(byModerator.text).toMatch(/A moderator cancelled "The Salt Road"/);

    await chat.say('you', '/preorder start title:"Quick One" isbn:0-8044-2957-X release:2027-01-20 timezone:UTC');
    await chat.say('you', '/preorder cancel campaign:"Quick One" confirm:yes');
    chat.clock.set('2027-01-20T12:00:00Z');
    const late = await chat.say('you', '/preorder restore Quick One');
    expect(late.reply.problem).toMatchObject({ field: 'campaign', code: 'invalid' });
    expect(late.text).toMatch(/due for release on 2027-01-20, so there is nothing left to plan/);
    expect((await fresh.db.prisma.campaign.findFirstOrThrow({ where: { title: 'Quick One' } })).state).toBe(
      'cancelled',
    );
  });
});
