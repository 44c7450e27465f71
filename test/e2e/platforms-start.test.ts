import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, START_OPTIONS, USERS } from '../support/discord-harness.ts';
import { FakeDiscord } from '../support/fake-discord.ts';
import { slashCommand } from '../support/fake-discord-payloads.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { nodeWithTsx, start, type LiveProcess } from '../support/processes.ts';
import { SlackRequests } from '../support/slack-requests.ts';

const SIGNING_SECRET = 'e2e-signing-secret';
const DISCORD_TOKEN = 'e2e-discord-token.not-a-secret';
const SLACK_TOKEN = 'xoxb-e2e-slack-token';

/**
 * `npm start` with platform credentials: both adapters in one process against the local fakes,
 * no console (stdin may be closed), and a restart that keeps everything and does not register
 * the Discord commands again.
 */
describe('npm start with Discord and Slack credentials', () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let dataDir: string;

  beforeAll(async () => {
    discord = await FakeDiscord.start({ guilds: [GUILD] });
    slack = await FakeSlack.start();
    dataDir = await mkdtemp(join(tmpdir(), 'pp-platforms-'));
  });
  afterAll(async () => {
    await discord?.close();
    await slack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const boot = async (): Promise<{ bot: LiveProcess; slackPort: number }> => {
    const [cmd, args] = nodeWithTsx('src/main.ts');
    const bot = start(cmd, args, {
      env: {
        DATABASE_URL: `pglite:${dataDir}`,
        // Everything the bot logs is checked for secrets below.
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
      },
    });
    await bot.waitFor('Running until SIGINT or SIGTERM.');
    const port = Number(/slack \(HTTP on port (\d+)/.exec(bot.output())?.[1]);
    return { bot, slackPort: port };
  };

  it('runs both adapters without a console, answers on each, and stops on SIGTERM', async () => {
    const { bot, slackPort } = await boot();
    const banner = bot.output();
    expect(banner).toMatch(/Platforms: discord \(logged in as [^)]*, 1 servers\); slack \(HTTP on port \d+/);
    expect(banner).not.toContain('/clock');
    // Supervisors often give no stdin: the bot keeps serving.
    bot.endInput();
    expect(discord.calls('PUT', `/applications/${discord.applicationId}/commands`)).toHaveLength(1);

    const { callback } = await discord.interact(
      slashCommand({ guild: GUILD, user: USERS.alice }, discord.applicationId, 'preorder', 'start', START_OPTIONS),
    );
    expect([4, 5]).toContain(callback.body.type);

    const requests = new SlackRequests(`http://127.0.0.1:${slackPort}/slack/events`, SIGNING_SECRET, slack);
    // A correctly signed null body once killed the whole process, Discord and the sweeper with it.
    expect((await requests.post('null', 'application/json')).status).toBe(400);
    expect((await requests.post('payload=null', 'application/x-www-form-urlencoded')).status).toBe(400);
    const sent = await requests.command({ id: 'U0E2E', name: 'sam' }, 'faq aa-fee', { responseId: 'e2e-faq' });
    expect(sent.status).toBe(200);
    const [answer] = await slack.waitFor(() => slack.responsesTo('e2e-faq').length > 0 && slack.responsesTo('e2e-faq'));
    expect(JSON.stringify(answer)).toMatch(/Advantage/);

    bot.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.logs()).toContain('"platform":"discord"');
    for (const secret of [DISCORD_TOKEN, SLACK_TOKEN, SIGNING_SECRET]) {
      expect(bot.logs()).not.toContain(secret);
      expect(bot.output()).not.toContain(secret);
    }
  });

  it('keeps the campaign across a restart and does not register unchanged commands again', async () => {
    const { bot } = await boot();
    expect(discord.calls('PUT', `/applications/${discord.applicationId}/commands`)).toHaveLength(1);
    const status = slashCommand({ guild: GUILD, user: USERS.alice }, discord.applicationId, 'preorder', 'status', {});
    const { callback } = await discord.interact(status);
    const answer = async () => {
      if (callback.body.type === 4) return JSON.stringify(callback.body.data);
      // Deferred: the answer is the edit made with this interaction's token.
      const edit = await discord.waitFor((r) => r.method === 'PATCH' && r.path.includes(status.token), { since: 0 });
      return JSON.stringify(edit.body);
    };
    expect(await answer()).toContain(START_OPTIONS.title);
    bot.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });
});
