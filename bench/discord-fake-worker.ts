/**
 * The fake Discord on its own thread for the benchmark: Discord is another machine, so its clock
 * and event loop must not queue behind the bot's work. Timings are taken here, from sending the
 * INTERACTION_CREATE to the callback (and the final answer) arriving.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeDiscord } from '../test/support/fake-discord.ts';
import type { FakeGuild } from '../test/support/fake-discord-payloads.ts';

type Request = { type: 'interact'; seq: number; payload: { id: string; token: string } } | { type: 'close' };

const fake = await FakeDiscord.start({ guilds: (workerData as { guilds: FakeGuild[] }).guilds });
const port = parentPort!;
port.postMessage({ type: 'ready', apiUrl: fake.apiUrl, applicationId: fake.applicationId });

async function handle(message: Request): Promise<void> {
  if (message.type === 'close') {
    await fake.close();
    port.close();
    return;
  }
  const { payload, seq } = message;
  const since = fake.requests.length;
  const answered = fake.waitFor(
    (r) =>
      r.path.includes(payload.token) &&
      (r.method === 'PATCH' || (r.method === 'POST' && (r.body as { type?: number } | undefined)?.type === 4)),
    { since, timeoutMs: 30_000 },
  );
  const { callback, ms } = await fake.interact(payload);
  const answer = await answered;
  port.postMessage({
    type: 'result',
    seq,
    ms,
    callbackType: (callback.body as { type: number }).type,
    totalMs: ms + (answer.at - callback.at),
  });
}

// A worker that fails must say so and stop, or the bench waits for an answer that never comes.
port.on('message', (message: Request) => {
  handle(message).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
