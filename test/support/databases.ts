import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe } from 'vitest';
import { databaseFromPglite, openDatabase } from '../../src/infra/db/client.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { applyMigrations, readMigrations } from '../../src/infra/db/migrate.ts';

export interface OpenTestDatabaseOptions {
  /** Default true. False gives a database with no tables at all, for testing migrations themselves. */
  migrate?: boolean;
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh, private database; its `close()` also discards it. */
  open(options?: OpenTestDatabaseOptions): Promise<Database>;
}

/**
 * In-memory PGlite runs initdb on every start (~4 s). Each open() instead starts from a snapshot
 * (~1 s): taken once per test file in memory, and the migrated one also kept on disk across files
 * and runs, keyed by the PGlite version and the migrations' contents so a changed migration never
 * reuses a stale snapshot.
 */
const pgliteBackend: TestBackend = {
  name: 'pglite',
  async open(options) {
    const migrated = options?.migrate ?? true;
    const snapshot = await (migrated
      ? (migratedSnapshot ??= loadMigratedSnapshot())
      : (bareSnapshot ??= takeSnapshot(false)));
    const pglite = new PGlite('memory://', { loadDataDir: snapshot });
    await pglite.waitReady;
    return databaseFromPglite(pglite, 'PGlite in memory (test)');
  },
};

let bareSnapshot: Promise<Blob> | undefined;
let migratedSnapshot: Promise<Blob> | undefined;

async function takeSnapshot(migrate: boolean): Promise<Blob> {
  const pglite = new PGlite('memory://');
  try {
    await pglite.waitReady;
    if (migrate) {
      await applyMigrations({
        exec: async (text) => void (await pglite.exec(text)),
        query: async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
      });
    }
    // Uncompressed: gzip shrinks 40 MB to 4.5 MB but adds ~0.4 s to every load.
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

// The package does not export its package.json, so it is found beside the resolved entry point.
async function pgliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // not the package root yet
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = parent;
  }
}

async function loadMigratedSnapshot(): Promise<Blob> {
  const hash = createHash('sha256').update(await pgliteVersion());
  for (const m of await readMigrations()) hash.update(`\0${m.name}\0${m.checksum}`);
  const file = join(tmpdir(), 'preorder-pal-test-pglite', `${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const snapshot = await takeSnapshot(true);
    await mkdir(dirname(file), { recursive: true });
    // Written aside and renamed: parallel workers may race here, and must never read half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, new Uint8Array(await snapshot.arrayBuffer()));
    await rename(partial, file);
    // Snapshots of earlier migrations are 40 MB each and never read again.
    for (const name of await readdir(dirname(file))) {
      if (name.endsWith('.tar') && join(dirname(file), name) !== file)
        await rm(join(dirname(file), name), { force: true });
    }
    return snapshot;
  }
}

/**
 * Each open() creates its own database on the server named by TEST_DATABASE_URL, so test files
 * running in parallel workers never see each other's rows, and drops it on close.
 */
function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async open(options) {
      const name = `pp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await withAdmin(adminUrl, async (admin) => {
        await (sweep ??= dropAbandoned(admin));
        await admin.query(`CREATE DATABASE "${name}"`);
      });
      let db: Database;
      try {
        db = await openDatabase(databaseUrl(adminUrl, name), { migrate: options?.migrate ?? true });
      } catch (error) {
        await dropDatabase(adminUrl, name).catch(() => {});
        throw error;
      }
      let closing: Promise<void> | undefined;
      return {
        ...db,
        close: () =>
          (closing ??= (async () => {
            try {
              await db.close();
            } finally {
              await dropDatabase(adminUrl, name);
            }
          })()),
      };
    },
  };
}

export function testBackends(): TestBackend[] {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? [pgliteBackend, postgresBackend(url)] : [pgliteBackend];
}

/**
 * One `describe` block per backend, titled `<title> [pglite]` etc. A PostgreSQL backend that cannot
 * be reached fails its tests: setting TEST_DATABASE_URL is a request to test there, not a hint.
 */
export function describeEachBackend(title: string, fn: (backend: TestBackend) => void): void {
  for (const backend of testBackends()) {
    describe(`${title} [${backend.name}]`, () => fn(backend));
  }
}

let sweep: Promise<void> | undefined;

// A test run that was killed never dropped its databases. Names carry their creation time, so
// anything older than any test run could be is removed, once per process.
async function dropAbandoned(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'pp\\_test\\_%'`,
  );
  const cutoff = Date.now() - 6 * 60 * 60 * 1000;
  for (const { datname } of rows) {
    const created = parseInt(datname.split('_')[2] ?? '', 36);
    if (Number.isFinite(created) && created < cutoff) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL is set but its server cannot be reached (${(error as Error).message}). ` +
        'Start PostgreSQL or unset TEST_DATABASE_URL to test on PGlite only.',
      { cause: error },
    );
  }
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // FORCE (PostgreSQL 13+) ends sessions a failed test may have left behind.
  await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
