import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run, start } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));
const RELEASE = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

describe('npm start: two processes on one embedded database folder', () => {
  let workDir: string;
  let dataDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'preorder-pal-e2e-lock-'));
    dataDir = join(workDir, 'pglite');
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('the second exits non-zero naming the folder and the holder; after a SIGKILL the lock is taken over', async () => {
    const env = { DATABASE_URL: `pglite:${dataDir}`, LOG_LEVEL: 'warn' };
    const first = start(NODE, BOT, { cwd: workDir, env });
    try {
      await first.waitFor('Platforms:');
      first.write(`/preorder start title:"First Light" isbn:978-0-306-40615-7 release:${RELEASE} timezone:UTC`);
      await first.waitFor('Pre-order plan for "First Light"');

      const second = await run(NODE, BOT, {
        cwd: workDir,
        env,
        input: `/preorder start title:"Second Wind" isbn:0-8044-2957-X release:${RELEASE} timezone:UTC\n`,
        timeoutMs: 60_000,
      });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`Could not start: The database folder ${dataDir} is in use`);
      expect(second.stderr).toContain(`(pid ${first.pid} on `);
      expect(second.stderr).not.toMatch(/\n\s+at /);
      expect(second.stdout).not.toContain('Pre-order plan');

      // The first one never noticed and carries on.
      first.write('/preorder status');
      await first.waitFor('Status of "First Light"');
    } finally {
      first.kill('SIGKILL');
    }
    expect((await first.exited).signal).toBe('SIGKILL');

    // The lock's holder is dead: the next start takes it over, and finds the first one's campaign.
    const third = await run(NODE, BOT, { cwd: workDir, env, input: '/preorder status\n', timeoutMs: 60_000 });
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('Status of "First Light"');
  }, 180_000);
});
