/**
 * The fake Discord and the fake Slack on their own thread for the rate-limit benchmark: they count
 * each request against a sliding window when it arrives, and Discord is another machine, so
 * their clock must not queue behind the bot's work (on the bot's thread, a request held up there
 * looked late and pushed the next one over the limit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeDiscord } from '../test/support/fake-discord.ts';
import type { FakeGuild } from '../test/support/fake-discord-payloads.ts';
import { FakeSlack } from '../test/support/fake-slack.ts';

export interface FakeStats {
  discordMessages: number;
  discordServed: number;
  discordRefused: number;
  slackMessages: number;
  slackRefused: number;
}

type Request = { type: 'limit' } | { type: 'stats' } | { type: 'close' };

const isMessage = (path: string) => /^\/channels\/\d+\/messages$/.test(path);
const discord = await FakeDiscord.start({ guilds: (workerData as { guilds: FakeGuild[] }).guilds });
const slack = await FakeSlack.start();
const port = parentPort!;
let since = 0;
port.postMessage({
  type: 'ready',
  discordApi: discord.apiUrl,
  applicationId: discord.applicationId,
  slackApi: slack.apiUrl,
});

async function handle(message: Request): Promise<void> {
  switch (message.type) {
    case 'limit':
      since = discord.requests.length;
      discord.enforceGlobalLimit();
      slack.enforcePostMessageLimits();
      port.postMessage({ type: 'limited' });
      break;
    case 'stats': {
      const requests = discord.requests.slice(since);
      const stats: FakeStats = {
        discordMessages:
          requests.filter((r) => isMessage(r.path)).length - discord.refused.filter((r) => isMessage(r.path)).length,
        discordServed: requests.length - discord.refused.length,
        discordRefused: discord.refused.length,
        slackMessages: slack.callsTo('chat.postMessage').length - slack.refused.length,
        slackRefused: slack.refused.length,
      };
      port.postMessage({ type: 'stats', stats });
      break;
    }
    case 'close':
      await discord.close();
      await slack.close();
      port.close();
  }
}

// A worker that fails must say so and stop, or the bench waits for an answer that never comes.
port.on('message', (message: Request) => {
  handle(message).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
