import ical from 'node-ical';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

describeEachBackend('calendar feeds on the Slack HTTP receiver', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot(fresh.db);
    s.fake.addUser({ id: SAM.id, name: SAM.name });
  });
  afterEach(async () => {
    await s.close();
  });

  async function command(text: string): Promise<string> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    expect((await s.slack.command(SAM, text, { responseId: id })).status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return JSON.stringify(answer);
  }

  it('serves the feed from the same server as /slack/events, unsigned, and starts no server of its own', async () => {
    expect(s.bot.feeds.server).toBeNull();
    expect(s.bot.feeds.baseUrl).toBe(s.base);
    await command(START);
    const answer = await command('calendar-feed');
    const url = new RegExp(`${s.base.replace(/[.]/g, '\\.')}/calendar/[A-Za-z0-9_-]{43}\\.ics`).exec(answer)?.[0];
    expect(url, answer).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT');
    expect(events.length).toBeGreaterThan(10);
    expect((await fetch(`${s.base}/calendar/${'C'.repeat(43)}.ics`)).status).toBe(404);
    // The token is a secret: no log line carries it.
    const token = url!.split('/calendar/')[1]!.replace('.ics', '');
    expect(s.logs.join('\n')).not.toContain(token);
  }, 60_000);
});
