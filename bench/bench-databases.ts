import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/infra/db/client.ts';

/**
 * Runs a benchmark on embedded PGlite (in memory, or on disk as `npm start` runs it) and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on a private database
 * created there and dropped after.
 */
export async function forEachBenchDatabase(
  run: (database: Database, label: string) => Promise<void>,
  options: { pglite?: 'memory' | 'disk' } = {},
): Promise<void> {
  // BENCH_PGLITE=off measures PostgreSQL alone, e.g. to repeat a PostgreSQL figure quickly.
  if (process.env.BENCH_PGLITE?.trim() === 'off') {
    console.log('\nPGlite: skipped (BENCH_PGLITE=off)');
  } else {
    const onDisk = options.pglite === 'disk';
    const dir = onDisk ? await mkdtemp(join(tmpdir(), 'preorder-pal-bench-')) : undefined;
    const lite = await openDatabase(dir ? `pglite:${dir}` : 'pglite:memory');
    try {
      await run(lite, onDisk ? 'PGlite (on disk)' : 'PGlite (in memory)');
    } finally {
      await lite.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
  const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server to include it)');
    return;
  }
  const name = `pp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  try {
    await run(database, 'PostgreSQL');
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.end();
  }
}

/** A positive number from the environment; unset or empty means the default, anything else must be valid. */
export function benchNumber(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}
