import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { testBackends } from '../support/databases.ts';
import { kdpPlanSteps } from '../support/plan-steps.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

for (const backend of testBackends()) {
  describe(`campaign commands through dispatch (${backend.name})`, () => {
    let db: Database;
    let chat: Chat;

    beforeAll(async () => {
      db = await backend.open();
    });
    afterAll(async () => {
      await db.close();
    });

    it('starts a campaign, replies with the whole plan and audits it', async () => {
      chat = createChat(db);
      const { reply, text } = await chat.say('you', START);
      expect(reply.tone).toBe('success');
      expect(reply.title).toBe('Pre-order plan for "The Salt Road"');
      const ids = reply.fields.map((f) => /\(([a-z-]+)\)$/.exec(f.label)?.[1]);
      expect(ids).toEqual(kdpPlanSteps());
      expect(text).toMatch(/do not publish or approve the book on KDP yet/i);
      // kdp-publish opens 48 real hours before midnight starting 15 March in New York (EDT from 14 March).
      // The zone is named once (on the release date at the top); the times carry its abbreviation.
      expect(text).toContain('Amazon US (amazon.com) · KDP · release Mon 15 Mar 2027 (America/New_York)');
      expect(text).toContain('Fri 12 Mar 2027, 23:00 EST until Sat 13 Mar 2027, 11:00 EST');
      expect(text.match(/America\/New_York/g)).toHaveLength(1);
      const stored = await db.prisma.campaign.findFirstOrThrow({ include: { member: true } });
      expect(stored).toMatchObject({
        title: 'The Salt Road',
        isbn13: '9780306406157',
        isbn10: '0306406152',
        marketplace: 'US',
        printer: 'kdp',
        timeZone: 'America/New_York',
        state: 'active',
      });
      expect(stored.member.displayName).toBe('you');
      expect(await chat.counts()).toEqual({ campaigns: 1, progress: 0, audit: 1 });
    });

    it('shows status with the listing link and the next step', async () => {
      const { text } = await chat.say('you', '/preorder status');
      expect(text).toContain('Status of "The Salt Road"');
      expect(text).toContain('https://www.amazon.com/dp/0306406152');
      expect(text).toMatch(/Next: .*\(aa-account\)/);
    });

    it('marks, skips and undoes steps, auditing each change', async () => {
      expect((await chat.say('you', '/preorder done aa-account')).reply.title).toBe('Step done');
      expect((await chat.say('you', '/preorder done aa-account')).reply.title).toBe('Already done');
      expect((await chat.say('you', '/preorder skip milestone:aa-sales-copy campaign:"salt road"')).reply.title).toBe(
        'Step skipped',
      );
      const undo = await chat.say('you', '/preorder undo aa-sales-copy');
      expect(undo.reply.title).toBe('Step reopened');
      const rows = await db.prisma.milestoneProgress.findMany();
      expect(rows.map((r) => [r.milestoneId, r.status, r.markedBy])).toEqual([['aa-account', 'done', 'console:you']]);
      const actions = (await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
      expect(actions).toEqual(['campaign.started', 'milestone.done', 'milestone.skipped', 'milestone.undone']);
    });

    it('refuses a step that is not in this plan and names the valid ones', async () => {
      const before = await chat.counts();
      const { reply, text } = await chat.say('you', '/preorder done check-unconfirmed-pos');
      expect(reply.tone).toBe('error');
      expect(text).toContain('Problem with milestone');
      expect(text).toContain('zero-out-pos');
      expect(await chat.counts()).toEqual(before);
    });

    it('replans on a new release date and keeps done steps done', async () => {
      const { reply, text } = await chat.say('you', '/preorder edit release:2027-03-22');
      expect(reply.title).toBe('Updated "The Salt Road"');
      expect(text).toContain('Changed: Release date Mon 15 Mar 2027 → Mon 22 Mar 2027.');
      expect(text).toMatch(/Replanned: .*kdp-publish/);
      expect(text).not.toMatch(/Replanned: [^\n]*(?<![\w-])aa-account/);
      expect(text).toContain('[done] Open an Amazon Advantage account (aa-account)');
      const stored = await db.prisma.campaign.findFirstOrThrow();
      expect(stored.releaseDate.toISOString().slice(0, 10)).toBe('2027-03-22');
    });

    it("never lets a member touch another member's campaign", async () => {
      const before = await chat.counts();
      const { reply, text } = await chat.say('Sam', '/preorder done aa-images campaign:9780306406157');
      expect(reply.tone).toBe('error');
      expect(text).toContain('Problem with campaign');
      expect(text).toMatch(/another member's campaign/);
      const edit = await chat.say('Sam', '/preorder edit campaign:"The Salt Road" release:2027-05-01');
      expect(edit.text).toMatch(/another member's campaign/);
      expect(await chat.counts()).toEqual(before);
    });

    it('keeps moderator commands for moderators, checked on every call', async () => {
      const denied = await chat.say('Sam', '/preorder-admin campaigns');
      expect(denied.reply.tone).toBe('error');
      expect(denied.text).toContain('moderators only');
      const allowed = await chat.say('you', '/preorder-admin campaigns');
      expect(allowed.text).toContain('Active campaigns (1)');
      expect(allowed.text).toContain('1. you — The Salt Road');
      // A role the community configures makes a member a moderator, without any platform flag.
      const community = await db.prisma.community.findFirstOrThrow();
      await db.prisma.community.update({ where: { id: community.id }, data: { moderatorRoleIds: ['member:sam'] } });
      expect((await chat.say('Sam', '/preorder-admin campaigns')).reply.tone).toBe('info');
      await db.prisma.community.update({ where: { id: community.id }, data: { moderatorRoleIds: [] } });
      expect((await chat.say('Sam', '/preorder-admin campaigns')).reply.tone).toBe('error');
    });

    it('asks which campaign when a member has several', async () => {
      await chat.say(
        'you',
        '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-06-01 marketplace:UK timezone:London',
      );
      const { reply, text } = await chat.say('you', '/preorder status');
      expect(reply.tone).toBe('question');
      expect(text).toContain('The Salt Road');
      expect(text).toContain('Second Book');
      const uk = await chat.say('you', '/preorder status Second Book');
      expect(uk.reply.fields.map((f) => f.label).join(' ')).toContain('check-unconfirmed-pos');
      expect(uk.text).toContain('https://www.amazon.co.uk/dp/080442957X');
    });

    it('refuses a second active campaign for the same ISBN and marketplace', async () => {
      const before = await chat.counts();
      const { text } = await chat.say('you', START);
      expect(text).toContain('Problem with isbn');
      expect(text).toMatch(/already have an active US campaign/);
      expect(await chat.counts()).toEqual(before);
    });

    it('cancels a campaign, after asking, and keeps its history', async () => {
      const before = await chat.counts();
      const asked = await chat.say('you', '/preorder cancel Second Book');
      expect(asked.reply.tone).toBe('question');
      expect(await chat.counts()).toEqual(before);
      const { reply } = await chat.say('you', '/preorder cancel Second Book confirm:yes');
      expect(reply.title).toBe('Campaign cancelled');
      const stored = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Second Book' } });
      expect(stored.state).toBe('cancelled');
      expect(stored.endedAt).not.toBeNull();
    });

    it('completes a campaign when every required step is settled, and reopens on undo', async () => {
      await chat.say(
        'you',
        '/preorder start title:"Ingram Tale" isbn:9791090636071 release:2027-02-01 printer:ingramspark timezone:London',
      );
      const plan = await chat.say('you', '/preorder status Ingram Tale');
      expect(plan.reply.fields.map((f) => f.label)).toHaveLength(2);
      expect(plan.text).not.toContain('Listing check');
      await chat.say('you', '/preorder done ingram-preorder-setup campaign:"Ingram Tale"');
      const last = await chat.say('you', '/preorder done release-day campaign:"Ingram Tale"');
      expect(last.text).toContain('this campaign is complete');
      expect((await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Ingram Tale' } })).state).toBe('completed');
      await chat.say('you', '/preorder undo release-day campaign:"Ingram Tale"');
      expect((await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Ingram Tale' } })).state).toBe('active');
    });

    it('shows the last-evening steps and a ready-to-paste support ticket in their window', async () => {
      // Release moved to 22 March (New York): zero-out and the ticket run 21:00–23:00 / 21:00–24:00 local.
      chat.clock.set('2027-03-22T02:00:00Z');
      const { reply, text } = await chat.say('you', '/preorder status campaign:"The Salt Road"');
      expect(text).toContain('[now] Zero out your confirmed purchase orders (zero-out-pos)');
      expect(text).toContain('[overdue] Press Publish on KDP (kdp-publish)');
      expect(reply.tone).toBe('warning');
      expect(text).toMatch(/Support ticket text, ready to paste: .*"The Salt Road".*9780306406157.*2027-03-22/);
      chat.clock.set('2027-01-10T12:00:00Z');
    });

    it('accepts a release less than four days away, but says plainly the listing cannot be live in time', async () => {
      const { reply, text } = await chat.say(
        'you',
        '/preorder start title:"Rush Job" isbn:9780143127741 release:2027-01-12 timezone:UTC',
      );
      expect(reply.tone).toBe('warning');
      expect(text).toMatch(/listing cannot reasonably be live before the KDP publish window for Tue 12 Jan 2027 opens/);
      // Now is 10 Jan 12:00 UTC: the listing is expected by the 12th 12:00, so the 15th is the first date whose window opens after it.
      expect(text).toContain('move the release date to Fri 15 Jan 2027 or later');
      expect(text).toMatch(/IngramSpark/);
      expect(await db.prisma.campaign.count({ where: { title: 'Rush Job' } })).toBe(1);
    });

    it('asks for a time zone instead of planning in UTC when neither the command, the member nor the community gives one', async () => {
      const before = await chat.counts();
      const { reply, text } = await chat.say(
        'you',
        '/preorder start title:"No Zone" isbn:9780140449136 release:2027-06-01',
      );
      expect(reply.problem).toMatchObject({ field: 'timezone', code: 'required' });
      expect(text).toContain('America/New_York');
      expect(await chat.counts()).toEqual(before);
      // A zone the moderators chose is used, and the reply says so.
      await chat.say('you', '/preorder-admin settings timezone:Europe/London');
      const planned = await chat.say('you', '/preorder start title:"No Zone" isbn:9780140449136 release:2027-06-01');
      expect(planned.reply.title).toBe('Pre-order plan for "No Zone"');
      expect(planned.text).toContain("Planned in Europe/London, this community's default time zone");
    });
  });
}
