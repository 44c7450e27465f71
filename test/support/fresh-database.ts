import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import type { TestBackend } from './databases.ts';
import { resetChatTables } from './sweeper-harness.ts';

/**
 * One database per suite and backend, emptied before every test (campaign tables and, with
 * `platformState`, what adapters keep across boots), so each test boots a bot on a clean slate.
 */
export function freshDatabase(
  backend: TestBackend,
  options: { platformState?: boolean } = {},
): { readonly db: Database } {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetChatTables(db!);
    if (options.platformState) await db!.prisma.platformState.deleteMany();
  });
  return {
    get db() {
      if (!db) throw new Error('the database is opened in beforeAll');
      return db;
    },
  };
}
