import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.ts';
import { describeFailure } from '../describe-failure.ts';
import { FolderInUseError, lockFolder, type FolderLock } from './folder-lock.ts';
import { applyMigrations } from './migrate.ts';
import { redactDatabaseUrl } from './redact.ts';
import type { SqlRunner } from './migrate.ts';

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** safe to log: no password */
  description: string;
  sql: SqlRunner;
  /**
   * A copy of the whole database in memory, for the console's /clock simulation; embedded PGlite
   * only (a PostgreSQL server's database is not copied from here).
   */
  copyToMemory?(): Promise<Database>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning. Default true. */
  migrate?: boolean;
  log?: (msg: string) => void;
  /** An embedded database folder is locked while open; told if the lock is removed or taken meanwhile. */
  onLockLost?: (message: string) => void;
}

export const DEFAULT_DATABASE_URL = 'pglite:./data/pglite';

const VALID_URLS =
  'use pglite:./data/pglite (embedded, the default), pglite:memory, pglite:<folder>, ' +
  'or a postgresql://user:password@host:5432/database URL';

type Target = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

export function parseDatabaseUrl(url: string | undefined): Target {
  const value = (url ?? '').trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith('pglite:')) {
    const where = value.slice('pglite:'.length);
    if (where === 'memory') return { kind: 'pglite', dataDir: null };
    if (where !== '') return { kind: 'pglite', dataDir: resolve(where) };
  } else if (/^postgres(ql)?:\/\/./.test(value)) {
    return { kind: 'postgres', url: value };
  }
  throw new Error(`DATABASE_URL "${redactDatabaseUrl(value)}" is not supported: ${VALID_URLS}.`);
}

/**
 * Opens the database named by a DATABASE_URL value and, unless told otherwise, migrates it.
 * The caller owns the result and must `close()` it: an open PGlite keeps the process alive.
 */
export async function openDatabase(url: string | undefined, options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const log = options.log ?? (() => {});
  const db =
    target.kind === 'pglite' ? await openPglite(target.dataDir, options.onLockLost) : openPostgres(target.url, log);
  if (options.migrate ?? true) {
    try {
      const { applied } = await applyMigrations(db.sql, undefined, log);
      if (applied.length > 0) log(`Applied ${applied.length} migration(s) to ${db.description}: ${applied.join(', ')}`);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPglite(dataDir: string | null, onLockLost?: (message: string) => void): Promise<Database> {
  let lock: FolderLock | undefined;
  try {
    if (dataDir) {
      await mkdir(dataDir, { recursive: true });
      lock = await lockFolder(dataDir, onLockLost ? { onLost: onLockLost } : {});
    }
    const pglite = new PGlite(dataDir ?? 'memory://');
    await pglite.waitReady;
    const db = databaseFromPglite(pglite, dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory');
    if (!lock) return db;
    const held = lock;
    // The folder is free again only once PGlite has written everything and let go of it.
    return { ...db, close: once(() => db.close().finally(() => held.release())) };
  } catch (error) {
    await lock?.release();
    if (error instanceof FolderInUseError) throw error;
    const where = dataDir ? `in ${dataDir}` : 'in memory';
    throw new Error(`Could not open the embedded database ${where}: ${describeFailure(error)}.`, { cause: error });
  }
}

/**
 * Wraps a ready PGlite instance; the Database then owns it and closes it. For callers that build
 * the instance themselves (tests start from a snapshot with `loadDataDir`, skipping initdb).
 */
export function databaseFromPglite(pglite: PGlite, description: string): Database {
  // One PGlite serves both Prisma and raw SQL: it is a single-connection database, and two instances
  // on one folder would corrupt it (openDatabase locks the folder against other processes).
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql: SqlRunner = {
    async exec(text) {
      await pglite.exec(text);
    },
    async query<T>(text: string, params?: unknown[]) {
      return (await pglite.query<T>(text, params)).rows;
    },
  };
  return {
    prisma,
    kind: 'pglite',
    description,
    sql,
    async copyToMemory() {
      const copy = new PGlite('memory://', { loadDataDir: await pglite.dumpDataDir('none') });
      await copy.waitReady;
      return databaseFromPglite(copy, `a copy of ${description} in memory`);
    },
    close: disconnectThen(prisma, () => pglite.close()),
  };
}

function openPostgres(url: string, log: (msg: string) => void): Database {
  const description = `PostgreSQL ${redactDatabaseUrl(url)}`;
  const pool = new pg.Pool({ connectionString: url });
  // An idle client losing its server emits 'error' on the pool; unhandled, that would end the process.
  pool.on('error', (error) => log(`PostgreSQL connection error (${description}): ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const runnerFor = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
    async exec(text) {
      await client.query(text);
    },
    async query<T>(text: string, params?: unknown[]) {
      return (await client.query(text, params)).rows as T[];
    },
  });
  const sql: SqlRunner = {
    ...runnerFor(pool),
    async withSession(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        return await fn(runnerFor(client));
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        // After a failure the session may still hold a lock or an open transaction: discard it
        // rather than hand it to the next caller.
        client.release(broken);
      }
    },
  };
  return {
    prisma,
    kind: 'postgres',
    description,
    sql,
    close: disconnectThen(prisma, () => pool.end()),
  };
}

/** Prisma lets go of the driver first; the driver is closed even if that fails. */
function disconnectThen(prisma: PrismaClient, closeDriver: () => Promise<void>): () => Promise<void> {
  return once(async () => {
    try {
      await prisma.$disconnect();
    } finally {
      await closeDriver();
    }
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
