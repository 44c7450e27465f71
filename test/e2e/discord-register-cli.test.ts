import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandJson } from '../../src/adapters/discord/command-json.ts';
import { FakeDiscord } from '../support/fake-discord.ts';
import { nodeWithTsx, run } from '../support/processes.ts';

const CLI = 'src/adapters/discord/register-cli.ts';

describe('npm run discord:register', () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    DISCORD_TOKEN: 'fake-bot-token.not-a-secret',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
    ...extra,
  });

  it('prints the generated JSON with --print, touching neither Discord nor a database', async () => {
    const [cmd, args] = nodeWithTsx(CLI, '--print');
    const result = await run(cmd, args, { env: env({ DISCORD_TOKEN: '' }) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(buildCommandJson())));
    expect(fake.requests).toEqual([]);
  });

  // --no-record: a fresh embedded database costs ~10 s of initdb; recording the hash is the same
  // PrismaPlatformState write the adapter's start-up does (test/integration/discord-commands).
  it('registers to the development server exactly the JSON generated from the specs', async () => {
    const [cmd, args] = nodeWithTsx(CLI, '--no-record');
    const result = await run(cmd, args, { env: env({ DISCORD_GUILD_ID: '2100000000000000001' }) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Registered /preorder and /preorder-admin');
    expect(result.stdout).toContain('to server 2100000000000000001');
    expect(result.stdout).not.toContain('fake-bot-token');
    const puts = fake.calls('PUT');
    expect(puts.map((r) => r.path)).toEqual([
      `/applications/${fake.applicationId}/guilds/2100000000000000001/commands`,
    ]);
    expect(puts[0]!.headers.authorization).toBe('Bot fake-bot-token.not-a-secret');
    expect(puts[0]!.body).toEqual(JSON.parse(JSON.stringify(buildCommandJson())));
  });

  it('explains a refused token without printing it', async () => {
    fake.fail({ method: 'PUT', path: /commands$/, status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const [cmd, args] = nodeWithTsx(CLI, '--no-record');
    const result = await run(cmd, args, { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Discord refused the commands (401)');
    expect(result.stderr).toContain('Check DISCORD_TOKEN');
    expect(result.stderr + result.stdout).not.toContain('fake-bot-token');
  });
});
