import { freshDatabase } from '../support/fresh-database.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { testBackends } from '../support/databases.ts';

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

for (const backend of testBackends()) {
  describe(`button presses through dispatchAction (${backend.name})`, () => {
    const fresh = freshDatabase(backend);
    let chat: Chat;
    let campaignId: string;
    beforeEach(async () => {
      chat = createChat(fresh.db);
      await chat.say('you', START);
      campaignId = (await fresh.db.prisma.campaign.findFirstOrThrow()).id;
    });

    it("runs the owner's Done from a DM in the campaign's own community", async () => {
      const reply = await chat.app.dispatcher.dispatchAction(
        presser('you'),
        `/preorder done aa-account campaign:${campaignId}`,
      );
      expect(reply.tone).toBe('success');
      const progress = await fresh.db.prisma.milestoneProgress.findMany();
      expect(progress.map((p) => [p.milestoneId, p.status])).toEqual([['aa-account', 'done']]);
    });

    it("refuses a press naming another member's campaign and changes nothing", async () => {
      const before = await chat.counts();
      const reply = await chat.app.dispatcher.dispatchAction(
        presser('mallory'),
        `/preorder done aa-account campaign:${campaignId}`,
      );
      expect(reply.tone).toBe('error');
      expect(reply.fallback).toMatch(/belong to another member's campaign \(you\); only they can use them/);
      expect(await chat.counts()).toEqual(before);
      // A stranger's press leaves no trace of them.
      expect(await fresh.db.prisma.member.count({ where: { externalId: 'member:mallory' } })).toBe(0);
    });

    it('refuses commands a button never carries, and a campaign that is gone', async () => {
      const before = await chat.counts();
      for (const command of [
        `/preorder edit campaign:${campaignId} release:2027-04-01`,
        '/preorder-admin settings channel:off',
        '/preorder-admin export',
        `/preorder start title:"X" isbn:978-0-306-40615-7 release:2027-03-15`,
        'not a command',
      ]) {
        const reply = await chat.app.dispatcher.dispatchAction(presser('you'), command);
        expect(reply.tone, command).toBe('error');
        expect(reply.fallback, command).toMatch(/not one I know/);
      }
      const gone = await chat.app.dispatcher.dispatchAction(
        presser('you'),
        '/preorder done aa-account campaign:00000000-0000-4000-8000-000000000000',
      );
      expect(gone.fallback).toMatch(/no longer exists/);
      expect(await chat.counts()).toEqual(before);
    });

    it('runs a moderator button only where it was pressed, and only for a moderator', async () => {
      const fromDm = await chat.app.dispatcher.dispatchAction(presser('you'), '/preorder-admin campaigns');
      expect(fromDm.fallback).toMatch(/only work in the server/);
      const inServer = { communityExternalId: 'local', communityName: 'Test community' };
      const member = await chat.app.dispatcher.dispatchAction(
        { ...presser('bo'), community: inServer },
        '/preorder-admin campaigns',
      );
      expect(member.problem).toMatchObject({ field: 'permission', code: 'forbidden' });
      const moderator = await chat.app.dispatcher.dispatchAction(
        { ...presser('you'), platformAdmin: true, community: inServer },
        '/preorder-admin campaigns',
      );
      expect(moderator.tone).not.toBe('error');
    });

    it('refuses a press from another platform even by the same user id', async () => {
      const reply = await chat.app.dispatcher.dispatchAction(
        { ...presser('you'), platform: 'slack' },
        `/preorder done aa-account campaign:${campaignId}`,
      );
      expect(reply.tone).toBe('error');
      expect(await fresh.db.prisma.milestoneProgress.count()).toBe(0);
    });

    it('answers the FAQ button anywhere, but a community command from a DM needs its campaign', async () => {
      const faq = await chat.app.dispatcher.dispatchAction(presser('you'), '/preorder faq zero-out');
      expect(faq.tone).not.toBe('error');
      expect(faq.fallback.length).toBeGreaterThan(100);
      const status = await chat.app.dispatcher.dispatchAction(presser('you'), '/preorder status');
      expect(status.fallback).toMatch(/only works in the server/);
      const inServer = await chat.app.dispatcher.dispatchAction(
        { ...presser('you'), community: { communityExternalId: 'local' } },
        '/preorder status',
      );
      expect(inServer.fallback).toContain('The Salt Road');
    });
  });

  describe(`/preorder-admin settings (${backend.name})`, () => {
    let db: Database;
    let chat: Chat;

    beforeAll(async () => {
      db = await backend.open();
      chat = createChat(db);
    });
    afterAll(async () => {
      await db.close();
    });

    it('is refused to a member and changes nothing', async () => {
      const { reply } = await chat.say('ada', '/preorder-admin settings channel:#general');
      expect(reply.tone).toBe('error');
      expect(reply.fallback).toMatch(/moderators only/);
      const community = await db.prisma.community.findFirstOrThrow();
      expect(community.announcementChannelId).toBeNull();
    });

    it('lets a moderator set and clear the announcement channel, audited each time', async () => {
      const shown = await chat.say('you', '/preorder-admin settings');
      expect(shown.text).toMatch(/Announcement channel: none/);
      const set = await chat.say('you', '/preorder-admin settings channel:#book-news');
      expect(set.reply.tone).toBe('success');
      expect(set.text).toContain('Announcement channel: #book-news');
      expect((await db.prisma.community.findFirstOrThrow()).announcementChannelId).toBe('book-news');
      await chat.say('you', '/preorder-admin settings channel:off');
      expect((await db.prisma.community.findFirstOrThrow()).announcementChannelId).toBeNull();
      const audit = await db.prisma.auditEntry.findMany({
        where: { action: 'community.settings' },
        orderBy: { id: 'asc' },
      });
      expect(audit.map((a) => a.details)).toEqual([
        { announcementChannelId: { from: null, to: 'book-news' } },
        { announcementChannelId: { from: 'book-news', to: null } },
      ]);
      expect(audit.every((a) => a.actorId === 'console:you' && a.campaignId === null)).toBe(true);
    });

    it('names the field on a bad channel', async () => {
      const { reply } = await chat.say('you', '/preorder-admin settings channel:<@123456789012345678>');
      expect(reply.title).toBe('Problem with channel');
    });
  });
}
