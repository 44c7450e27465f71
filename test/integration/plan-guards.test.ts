import { beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { describeEachBackend } from '../support/databases.ts';

// A US campaign started on 10 January 2027 (12:00 UTC, 07:00 in New York) for Monday 15 March 2027.
const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const START_UK =
  '/preorder start title:"Second Book" isbn:0-8044-2957-X release:2027-03-15 marketplace:UK timezone:Europe/London';

describeEachBackend(
  'a plan that follows the member: guarded steps, the daily PO check, honest short notice',
  (backend) => {
    const fresh = freshDatabase(backend);
    let chat: Chat;
    beforeEach(async () => {
      chat = createChat(fresh.db);
    });

    const progress = () => fresh.db.prisma.milestoneProgress.findMany({ orderBy: { milestoneId: 'asc' } });

    describe('done kdp-publish before its window', () => {
      it('asks first, with the reason, and the plain command changes nothing', async () => {
        await chat.say('you', START);
        const before = await chat.counts();
        const { reply, text } = await chat.say('you', '/preorder done kdp-publish');
        expect(reply.tone).toBe('question');
        expect(reply.title).toBe('Publish on KDP before the window?');
        expect(text).toContain(
          'opens Fri 12 Mar 2027, 23:00 EST (America/New_York), 48 hours before release day begins',
        );
        expect(text).toContain('only works while the book is not yet published on KDP');
        expect(reply.actions[0]!.command).toMatch(/^\/preorder done kdp-publish campaign:[0-9a-f-]{36} confirm:yes$/);
        expect(await chat.counts()).toEqual(before);

        const confirmed = await chat.say('you', reply.actions[0]!.command);
        expect(confirmed.reply.title).toBe('Step done');
        expect((await progress()).map((p) => p.milestoneId)).toEqual(['kdp-publish']);
      });

      it('marks it without asking once the window is open', async () => {
        await chat.say('you', START);
        chat.clock.set('2027-03-13T05:00:00Z');
        expect((await chat.say('you', '/preorder done kdp-publish')).reply.title).toBe('Step done');
      });
    });

    describe('snooze', () => {
      it('cannot set a reminder before the window opens, and says when it opens', async () => {
        await chat.say('you', START);
        await chat.say('you', '/preorder done listing-live');
        await chat.say('you', '/preorder done kdp-files-ready');
        const { reply, text } = await chat.say('you', '/preorder snooze kdp-publish for:tomorrow');
        expect(reply.problem).toMatchObject({ field: 'milestone', code: 'invalid' });
        expect(text).toContain('The window for "Press Publish on KDP" opens Fri 12 Mar 2027, 23:00 EST');
        expect(await fresh.db.prisma.reminder.count({ where: { kind: 'snooze' } })).toBe(0);
      });

      it('cannot snooze a step waiting on another, and names what comes first', async () => {
        await chat.say('you', START);
        const { reply, text } = await chat.say('you', '/preorder snooze listing-live');
        expect(reply.problem).toMatchObject({ field: 'milestone' });
        expect(text).toContain('cannot start before add your book in Amazon Advantage');
        expect(await fresh.db.prisma.reminder.count({ where: { kind: 'snooze' } })).toBe(0);
      });
    });

    describe('the daily PO check', () => {
      it('is confirmed a day at a time, shows in status, and can be withdrawn for today', async () => {
        await chat.say('you', START);
        const early = await chat.say('you', '/preorder done confirm-pos');
        expect(early.reply.problem).toMatchObject({ field: 'milestone' });
        expect(early.text).toContain('/preorder done listing-live');

        await chat.say('you', '/preorder done listing-live');
        for (const day of ['2027-01-11', '2027-01-12', '2027-01-14']) {
          chat.clock.set(`${day}T15:00:00Z`);
          const done = await chat.say('you', '/preorder done confirm-pos');
          expect(done.reply.title).toBe('Confirmed for today');
        }
        expect((await chat.say('you', '/preorder done confirm-pos')).reply.title).toBe('Already confirmed today');
        const rows = await fresh.db.prisma.poConfirmation.findMany({ orderBy: { day: 'asc' } });
        expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toEqual(['2027-01-11', '2027-01-12', '2027-01-14']);
        // No progress row: the step itself stays open until the day before release.
        expect((await progress()).map((p) => p.milestoneId)).toEqual(['listing-live']);

        const status = await chat.say('you', '/preorder status');
        expect(status.text).toContain('Daily PO check: confirmed on 3 of the last 4 days; done for today.');
        expect(status.text).toContain('[now] Confirm new purchase orders (confirm-pos)');

        const undone = await chat.say('you', '/preorder undo confirm-pos');
        expect(undone.reply.title).toBe('Step reopened');
        expect(await fresh.db.prisma.poConfirmation.count()).toBe(2);
        expect((await chat.say('you', '/preorder status')).text).toContain('not yet confirmed today');
      });

      it('is never overdue or missed: it ends quietly the hour before release day', async () => {
        await chat.say('you', START);
        await chat.say('you', '/preorder done listing-live');
        chat.clock.set('2027-03-15T10:00:00Z');
        const { text } = await chat.say('you', '/preorder status');
        expect(text).toContain('[ended] Confirm new purchase orders (confirm-pos)');
        expect(text).not.toMatch(/Missed windows: .*confirm-pos/);
        const late = await chat.say('you', '/preorder done confirm-pos');
        expect(late.text).toContain('ended an hour before release day began');
      });
    });

    describe('release eve and release day', () => {
      async function diligent() {
        await chat.say('you', START);
        for (const step of [
          'aa-account',
          'aa-add-item',
          'aa-images',
          'aa-sales-copy',
          'listing-live',
          'kdp-files-ready',
        ]) {
          await chat.say('you', `/preorder done ${step}`);
        }
        chat.clock.set('2027-03-13T05:00:00Z');
        await chat.say('you', '/preorder done kdp-publish');
      }

      it('points at zero-out, then the support ticket, never the daily PO check', async () => {
        await diligent();
        chat.clock.set('2027-03-14T16:00:00Z'); // 12:00 EDT on release eve
        expect((await chat.say('you', '/preorder status')).text).toMatch(
          /Next: Zero out your confirmed purchase orders \(zero-out-pos\)/,
        );
        chat.clock.set('2027-03-15T01:30:00Z'); // 21:30 EDT
        const zeroed = await chat.say('you', '/preorder done zero-out-pos');
        expect(zeroed.text).toMatch(
          /Next: Ask Amazon Advantage to hand the title over to KDP \(support-ticket\) — now, until/,
        );
        expect(zeroed.text).not.toMatch(/Next: Confirm new purchase orders/);
      });

      it('a correct run shows no missed window and nothing overdue on release day', async () => {
        await diligent();
        chat.clock.set('2027-03-14T15:00:00Z');
        await chat.say('you', '/preorder done confirm-pos');
        chat.clock.set('2027-03-15T01:30:00Z');
        await chat.say('you', '/preorder done zero-out-pos');
        await chat.say('you', '/preorder done support-ticket');
        chat.clock.set('2027-03-15T14:00:00Z');
        const { reply, text } = await chat.say('you', '/preorder status');
        expect(text).not.toContain('Missed windows');
        expect(text).not.toContain('[overdue]');
        expect(reply.tone).toBe('info');
        expect(text).toMatch(/Next: Watch the listing switch on release day \(release-day\)/);
      });

      it('drafts the support ticket true to each site and to what is marked', async () => {
        await chat.say('you', START);
        await chat.say('you', START_UK);
        chat.clock.set('2027-03-15T01:30:00Z');
        const us = await chat.say('you', '/preorder status campaign:"The Salt Road"');
        expect(us.text).toContain(
          'Support ticket text, ready to paste: Hello, please close/cancel the title "The Salt Road"',
        );
        // Nothing marked yet: the draft claims neither a publish nor a zero-out.
        expect(us.text).not.toMatch(/0 units|I have published/);
        await chat.say('you', '/preorder done kdp-publish campaign:"The Salt Road"');
        await chat.say('you', '/preorder done zero-out-pos campaign:"The Salt Road"');
        const marked = await chat.say('you', '/preorder status campaign:"The Salt Road"');
        expect(marked.text).toMatch(
          /I have published the print edition through KDP \(it may still be in KDP's review\)/,
        );
        expect(marked.text).toContain('I have re-confirmed all of its purchase orders with 0 units.');

        chat.clock.set('2027-03-14T21:30:00Z'); // 21:30 GMT, in the UK window
        const uk = await chat.say('you', '/preorder status campaign:"Second Book"');
        const draft = uk.text.split('\n').find((line) => line.startsWith('Support ticket text, ready to paste:'))!;
        expect(draft).toContain('on Amazon.co.uk');
        expect(draft).toContain('confirmed with the "Cancelled: Not yet available" option');
        expect(draft).not.toMatch(/0 units|zero/i);
      });
    });

    describe("short notice: start, edit and the moderators' shift run the same check", () => {
      it('edit to tomorrow says the listing cannot be live in time, never shows Publish as next, and reminds about Advantage', async () => {
        await chat.say('you', START);
        await chat.say('you', '/preorder done aa-add-item');
        const { reply, text } = await chat.say('you', '/preorder edit release:2027-01-11');
        expect(reply.tone).toBe('warning');
        expect(text).toContain(
          'listing cannot reasonably be live before the KDP publish window for Mon 11 Jan 2027 opens',
        );
        expect(text).toMatch(
          /move the release date to \w{3} 1\d Jan 2027 or later, in Advantage as well as here \(\/preorder edit release:2027-01-1\d\)/,
        );
        expect(text).toContain('Change the publish date of your item in Amazon Advantage to Mon 11 Jan 2027 as well');
        expect(text).not.toMatch(/Next: Press Publish on KDP/);
        // Release is tomorrow, so tonight's PO window is what comes next.
        expect(text).toMatch(/Next: Zero out your confirmed purchase orders \(zero-out-pos\)/);
      });

      it('a moderator shift to a close date warns the moderator and reminds the member about Advantage', async () => {
        await chat.say('you', START);
        await chat.say('you', '/preorder done aa-add-item');
        const shifted = await chat.say(
          'you',
          '/preorder-admin campaign title:"The Salt Road" action:shift release:2027-01-12',
        );
        expect(shifted.text).toContain(
          'listing cannot reasonably be live before the KDP publish window for Tue 12 Jan 2027 opens',
        );
        expect(shifted.text).toContain(
          'Change the publish date of your item in Amazon Advantage to Tue 12 Jan 2027 as well',
        );
        const notice = await fresh.db.prisma.reminder.findFirstOrThrow({ where: { kind: 'moderator-change' } });
        expect(notice.payload).toMatchObject({ change: 'shifted', to: '2027-01-12' });
      });

      it('start on a date whose window already opened explains the options and is still created', async () => {
        const { reply, text } = await chat.say(
          'you',
          '/preorder start title:"Rush Job" isbn:9780143127741 release:2027-01-12 timezone:UTC',
        );
        expect(reply.tone).toBe('warning');
        expect(text).toContain('Amazon also reviews a new Advantage account before approving it');
        expect(text).toContain('/preorder faq aa-vs-ingram');
        expect(await fresh.db.prisma.campaign.count()).toBe(1);
      });
    });
  },
);
