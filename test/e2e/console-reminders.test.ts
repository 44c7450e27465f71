import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run, start } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));

/** The console runs on the real clock, so the release date is computed from today: 120 days ahead, UTC. */
const RELEASE = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

/** A port nothing listens on right now (the OS picks it, then it is given back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

/** The text from the first `from` onwards (fails the test when `from` is missing). */
function after(text: string, from: string): string {
  const at = text.indexOf(from);
  expect(at, `"${from}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  return text.slice(at);
}

describe('npm start: reminders and the simulated clock in the console', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'preorder-pal-e2e-reminders-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('prints DMs and channel posts as /clock moves time, refuses going back, keeps settings, exits 0', async () => {
    const script = [
      `/preorder start title:"Harbour Lights" isbn:978-0-306-40615-7 release:${RELEASE} timezone:UTC`,
      // Two days, so the first morning (09:00 the next day) is passed whatever the hour the test runs.
      '/clock +2d',
      '/preorder done listing-live',
      '/clock',
      '/clock -1d',
      '/clock yesterday',
      '/preorder settings quiet:22-07',
      '/preorder settings',
    ].join('\n');
    const result = await run(NODE, BOT, {
      input: `${script}\n`,
      cwd: workDir,
      env: { DATABASE_URL: `pglite:${join(workDir, 'db')}`, LOG_LEVEL: 'warn', HEALTH_PORT: '' },
      timeoutMs: 110_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;

    // Starting prints the plan, then the one start DM for the first steps, sent right after it.
    expect(out).toContain('Pre-order plan for "Harbour Lights"');
    const started = after(out, 'Pre-order plan for "Harbour Lights"');
    expect(started).toMatch(/📬 DM to you\n {2}│ Time to start: 2 first steps for "Harbour Lights"\n/);

    // The next morning: one message with the first steps still to do, stamped with the simulated time.
    const clocked = after(started, '📬 DM to you [simulated');
    const morning =
      /📬 DM to you \[simulated [^\]\n]+ 09:00 UTC\]\n {2}│ Today for "Harbour Lights"\n {2}│ • Still to do: Open an Amazon Advantage account\./;
    expect(clocked).toMatch(morning);
    const moved = clocked.indexOf('🕒 Simulated time is now');
    expect(moved).toBeGreaterThan(0);
    expect(clocked.search(morning)).toBeLessThan(moved);
    // Its buttons name the campaign by id.
    expect(clocked).toMatch(
      /Done: Open an Amazon Advantage account \(\/preorder done aa-account campaign:[0-9a-f-]{36}\)/,
    );

    // Marking the listing live announces it in the channel.
    const listed = after(clocked, '"Check that your listing is live" (listing-live) is marked done');
    expect(listed).toMatch(
      /📣 Post in #announcements[^\n]*\n {2}│ ✓ Now on pre-order: "Harbour Lights"\n {2}│ [^\n]*up for pre-order on Amazon US \(amazon\.com\)\./,
    );

    // /clock alone shows the simulated time; going back is refused with a friendly ✗ line.
    expect(listed).toMatch(/^Simulated time: \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\./m);
    const refusals = after(listed, 'Simulated time:');
    expect(refusals).toMatch(/^✗ The simulated clock only moves forward/m);
    expect(refusals).toMatch(/^✗ "yesterday" is not a time I can read: use \/clock \+2h/m);
    expect(refusals).not.toMatch(/\n\s+at /);

    // The process carried on: quiet hours were saved, and showing the settings shows them.
    const saved = after(refusals, '✓ Settings saved');
    expect(saved).toContain('• Quiet hours: 22:00–07:00');
    const shown = after(saved, '✓ Your reminder settings');
    expect(shown).toContain('• Quiet hours: 22:00–07:00');
    expect(shown).toContain('• DM reminders: on');
  }, 120_000);

  it('serves /healthz and /metrics on HEALTH_PORT while the bot runs, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = start(NODE, BOT, {
      cwd: workDir,
      env: {
        DATABASE_URL: `pglite:${join(workDir, 'health-db')}`,
        LOG_LEVEL: 'warn',
        HEALTH_PORT: String(port),
        HEALTH_HOST: '127.0.0.1',
      },
    });
    try {
      await bot.waitFor(`Health and metrics: http://127.0.0.1:${port}/healthz and /metrics`);
      await bot.waitFor('Reminders:');

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await health.json()) as Record<string, unknown>;
      expect(body.status).toBe('ok');

      bot.write('/preorder faq aa-fee');
      await bot.waitFor('$99');
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('preorder_pal_commands_total');
      expect(text).toMatch(/^preorder_pal_commands_total\{[^}]*outcome="ok"[^}]*\} [1-9]/m);
    } finally {
      bot.kill('SIGTERM');
    }
    expect((await bot.exited).code).toBe(0);
  }, 120_000);
});
