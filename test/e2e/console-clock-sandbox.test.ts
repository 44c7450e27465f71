import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.ts';
import { nodeWithTsx, REPO_ROOT, run } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));
/** The console runs on the real clock, so the release date is computed from today: 120 days ahead. */
const RELEASE = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

describe('npm start: /clock is a demo on a copy of the data', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'preorder-pal-e2e-sandbox-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('after /clock +30d and a restart, the real reminders are still pending and nothing simulated was kept', async () => {
    const dataDir = join(workDir, 'pglite');
    const env = { DATABASE_URL: `pglite:${dataDir}`, LOG_LEVEL: 'warn' };
    const script = [
      `/preorder start title:"Harbour Lights" isbn:978-0-306-40615-7 release:${RELEASE} timezone:UTC`,
      '/clock +30d',
      '/preorder done aa-account',
      '/preorder log orders:3 pos:4',
      '/clock +1d',
    ].join('\n');
    const first = await run(NODE, BOT, { cwd: workDir, env, input: `${script}\n`, timeoutMs: 110_000 });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `🧪 Simulation: from now on this console works on a copy of PGlite at ${dataDir} in memory.`,
    );
    expect(first.stdout).toContain(`your real data in PGlite at ${dataDir} stays as it was`);
    // The demo itself works: the month's reminders went out, stamped with the simulated time.
    expect(first.stdout).toMatch(
      /📬 DM to you \[simulated [^\]]+\]\n {2}│ Today for "Harbour Lights"\n {2}│ • Still to do: /,
    );
    expect(first.stdout).toContain('Step done');

    const db = await openDatabase(`pglite:${dataDir}`);
    try {
      const campaign = await db.prisma.campaign.findFirstOrThrow();
      const sent = await db.prisma.reminder.findMany({ where: { state: 'sent' } });
      // Only the start DM, sent for real before the first /clock.
      expect(sent.map((r) => r.kind)).toEqual(['start']);
      const monthAhead = new Date(Date.now() + 30 * 86_400_000);
      const due = await db.prisma.reminder.findMany({ where: { dueAt: { lte: monthAhead } } });
      // The stored mornings of the coming week (days 1, 2 and 4 of the first-step nudges).
      expect(due.filter((r) => r.kind === 'morning').length).toBeGreaterThanOrEqual(3);
      expect(due.filter((r) => r.kind !== 'start' && r.state !== 'pending')).toEqual([]);
      expect(await db.prisma.milestoneProgress.count({ where: { campaignId: campaign.id } })).toBe(0);
      expect(await db.prisma.orderLog.count()).toBe(0);
    } finally {
      await db.close();
    }

    const again = await run(NODE, BOT, { cwd: workDir, env, input: '/preorder status\n', timeoutMs: 60_000 });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Status of "Harbour Lights"');
    expect(again.stdout).not.toContain('[done]');
  }, 180_000);
});
