import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run, start } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));

describe('npm start: the console chat over an embedded database', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'preorder-pal-e2e-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('creates ./data on first run, answers each piped line and exits 0 at end of input', async () => {
    const script = [
      '/preorder start title:"Harbour Lights" isbn:978-0-306-40615-7 release:2027-09-15 timezone:Europe/London marketplace:UK',
      '/preorder done aa-account',
      'how much does amazon advantage cost?',
      '/as Sam',
      '/preorder-admin campaigns',
      '/preorder status',
      '/as you',
      '/preorder-admin campaigns',
      '/preorder-admin settings timezone:Europe/Paris',
    ].join('\n');
    const result = await run(NODE, BOT, {
      input: `${script}\n`,
      cwd: workDir,
      env: { LOG_LEVEL: 'warn' },
      timeoutMs: 90_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(workDir, 'data', 'pglite'))).toBe(true);
    const out = result.stdout;
    expect(out).toMatch(/Database: +PGlite/i);
    expect(out).toMatch(/Platforms: +console/);
    expect(out).toContain('Pre-order plan for "Harbour Lights"');
    expect(out).toContain('check-unconfirmed-pos');
    expect(out).toContain('Step done');
    expect(out).toMatch(/\$99/);
    expect(out).toContain('Now acting as Sam.');
    expect(out).toContain('moderators only');
    expect(out).toContain('You have no active campaign');
    expect(out).toContain('Active campaigns (1)');
    // No zone configured: the first banner says start will ask for one rather than plan in UTC.
    expect(out).toContain('no default time zone: /preorder start asks for yours');
  });

  it('keeps campaigns and marked steps across a restart', async () => {
    const result = await run(NODE, BOT, {
      input: '/preorder status\n',
      cwd: workDir,
      env: { LOG_LEVEL: 'warn' },
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Status of "Harbour Lights"');
    expect(result.stdout).toContain('[done] Open an Amazon Advantage account (aa-account)');
    // The banner shows the community's zone as a moderator left it, not the configuration's.
    expect(result.stdout).toContain('Community: "Local community" (default time zone Europe/Paris)');
  });

  it('keeps a campaign and a marked step when the process is killed outright', async () => {
    const bot = start(NODE, BOT, { cwd: workDir, env: { LOG_LEVEL: 'warn' } });
    await bot.waitFor('Platforms:');
    bot.write('/preorder start title:"Crash Course" isbn:9780143127741 release:2027-10-01 timezone:UTC');
    await bot.waitFor('Pre-order plan for "Crash Course"');
    bot.write('/preorder done aa-account campaign:"Crash Course"');
    await bot.waitFor('Step done');
    bot.kill('SIGKILL');
    expect((await bot.exited).signal).toBe('SIGKILL');

    const after = await run(NODE, BOT, {
      input: '/preorder status Crash Course\n',
      cwd: workDir,
      env: { LOG_LEVEL: 'warn' },
      timeoutMs: 60_000,
    });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Status of "Crash Course"');
    expect(after.stdout).toContain('[done] Open an Amazon Advantage account (aa-account)');
  });

  it('stops cleanly on SIGTERM while waiting for input', async () => {
    const bot = start(NODE, BOT, { cwd: workDir, env: { DATABASE_URL: 'pglite:memory', LOG_LEVEL: 'warn' } });
    await bot.waitFor('Platforms:');
    bot.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  });

  it('refuses a bad configuration value, naming the variable', async () => {
    const result = await run(NODE, BOT, { env: { DEFAULT_TIMEZONE: 'Mars/Base' }, cwd: workDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEFAULT_TIMEZONE');
    expect(result.stderr).toMatch(/IANA/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
