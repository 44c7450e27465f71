import ical from 'node-ical';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, start } from '../support/processes.ts';

const [NODE, BOT] = nodeWithTsx(join(REPO_ROOT, 'src', 'main.ts'));
const LINK = /http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics/;

describe('npm start: the console prints a calendar link that works on this machine', () => {
  it('serves the link it printed until the process stops', async () => {
    const bot = start(NODE, BOT, { env: { DATABASE_URL: 'pglite:memory', LOG_LEVEL: 'warn' } });
    try {
      await bot.waitFor('Platforms:');
      expect(bot.output()).toMatch(/Calendar feeds: http:\/\/127\.0\.0\.1:\d+\/calendar\//);
      bot.write('/preorder start title:"Harbour Lights" isbn:978-0-306-40615-7 release:2027-09-15 timezone:UTC');
      await bot.waitFor('Pre-order plan for "Harbour Lights"');
      bot.write('/preorder calendar-feed');
      await bot.waitFor('.ics');
      const url = LINK.exec(bot.output())?.[0];
      expect(url, bot.output()).toBeDefined();
      const res = await fetch(url!);
      expect(res.status).toBe(200);
      const events = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT');
      expect(events.length).toBeGreaterThan(10);
    } finally {
      bot.kill('SIGTERM');
      await bot.exited;
    }
  }, 90_000);
});
