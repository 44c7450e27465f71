import { afterEach, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/adapters/slack/scopes.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { FAKE_TEAM, FakeSlack, type FakeGrant } from '../support/fake-slack.ts';
import { advanceTo, BOT_TOKEN, startSlackBot, type SlackBot, type SlackBotOptions } from '../support/slack-harness.ts';

const CLIENT_ID = '1234567890.9876543210';
const CLIENT_SECRET = 'client-secret-0123456789abcdef';
const STATE_SECRET = 'state-secret-0123456789abcdef';
const OAUTH_ENV = { SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET };

const T2 = { id: 'T0SECOND', name: 'Second Shelf Writers', domain: 'secondshelf' };
const T2_TOKEN = 'xoxb-second-shelf-token-0123456789';
const T2_GRANT: FakeGrant = {
  token: T2_TOKEN,
  team: T2,
  bot: { userId: 'U0PALBOT2', botId: 'B0PALBOT2' },
  installerUserId: 'U0KIM',
  scopes: BOT_SCOPES,
};
const T2_KEY = `slack:installation:${T2.id}`;

const SAM = { id: 'U0SAM', name: 'sam' };
const KIM = { id: 'U0KIM', name: 'kim' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const START_T2 = 'start title:"Harbour Lights" isbn:978-0-306-40615-7 release:2027-03-15 timezone:Europe/London';

type Answer = { response_type?: string; text?: string };

describeEachBackend('Slack OAuth: one app installed in several workspaces', (backend) => {
  const fresh = freshDatabase(backend, { platformState: true });
  let s: SlackBot | undefined;
  const extra: SlackBot[] = [];

  afterEach(async () => {
    await s?.close();
    s = undefined;
    for (const bot of extra.splice(0)) await bot.close();
  });

  async function boot(options: SlackBotOptions = {}): Promise<SlackBot> {
    const fake = options.fake ?? (await FakeSlack.start());
    fake.acceptClient(CLIENT_ID, CLIENT_SECRET);
    return startSlackBot(fresh.db, { ...options, fake, env: { ...OAUTH_ENV, ...options.env } });
  }

  async function beginInstall(bot: SlackBot): Promise<{ res: Response; state: string; cookie: string }> {
    const res = await fetch(`${bot.base}/slack/install`, { redirect: 'manual' });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const state = new URL(res.headers.get('location') ?? 'http://invalid/').searchParams.get('state') ?? '';
    return { res, state, cookie };
  }

  async function finishInstall(bot: SlackBot, query: string, cookie?: string): Promise<Response> {
    return fetch(`${bot.base}/slack/oauth_redirect?${query}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
  }

  /** The whole flow for T2: install link, Slack's "Allow", the redirect back. */
  async function installT2(bot: SlackBot): Promise<Response> {
    const { state, cookie } = await beginInstall(bot);
    bot.fake.grant('code-t2', T2_GRANT);
    const res = await finishInstall(bot, `code=code-t2&state=${encodeURIComponent(state)}`, cookie);
    expect(res.status).toBe(200);
    return res;
  }

  async function say(bot: SlackBot, user: typeof SAM, text: string, team?: string, command?: string): Promise<Answer> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    const sent = await bot.slack.command(user, text, {
      responseId: id,
      ...(team ? { team } : {}),
      ...(command ? { command } : {}),
    });
    expect(sent.status).toBe(200);
    const [answer] = await bot.fake.waitFor(
      () => bot.fake.responsesTo(id).length > 0 && bot.fake.responsesTo(id),
      text,
    );
    return answer as Answer;
  }

  const stored = async () => {
    const row = await fresh.db.prisma.platformState.findUnique({ where: { key: T2_KEY } });
    return row ? (JSON.parse(row.value) as Record<string, unknown>) : null;
  };

  it('GET /slack/install redirects to Slack with the client id, the manifest scopes and a state cookie', async () => {
    s = await boot();
    const { res, state, cookie } = await beginInstall(s);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(s.adapter.describe()).toContain('more installed through /slack/install');
  });

  it('the redirect back with a valid state stores the installation; a missing or foreign state stores nothing', async () => {
    s = await boot({ logLevel: 'info' });
    // No state at all, a state from another browser, and a state we never signed.
    const first = await beginInstall(s);
    s.fake.grant('code-t2', T2_GRANT);
    const refusals = [
      await finishInstall(s, 'code=code-t2', first.cookie),
      await finishInstall(s, `code=code-t2&state=${encodeURIComponent(first.state)}`),
      await finishInstall(s, 'code=code-t2&state=forged', 'slack-app-oauth-state=forged'),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Start again');
    }
    expect(s.fake.callsTo('oauth.v2.access')).toEqual([]);
    expect(await stored()).toBeNull();

    // Slack refusing the code (e.g. it was already used) is a failure page, and nothing is stored.
    const second = await beginInstall(s);
    s.fake.fail('oauth.v2.access', { error: 'invalid_code' });
    const failed = await finishInstall(s, `code=code-t2&state=${encodeURIComponent(second.state)}`, second.cookie);
    expect(failed.status).toBe(502);
    expect(await stored()).toBeNull();

    const res = await installT2(s);
    const page = await res.text();
    expect(page).toContain('Pre-order Pal is installed');
    expect(page).toContain(T2.name);
    const [exchange] = s.fake.callsTo('oauth.v2.access').slice(-1);
    expect(exchange!.params).toMatchObject({ client_id: CLIENT_ID, code: 'code-t2' });
    expect(await stored()).toMatchObject({
      status: 'installed',
      teamId: T2.id,
      teamName: T2.name,
      botToken: T2_TOKEN,
      botUserId: 'U0PALBOT2',
      botId: 'B0PALBOT2',
      installerUserId: KIM.id,
      botScopes: [...BOT_SCOPES],
      installedAt: '2027-01-10T12:00:00.000Z',
    });
    const logs = s.logs.join('');
    expect(logs).toContain('Slack app installed in a workspace');
    expect(logs).toContain(T2.id);
    for (const secret of [T2_TOKEN, CLIENT_SECRET, STATE_SECRET, BOT_TOKEN]) expect(logs).not.toContain(secret);
  });

  it('a state works once: replayed with its cookie it is refused, and the stored token is not replaced', async () => {
    s = await boot();
    const { state, cookie } = await beginInstall(s);
    s.fake.grant('code-t2', T2_GRANT);
    const first = await finishInstall(s, `code=code-t2&state=${encodeURIComponent(state)}`, cookie);
    expect(first.status).toBe(200);
    expect(await stored()).toMatchObject({ botToken: T2_TOKEN });

    // The same state and cookie again, with a second grant: nothing is exchanged, nothing replaced.
    s.fake.grant('code-t2-again', { ...T2_GRANT, token: 'xoxb-replayed-grant-0123456789' });
    const replay = await finishInstall(s, `code=code-t2-again&state=${encodeURIComponent(state)}`, cookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('Start again');
    expect(s.fake.callsTo('oauth.v2.access')).toHaveLength(1);
    expect(await stored()).toMatchObject({ botToken: T2_TOKEN });
    // Nothing of the used ticket is left behind.
    expect(await fresh.db.prisma.platformState.count({ where: { key: { startsWith: 'slack:oauth-state:' } } })).toBe(0);
  });

  it('a newly installed workspace is served with its own token and is its own community', async () => {
    s = await boot();
    // Before the install, T2 is not served (acked, no answer).
    const early = await s.slack.command(KIM, START_T2, { team: T2.id, responseId: 'early' });
    expect(early.status).toBe(200);
    await installT2(s);

    expect((await say(s, SAM, START)).text).toContain('Pre-order plan');
    expect((await say(s, KIM, START_T2, T2.id)).text).toContain('Harbour Lights');
    expect(s.fake.responsesTo('early')).toEqual([]);
    const communities = await fresh.db.prisma.community.findMany();
    expect(communities.map((c) => [c.externalId, c.name]).sort()).toEqual([
      [FAKE_TEAM.id, FAKE_TEAM.name],
      [T2.id, T2.name],
    ]);
    const campaigns = await fresh.db.prisma.campaign.findMany({ include: { community: true } });
    expect(campaigns.map((c) => [c.title, c.community.externalId]).sort()).toEqual([
      ['Harbour Lights', T2.id],
      ['The Salt Road', FAKE_TEAM.id],
    ]);
    // A T2 admin command asks Slack about the user with T2's token.
    s.fake.addUser({ id: KIM.id, name: KIM.name, is_admin: true });
    expect((await say(s, KIM, 'campaigns', T2.id, '/preorder-admin')).text).toContain('Harbour Lights');
    expect(s.fake.callsTo('users.info').map((c) => c.token)).toEqual([T2_TOKEN]);
  });

  it("reminders go out with each workspace's own token", async () => {
    s = await boot();
    await installT2(s);
    await say(s, SAM, START);
    await say(s, KIM, START_T2, T2.id);
    s.fake.clear();
    await s.bot.sweeper.drain();
    const opened = s.fake.callsTo('conversations.open').map((c) => [c.params.users, c.token]);
    expect(opened.sort()).toEqual([
      [KIM.id, T2_TOKEN],
      [SAM.id, BOT_TOKEN],
    ]);
    const posts = s.fake.callsTo('chat.postMessage').map((c) => [c.params.channel, c.token]);
    expect(posts.sort()).toEqual([
      [`D${KIM.id}`, T2_TOKEN],
      [`D${SAM.id}`, BOT_TOKEN],
    ]);
  });

  it('app_uninstalled forgets the workspace: its requests are not served and its reminders fail for good', async () => {
    s = await boot();
    await installT2(s);
    await say(s, SAM, START);
    await say(s, KIM, START_T2, T2.id);
    await s.bot.sweeper.drain();

    const sent = await s.slack.event(T2.id, { type: 'app_uninstalled' });
    expect(sent.status).toBe(200);
    await waitUntil(async () => (await stored())?.status === 'removed', 'the installation to be removed');
    expect(await stored()).toMatchObject({ status: 'removed', reason: 'app_uninstalled', teamId: T2.id });
    expect(JSON.stringify(await stored())).not.toContain(T2_TOKEN);

    const refused = await s.slack.command(KIM, 'status', { team: T2.id, responseId: 'after' });
    expect(refused.status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(s.fake.responsesTo('after')).toEqual([]);

    s.fake.clear();
    // Next morning's messages: 09:00 London (09:00Z) for T2, 09:00 New York (14:00Z) for T1.
    await advanceTo(s, '2027-01-11T14:00:00Z');
    const t2 = await fresh.db.prisma.reminder.findMany({
      where: { community: { externalId: T2.id }, state: 'failed' },
    });
    expect(t2.map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([['morning', '2027-01-11T09:00:00.000Z']]);
    for (const row of t2) {
      expect(row.lastError).toMatch(/^permanent: Pre-order Pal was removed from workspace T0SECOND \(app_uninstalled/);
      expect(row.attempts).toBe(1);
    }
    expect(s.fake.calls.filter((c) => c.token === T2_TOKEN)).toEqual([]);
    // T1 carries on with its own token.
    expect(s.fake.callsTo('chat.postMessage').map((c) => c.token)).toContain(BOT_TOKEN);
    expect((await say(s, SAM, 'status')).text).toContain('The Salt Road');
  });

  it('tokens_revoked for the bot forgets the workspace too; a reinstall serves it again', async () => {
    s = await boot();
    await installT2(s);
    await s.slack.event(T2.id, { type: 'tokens_revoked', tokens: { oauth: [], bot: ['U0PALBOT2'] } });
    await waitUntil(async () => (await stored())?.status === 'removed', 'the installation to be removed');
    expect(await stored()).toMatchObject({ reason: 'tokens_revoked' });
    await installT2(s);
    expect((await say(s, KIM, START_T2, T2.id)).text).toContain('Harbour Lights');
  });

  it('installations survive a restart: a second bot on the same database serves T2 without a new install', async () => {
    const fake = await FakeSlack.start();
    const first = await boot({ fake, keepFake: true });
    extra.push(first);
    await installT2(first);
    await first.bot.stop();
    extra.pop();

    s = await boot({ fake });
    expect((await say(s, KIM, START_T2, T2.id)).text).toContain('Harbour Lights');
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(1);
    await s.bot.sweeper.drain();
    expect(fake.callsTo('conversations.open').map((c) => [c.params.users, c.token])).toEqual([[KIM.id, T2_TOKEN]]);
  });

  it('OAuth alone (no SLACK_BOT_TOKEN) runs the adapter and serves only installed workspaces', async () => {
    s = await boot({ noBotToken: true });
    expect(s.fake.callsTo('auth.test')).toEqual([]);
    expect(s.adapter.describe()).toMatch(
      /^slack \(HTTP on port \d+ at \/slack\/events, more installed through \/slack\/install\)$/,
    );
    const t1 = await s.slack.command(SAM, START, { responseId: 't1' });
    expect(t1.status).toBe(200);
    await installT2(s);
    expect((await say(s, KIM, START_T2, T2.id)).text).toContain('Harbour Lights');
    expect(s.fake.responsesTo('t1')).toEqual([]);
    expect(await fresh.db.prisma.community.count()).toBe(1);
  });
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
