import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { seedReminders } from '../support/reminder-seed.ts';
import { FAKE_TEAM } from '../support/fake-slack.ts';
import { advanceTo, buttonsOf, posted, startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const ANNOUNCE = 'C0ANNOUNCE';

type Answer = { response_type?: string; text?: string; blocks?: unknown[] };

describeEachBackend('Slack reminders: DMs with buttons, refused DMs and rate limits', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  afterEach(async () => {
    await s.close();
  });

  async function boot(now?: string): Promise<void> {
    s = await startSlackBot(fresh.db, now ? { now } : {});
    await s.bot.app.store.ensureCommunity('slack', FAKE_TEAM.id, {
      name: FAKE_TEAM.name,
      defaultTimeZone: 'UTC',
      announcementChannelId: ANNOUNCE,
    });
  }

  async function say(text: string): Promise<Answer> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    await s.slack.command(SAM, text, { responseId: id });
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return answer as Answer;
  }

  async function press(button: { action_id: string; value: string }): Promise<Answer> {
    const id = `p-${Math.random().toString(36).slice(2)}`;
    const sent = await s.slack.press(SAM, button, { responseId: id });
    expect(sent.status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), 'press');
    return answer as Answer;
  }

  it('a reminder DM goes out when its time comes, with Done, Snooze and FAQ buttons that work', async () => {
    await boot();
    await say(START);
    await s.bot.sweeper.drain();
    const [start] = posted(s);
    expect(s.fake.callsTo('conversations.open').map((c) => [c.params.users, c.token?.slice(0, 5)])).toEqual([
      [SAM.id, 'xoxb-'],
    ]);
    expect(start!.channel).toBe(`D${SAM.id}`);
    expect(start!.text).toContain('Time to start: 2 first steps for "The Salt Road"');
    const startButtons = buttonsOf(start!.blocks);
    expect(startButtons.map((b) => b.text.text)).toEqual([
      'Done: Open an Amazon Advantage account',
      'Done: Get your print files ready on KDP',
      'Snooze 1 h',
      'Snooze 3 h',
      'Tomorrow 09:00',
      'What does this mean?',
    ]);

    // Snooze 3 h: the first step comes back three hours later, as a DM of its own.
    const snoozed = await press(startButtons.find((b) => b.text.text === 'Snooze 3 h')!);
    expect(snoozed.response_type).toBe('ephemeral');
    expect(snoozed.text).not.toMatch(/^✗/);
    const snooze = await fresh.db.prisma.reminder.findFirstOrThrow({ where: { kind: 'snooze' } });
    expect([snooze.milestoneId, snooze.dueAt.toISOString()]).toEqual(['aa-account', '2027-01-10T15:00:00.000Z']);
    s.fake.clear();
    await advanceTo(s, '2027-01-10T14:59:59Z');
    expect(posted(s, `D${SAM.id}`)).toEqual([]);
    await advanceTo(s, '2027-01-10T15:00:00Z');
    expect(posted(s, `D${SAM.id}`).map((p) => p.text.split('\n')[0])).toEqual([
      'Snoozed reminder: Open an Amazon Advantage account',
    ]);

    // What does this mean? answers with the FAQ topic; Done marks the step.
    const faq = await press(startButtons.find((b) => b.text.text === 'What does this mean?')!);
    expect(faq.text).not.toMatch(/^✗/);
    const done = await press(startButtons[0]!);
    expect(done.text).not.toMatch(/^✗/);
    const marks = async () =>
      (await fresh.db.prisma.milestoneProgress.findMany({ orderBy: { markedAt: 'asc' } })).map((p) => [
        p.milestoneId,
        p.status,
      ]);
    expect(await marks()).toEqual([['aa-account', 'done']]);
    // The App Home follows the change.
    await s.fake.waitFor(() => s.fake.callsTo('views.publish').length > 0, 'views.publish after Done');

    // Next morning at 09:00 New York (14:00Z), not before: one message, a Done button per line.
    s.fake.clear();
    const mornings = () => posted(s, `D${SAM.id}`).filter((p) => p.text.includes('Today for "The Salt Road"'));
    await advanceTo(s, '2027-01-11T13:59:59Z');
    expect(mornings()).toEqual([]);
    await advanceTo(s, '2027-01-11T14:00:00Z');
    const [morning] = mornings();
    expect(mornings()).toHaveLength(1);
    const morningButtons = buttonsOf(morning!.blocks);
    expect(morningButtons.map((b) => b.text.text)).toEqual([
      'Done: Add your book in Amazon Advantage',
      'Done: Get your print files ready on KDP',
      'Status',
    ]);
    const added = await press(morningButtons[0]!);
    expect(added.text).not.toMatch(/^✗/);
    expect(await marks()).toEqual([
      ['aa-account', 'done'],
      ['aa-add-item', 'done'],
    ]);
  });

  it('a refused DM (cannot_dm_bot): no retry, moderators told, critical steps posted with exactly one mention', async () => {
    await boot('2027-03-11T12:00:00Z');
    s.fake.fail('conversations.open', { error: 'cannot_dm_bot', times: 100 });
    await say(START);
    await s.bot.sweeper.drain();
    expect(s.fake.callsTo('conversations.open')).toHaveLength(1);
    const member = await fresh.db.prisma.member.findFirstOrThrow({ where: { externalId: SAM.id } });
    expect(member.dmsClosedAt?.toISOString()).toBe('2027-03-11T12:00:00.000Z');
    const [notice] = posted(s, ANNOUNCE);
    expect(notice!.text).toContain('For moderators: Direct messages to sam are blocked');
    expect(notice!.text).not.toMatch(/<@/);

    s.fake.clear();
    // The publish window opens (00:00 New York on the 13th) with the listing and the files
    // unmarked: its critical 'blocked' DM is posted instead (the mornings before it are not critical).
    await advanceTo(s, '2027-03-13T04:00:00Z');
    expect(s.fake.callsTo('conversations.open')).toEqual([]);
    const posts = posted(s, ANNOUNCE);
    expect(posts.map((p) => p.text.split('\n')[0])).toEqual([
      `<@${SAM.id}> ! Press Publish on KDP: waiting on 2 steps (for sam)`,
    ]);
    const post = posts[0]!;
    expect(post.text.match(/<@/g)).toHaveLength(1);
    expect(JSON.stringify(post.blocks).match(/<@/g)).toHaveLength(1);
    expect(JSON.stringify(post)).not.toMatch(/<!(?!date\^)/);
    const [blocked] = await fresh.db.prisma.reminder.findMany({
      where: { milestoneId: 'kdp-publish', kind: 'blocked' },
    });
    expect(blocked).toMatchObject({ state: 'sent', deliveredVia: 'channel-fallback', attempts: 1 });
  });

  it('a 429 with Retry-After is not slept through: the retry is scheduled after it, then delivered', async () => {
    await boot();
    s.fake.fail('chat.postMessage', { status: 429, headers: { 'retry-after': '30' } });
    await say(START);
    const started = performance.now();
    await s.bot.sweeper.drain();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const [row] = await fresh.db.prisma.reminder.findMany({ where: { kind: 'start' } });
    // A rate limit is not an attempt.
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    expect(row!.lastError).toMatch(/^rate-limited/);
    expect(row!.runAt.getTime()).toBeGreaterThanOrEqual(s.clock.now().getTime() + 30_000);

    s.clock.set(new Date(row!.runAt.getTime() - 1));
    await s.bot.sweeper.drain();
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(1);
    s.clock.set(row!.runAt);
    await s.bot.sweeper.drain();
    expect(posted(s).map((p) => p.text.split('\n')[0])).toEqual([
      'Time to start: 2 first steps for "The Salt Road"',
      'Time to start: 2 first steps for "The Salt Road"',
    ]);
    expect(await fresh.db.prisma.reminder.findFirstOrThrow({ where: { kind: 'start' } })).toMatchObject({
      state: 'sent',
    });
  });

  it('three 429s against 300 due reminders: every one delivered once, none failed, no attempt spent', async () => {
    await boot();
    const { id: communityId } = await fresh.db.prisma.community.findFirstOrThrow({
      where: { externalId: FAKE_TEAM.id },
    });
    const keys = await seedReminders(fresh.db.sql, {
      communityId,
      prefix: 'rl',
      count: 300,
      when: 'due',
      now: s.clock.now(),
      platform: 'slack',
    });
    s.fake.fail('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, times: 3 });
    const seeded = { key: { startsWith: 'rl-' } };
    for (let i = 0; i < 20 && (await fresh.db.prisma.reminder.count({ where: { ...seeded, state: 'pending' } })); i++) {
      await s.bot.sweeper.drain();
      s.clock.advance(1_000);
    }
    const rows = await fresh.db.prisma.reminder.findMany({ where: seeded });
    expect(rows.filter((r) => r.state !== 'sent' || r.attempts !== 1).map((r) => [r.state, r.attempts])).toEqual([]);
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(303);
    const sent = posted(s, ANNOUNCE).map((p) => /Direct messages to (rl-\d+) are blocked/.exec(p.text)?.[1]);
    expect(sent.slice(3).sort()).toEqual(keys);
  });

  it('a network-level failure is transient (retried later); an unknown Slack error is permanent', async () => {
    await boot();
    s.fake.fail('chat.postMessage', { status: 503 });
    await say(START);
    await s.bot.sweeper.drain();
    const [row] = await fresh.db.prisma.reminder.findMany({ where: { kind: 'start' } });
    expect(row).toMatchObject({ state: 'pending' });
    expect(row!.lastError).toMatch(/^transient: HTTP 503/);
    s.fake.fail('chat.postMessage', { error: 'channel_not_found' });
    s.clock.set(row!.runAt);
    await s.bot.sweeper.drain();
    const failed = await fresh.db.prisma.reminder.findFirstOrThrow({ where: { kind: 'start' } });
    expect(failed).toMatchObject({ state: 'failed' });
    expect(failed.lastError).toMatch(/^permanent: channel_not_found/);
  });
});
