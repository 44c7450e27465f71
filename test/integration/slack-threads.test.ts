import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { FAKE_TEAM } from '../support/fake-slack.ts';
import { advanceTo, posted, startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const ADMIN = { id: 'U0ADMIN', name: 'ada' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const ANNOUNCE = 'C0ANNOUNCE';

describeEachBackend('Slack: a parent message per campaign, its posts in the thread', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  afterEach(async () => {
    await s.close();
  });

  async function say(text: string, command = '/preorder'): Promise<string> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    await s.slack.command(ADMIN, text, { responseId: id, command });
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return JSON.stringify(answer);
  }

  it('answers that events are Discord-only, then threads listing-live and release day under one updated parent', async () => {
    s = await startSlackBot(fresh.db, { now: '2027-03-11T12:00:00Z' });
    s.fake.addUser({ ...ADMIN, is_admin: true });
    await s.bot.app.store.ensureCommunity('slack', FAKE_TEAM.id, {
      name: FAKE_TEAM.name,
      defaultTimeZone: 'UTC',
      announcementChannelId: ANNOUNCE,
    });
    expect(await say('settings events:on', '/preorder-admin')).toMatch(/Discord only/);
    expect(await say('settings threads:on', '/preorder-admin')).toMatch(/Community settings updated/);

    await say(START);
    await s.bot.sweeper.drain();
    s.clock.set('2027-03-11T20:00:00Z');
    await say('done listing-live');
    await s.bot.sweeper.drain();

    const inChannel = () => posted(s, ANNOUNCE) as { channel: string; text: string; thread_ts?: string }[];
    const [parent, live, ...rest] = inChannel();
    expect(rest).toEqual([]);
    expect(parent!.thread_ts).toBeUndefined();
    expect(parent!.text).toContain('*The Salt Road* · Collecting pre-orders · At risk');
    expect(live!.text).toContain('Now on pre-order');
    const threadTs = live!.thread_ts;
    expect(threadTs).toBeDefined();

    await advanceTo(s, '2027-03-15T05:00:00Z');
    const updates = s.fake.callsTo('chat.update').map((c) => c.params as { ts: string; text: string });
    expect(updates.map((u) => [u.ts, u.text.split('\n')[0]])).toEqual([[threadTs, '📘 *The Salt Road* · Released']]);
    const later = inChannel().slice(2);
    expect(later.length).toBeGreaterThan(0);
    const release = later.find((p) => p.text.startsWith('✓ Release day'));
    expect(release?.thread_ts).toBe(threadTs);
    // The daily digest stays in the channel itself.
    const digest = later.find((p) => p.text.startsWith('Pre-order steps in the next 24 hours'));
    expect(digest).toBeDefined();
    expect(digest!.thread_ts).toBeUndefined();
  }, 60_000);
});
