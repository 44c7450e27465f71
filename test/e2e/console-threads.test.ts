import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));
/** The console runs on the real clock: a release five days ahead, so /clock +7d passes release day. */
const RELEASE = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

describe('npm start: campaign threads in the console', () => {
  it("with threads on, /clock's channel posts for a campaign are printed under its name", async () => {
    const script = [
      `/preorder start title:"Harbour Lights" isbn:978-0-306-40615-7 release:${RELEASE} timezone:UTC`,
      '/preorder-admin settings threads:on',
      '/clock +7d',
    ].join('\n');
    const env = { DATABASE_URL: 'pglite:memory', LOG_LEVEL: 'warn', PORT: '0' };
    const result = await run(NODE, BOT, { env, input: `${script}\n`, timeoutMs: 110_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The release-day post belongs to the campaign: it goes to its thread, named.
    expect(result.stdout).toMatch(
      /📣 \[Harbour Lights\] Post in #announcements[^\n]*\n {2}│ ✓ Release day: "Harbour Lights"/,
    );
    // The digest is the whole community's: it stays in the channel itself.
    expect(result.stdout).toMatch(/📣 Post in #announcements[^\n]*\n {2}│ Pre-order steps in the next 24 hours/);
  }, 120_000);
});
