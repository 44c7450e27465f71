import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat } from '../support/chat-harness.ts';
import { testBackends } from '../support/databases.ts';

const START =
  '/preorder start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

for (const backend of testBackends()) {
  describe(`status comes with a timeline chart (${backend.name})`, () => {
    let db: Database;

    beforeAll(async () => {
      db = await backend.open();
    });
    afterAll(async () => {
      await db.close();
    });

    it('returns one PNG file that exists on disk, beside the text', { timeout: 60_000 }, async () => {
      const chat = createChat(db);
      await chat.say('ana', START);
      await chat.say('ana', '/preorder done aa-account');
      const { reply, text } = await chat.say('ana', '/preorder status');
      expect(reply.tone).not.toBe('error');
      expect(text).toContain('1 of 13 steps settled.');
      expect(reply.files).toHaveLength(1);
      const [file] = reply.files;
      expect(file).toMatchObject({ name: 'plan-timeline.png', contentType: 'image/png' });
      // Every step is counted once, by the state status shows: the item, the files open; six waiting on them.
      expect(file!.description).toBe(
        "Timeline of the plan's 13 steps (dates in America/New_York): 1 done, 0 skipped, 2 open now, 0 overdue, 4 upcoming, 6 waiting, 0 ended.",
      );
      expect(text.match(/\[waiting\]/g)).toHaveLength(6);
      const info = await stat(file!.path);
      expect(info.size).toBeGreaterThan(5_000);
      expect(info.size).toBeLessThan(300_000);
      expect([...(await readFile(file!.path)).subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      expect(text).toContain(`📎 plan-timeline.png: ${file!.description}`);
    });
  });
}
