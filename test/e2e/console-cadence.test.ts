import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));
const NY = 'America/New_York';

/**
 * Issue 12's author, run through `npm start` as a person would: a US campaign started today for a
 * release about 24 weeks out (4 December → 20 May in the report), with /clock moving to release day.
 */
const TODAY = DateTime.now().setZone(NY).startOf('day');
const RELEASE = TODAY.plus({ days: 167 }).toISODate()!;
const START = `/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:${RELEASE} timezone:${NY}`;

interface Dm {
  /** when it was printed: simulated time, or the real start for the first one */
  at: DateTime;
  title: string;
  text: string;
}

/** Every "📬 DM to you" block the console printed, with its simulated time (UTC in the stamp). */
function dms(out: string): Dm[] {
  const blocks = out.split('📬 DM to you').slice(1);
  return blocks.map((block) => {
    const stamp = /^ \[simulated ([^\]]+) UTC\]/.exec(block);
    const at = stamp ? DateTime.fromFormat(stamp[1]!, 'ccc d LLL yyyy, HH:mm', { zone: 'utc' }) : DateTime.now();
    const lines = block.split('\n').filter((l) => l.startsWith('  │ '));
    const title = (lines[0] ?? '').slice(4).replace(/^[!✓?✗] /, '');
    return { at, title, text: lines.map((l) => l.slice(4)).join('\n') };
  });
}

/** Critical windows keep their own DMs; everything else must be the one morning message of its day. */
const CRITICAL = /^(In 6 hours:|Now open:|Window closed, not marked done:|.+: waiting on )/;

function nonCriticalPerDay(list: Dm[]): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const d of list.filter((x) => !CRITICAL.test(x.title))) {
    const day = d.at.setZone(NY).toISODate()!;
    days.set(day, [...(days.get(day) ?? []), d.title]);
  }
  return days;
}

async function console(script: string[], workDir: string, name: string): Promise<string> {
  const result = await run(NODE, BOT, {
    input: `${script.join('\n')}\n`,
    cwd: workDir,
    env: { DATABASE_URL: `pglite:${join(workDir, name)}`, LOG_LEVEL: 'warn', HEALTH_PORT: '' },
    timeoutMs: 170_000,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('npm start: a whole campaign through the console with /clock (issue 12)', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'preorder-pal-e2e-cadence-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });
  const releaseStart = () => DateTime.fromISO(RELEASE, { zone: NY }).startOf('day');

  it('an idle member gets at most 45 DMs before release day, never two non-critical ones a day, and no PO check', async () => {
    const out = await console(
      // The community's zone set first, so /clock reads times in New York.
      [`/preorder-admin settings timezone:${NY}`, START, `/clock ${RELEASE}T00:00`],
      workDir,
      'idle',
    );
    const before = dms(out).filter((d) => d.at < releaseStart());
    expect(before.length).toBeGreaterThan(20);
    expect(before.length).toBeLessThanOrEqual(45);
    for (const [day, titles] of nonCriticalPerDay(before)) expect(titles, day).toHaveLength(1);
    // Nothing about steps that cannot happen: no PO check and no listing check without an item.
    expect(out).not.toContain("Confirm today's new purchase orders");
    expect(out).not.toContain('Check whether your listing is live');
    // It does say the plan is at risk in the last week, and keeps the critical PO window.
    expect(before.some((d) => d.text.includes('⚠ At risk: Open an Amazon Advantage account'))).toBe(true);
    expect(before.map((d) => d.title)).toContain('Now open: Zero out your confirmed purchase orders');
  }, 180_000);

  it('a member who marks every step on time hears once a day at most, and release day shows nothing missed', async () => {
    const script = [`/preorder-admin settings timezone:${NY}`, START];
    for (const step of ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'kdp-files-ready']) {
      script.push(`/preorder done ${step}`);
    }
    const live = TODAY.plus({ days: 1 });
    script.push(`/clock ${live.toISODate()}T10:00`, '/preorder done listing-live');
    const release = releaseStart();
    for (let day = live.plus({ days: 1 }); day < release; day = day.plus({ days: 1 })) {
      script.push(`/clock ${day.toISODate()}T10:00`, '/preorder done confirm-pos');
      if (day.toISODate() === release.minus({ days: 2 }).toISODate()) script.push('/preorder done kdp-publish');
    }
    const eve = release.minus({ days: 1 }).toISODate();
    script.push(`/clock ${eve}T21:30`, '/preorder done zero-out-pos', '/preorder done support-ticket');
    script.push(`/clock ${RELEASE}T10:00`, '/preorder status');
    const out = await console(script, workDir, 'diligent');

    const all = dms(out);
    const before = all.filter((d) => d.at < release);
    for (const [day, titles] of nonCriticalPerDay(before)) expect(titles, day).toHaveLength(1);
    // The PO check starts the morning after the listing was marked live, and is in every morning after.
    const po = before.filter((d) => d.text.includes("Confirm today's new purchase orders"));
    expect(po[0]!.at.setZone(NY).toISODate()).toBe(live.plus({ days: 1 }).toISODate());
    expect(po.length).toBeGreaterThan(150);
    // The publish window's own DM went out; no "waiting" DM, since everything it needs was done.
    expect(before.map((d) => d.title)).toContain('Now open: Press Publish on KDP');
    expect(before.some((d) => d.title.includes('waiting on'))).toBe(false);

    const status = out.slice(out.lastIndexOf('Status of "The Salt Road"'));
    expect(status).not.toContain('Missed windows');
    expect(status).not.toContain('[overdue]');
    expect(status).toContain('[ended] Confirm new purchase orders (confirm-pos)');
  }, 180_000);
});
