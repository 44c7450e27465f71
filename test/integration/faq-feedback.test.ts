import { describe, expect, it } from 'vitest';
import { getFaqEntry } from '../../src/core/faq/index.ts';
import type { Actor } from '../../src/app/ports.ts';
import { createChat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';

/** Nothing in the catalogue speaks of this; a moderator teaches it. */
const UNKNOWN = 'will the zon giant sponsor my narrator';
const shortIds = (text: string) => [...text.matchAll(/^• ([0-9a-f]{8}): /gm)].map((m) => m[1]!);

describeEachBackend('FAQ feedback loop', (backend) => {
  const fresh = freshDatabase(backend);

  it('keeps a question it could not answer, once, with the member, the guess and when', async () => {
    const chat = createChat(fresh.db);
    const first = await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    expect(first.reply.title).toBe('Not sure I know that one');
    expect(first.text).toContain("I've kept your question");
    await chat.say('bo', `/preorder ask ${UNKNOWN.toUpperCase()}`);
    const rows = await fresh.db.prisma.faqQuestion.findMany({ include: { member: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe(UNKNOWN);
    expect(rows[0]!.member?.displayName).toBe('ada');
    expect(rows[0]!.askedAt.toISOString()).toBe('2027-01-10T12:00:00.000Z');
    expect(rows[0]!.status).toBe('open');
  });

  it('answers greetings and gibberish with examples and never keeps them', async () => {
    const chat = createChat(fresh.db);
    for (const noise of ['hello', 'asdf;lkj qwe', '))))((((', 'clear', 'thanks!']) {
      const answered = await chat.say('ada', `/preorder ask ${noise}`);
      expect(answered.reply.title, noise).toBe('Ask me about print pre-orders');
      expect(answered.text).toContain('/preorder ask how much does Advantage cost?');
      expect(answered.text).not.toContain("I've kept");
    }
    expect(await fresh.db.prisma.faqQuestion.count()).toBe(0);
  });

  it('asks back between close topics with both as buttons, and keeps the question', async () => {
    const chat = createChat(fresh.db);
    const asked = await chat.say('ada', '/preorder ask does the zon giant bill me every single year');
    expect(asked.reply.title).toBe('Did you mean…?');
    expect(asked.reply.actions.map((a) => a.command)).toEqual([
      '/preorder faq aa-fee',
      '/preorder faq close-aa-account',
    ]);
    expect(asked.text).toContain("I've kept your question");
    const presser = {
      platform: 'console',
      userExternalId: 'member:ada',
      displayName: 'ada',
      platformAdmin: false,
      roleIds: [],
    } as const;
    const pressed = await chat.app.dispatcher.dispatchAction(
      { ...presser, roleIds: [] },
      asked.reply.actions[0]!.command,
    );
    expect(pressed.title).toBe(getFaqEntry('aa-fee').title);
    expect(await fresh.db.prisma.faqQuestion.count()).toBe(1);
  });

  it('/preorder faq with no topic lists every topic', async () => {
    const chat = createChat(fresh.db);
    const list = await chat.say('ada', '/preorder faq');
    expect(list.reply.title).toBe('FAQ topics (30)');
    for (const id of ['aa-fee', 'setup-lead-time', 'kdp-proof']) expect(list.text).toContain(`• ${id}: `);
  });

  it('does not keep questions it answered confidently, nor questions asked in a DM', async () => {
    const chat = createChat(fresh.db);
    const confident = await chat.say('ada', '/preorder ask When should I hit publish on KDP?');
    expect(confident.reply.title).toBe(getFaqEntry('kdp-publish-timing').title);
    const dm: Actor = { ...chat.actor('ada'), communityExternalId: 'dm' };
    await chat.app.dispatcher.dispatchText(dm, `/preorder ask ${UNKNOWN}`);
    expect(await fresh.db.prisma.faqQuestion.count()).toBe(0);
  });

  it('promoting a question to a topic changes what ask returns in this community only', async () => {
    const chat = createChat(fresh.db);
    await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    const list = await chat.say('you', '/preorder-admin unanswered');
    expect(list.reply.title).toBe('Unanswered questions (1)');
    expect(list.text).toContain(UNKNOWN);
    const [id] = shortIds(list.text);
    expect(id).toBeDefined();

    const promoted = await chat.say('you', `/preorder-admin unanswered promote:${id} topic:aa-fee`);
    expect(promoted.reply.tone).toBe('success');
    const after = await chat.say('bo', `/preorder ask ${UNKNOWN}`);
    expect(after.reply.title).toBe(getFaqEntry('aa-fee').title);
    expect(await fresh.db.prisma.faqQuestion.count({ where: { status: 'open' } })).toBe(0);

    const elsewhere: Actor = { ...chat.actor('bo'), communityExternalId: 'another-server' };
    const other = await chat.app.dispatcher.dispatchText(elsewhere, `/preorder ask ${UNKNOWN}`);
    expect(other.title).toBe('Not sure I know that one');

    const audit = await fresh.db.prisma.auditEntry.findMany({ where: { action: 'faq.alias-added' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe('console:you');
    expect(audit[0]!.details).toMatchObject({ topic: 'aa-fee', question: UNKNOWN });
  });

  it('dismissing takes a question off the list without teaching anything', async () => {
    const chat = createChat(fresh.db);
    await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    const [id] = shortIds((await chat.say('you', '/preorder-admin unanswered')).text);
    const dismissed = await chat.say('you', `/preorder-admin unanswered dismiss:${id}`);
    expect(dismissed.reply.title).toBe('Question dismissed');
    expect((await chat.say('you', '/preorder-admin unanswered')).reply.title).toBe('No unanswered questions');
    expect(await fresh.db.prisma.faqAlias.count()).toBe(0);
    const again = await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    expect(again.reply.title).toBe('Not sure I know that one');
  });

  it('refuses unknown ids and mixed requests, naming the field and changing nothing', async () => {
    const chat = createChat(fresh.db);
    await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    const unknown = await chat.say('you', '/preorder-admin unanswered promote:ffffffff topic:aa-fee');
    expect(unknown.reply.problem).toMatchObject({ field: 'promote', code: 'not-found' });
    const both = await chat.say('you', '/preorder-admin unanswered promote:ffff dismiss:ffff');
    expect(both.reply.problem?.field).toBe('promote');
    const badId = await chat.say('you', '/preorder-admin unanswered dismiss:"not an id"');
    expect(badId.reply.problem?.field).toBe('dismiss');
    expect(await fresh.db.prisma.faqQuestion.count({ where: { status: 'open' } })).toBe(1);
    expect(await fresh.db.prisma.faqAlias.count()).toBe(0);
  });

  it('faq-edit overrides an answer for this community and keeps every earlier version', async () => {
    const chat = createChat(fresh.db);
    const standard = getFaqEntry('aa-fee').answer;
    await chat.say('you', '/preorder-admin faq-edit topic:aa-fee text:"Version one of our answer."');
    chat.clock.advance(60_000);
    const second = await chat.say('you', '/preorder-admin faq-edit topic:aa-fee text:"Version two of our answer."');
    expect(second.reply.tone).toBe('success');
    expect(second.text).toContain('Earlier version 1');
    expect(second.text).toContain('Version one of our answer.');
    // Who edited is the reader's "you" (or the editor's name), never their platform id.
    expect(second.text).toMatch(/ by you: Version two of our answer\./);
    expect(second.text).not.toContain('console:');

    const asked = await chat.say('ada', '/preorder faq aa-fee');
    expect(asked.text).toContain('Version two of our answer.');
    expect(asked.text).not.toContain(standard);
    const elsewhere: Actor = { ...chat.actor('ada'), communityExternalId: 'another-server' };
    expect((await chat.app.dispatcher.dispatchText(elsewhere, '/preorder faq aa-fee')).fallback).toContain(standard);

    await chat.say('you', '/preorder-admin faq-edit topic:aa-fee reset:on');
    expect((await chat.say('ada', '/preorder faq aa-fee')).text).toContain(standard);
    const versions = await fresh.db.prisma.faqAnswerVersion.findMany({ orderBy: { id: 'asc' } });
    expect(versions.map((v) => v.text)).toEqual(['Version one of our answer.', 'Version two of our answer.', null]);
    const actions = (await fresh.db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['faq.answer-edited', 'faq.answer-edited', 'faq.answer-reset']);
  });

  it('is for moderators only: members are refused and nothing is written', async () => {
    const chat = createChat(fresh.db);
    await chat.say('ada', `/preorder ask ${UNKNOWN}`);
    for (const line of [
      '/preorder-admin unanswered',
      '/preorder-admin unanswered dismiss:ffffffff',
      '/preorder-admin faq-edit topic:aa-fee text:"mine now"',
    ]) {
      const { reply } = await chat.say('bo', line);
      expect(reply.problem, line).toMatchObject({ field: 'permission', code: 'forbidden' });
    }
    expect(await fresh.db.prisma.faqAnswerVersion.count()).toBe(0);
    expect(await fresh.db.prisma.faqQuestion.count({ where: { status: 'open' } })).toBe(1);
  });
});

describe('FAQ answers from a DM', () => {
  it('the FaqService answers from the catalogue without a community', async () => {
    const { FaqService } = await import('../../src/app/faq/service.ts');
    const faq = new FaqService();
    const reply = await faq.askIn(null, UNKNOWN);
    expect(reply.title).toBe('Not sure I know that one');
    expect(reply.fallback).not.toContain("I've kept");
  });
});
