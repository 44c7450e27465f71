import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The least a migration needs from a database. `exec` may carry several statements; `query` runs one,
 * with `$1`-style parameters.
 */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` on one connection. Transactions and advisory locks belong to a session, so a runner
   * backed by a pool must provide this; a runner that is already a single connection leaves it out.
   */
  withSession?<T>(fn: (session: SqlRunner) => Promise<T>): Promise<T>;
}

export interface MigrationResult {
  /** Folder names applied by this call, in order. */
  applied: string[];
  /** Folder names that the database had already recorded as applied. */
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export const DEFAULT_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

// Prisma's own lock id, so our runner and `prisma migrate deploy` (where it can run) exclude each other.
const ADVISORY_LOCK_ID = 72707369;

// Byte for byte the table Prisma's schema engine creates, so Prisma tooling can read our history.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
}

/** Prisma records the SHA-256 of the script as lower-case hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

// Prisma accepts the script as written or with its line endings flipped, because git's autocrlf
// rewrites them on Windows checkouts; a false "modified migration" there would block deploys.
function matchesChecksum(script: string, recorded: string): boolean {
  return [script, script.replace(/\r\n/g, '\n'), script.replace(/\r?\n/g, '\r\n')].some(
    (variant) => migrationChecksum(variant) === recorded,
  );
}

export async function readMigrations(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${migrationsDir}: ${(error as Error).message}`);
  }
  const lock = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (lock !== null && provider !== 'postgresql') {
    // Prisma's P3019: migrations written for another database would fail halfway through.
    throw new MigrationError(
      `${join(migrationsDir, 'migration_lock.toml')} says provider "${provider ?? '?'}", but these migrations run on PostgreSQL.`,
    );
  }
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(migrationsDir, name, 'migration.sql'));
    } catch {
      throw new MigrationError(`Migration ${name} has no readable migration.sql in ${migrationsDir}.`);
    }
    // Checksummed as stored on disk, byte for byte, as Prisma records it.
    migrations.push({
      name,
      script: bytes.toString('utf8'),
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return migrations;
}

/**
 * Applies every migration folder not yet recorded in `_prisma_migrations`, in name order, each in
 * its own transaction. Refuses to continue past history it cannot trust (an edited migration, an
 * unfinished attempt), naming the migration, rather than guess.
 */
export async function applyMigrations(
  sql: SqlRunner,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
  log: (msg: string) => void = () => {},
): Promise<MigrationResult> {
  const migrations = await readMigrations(migrationsDir);
  const inSession = sql.withSession ? sql.withSession.bind(sql) : <T>(fn: (s: SqlRunner) => Promise<T>) => fn(sql);
  // The advisory lock excludes other sessions only: two calls sharing one session (PGlite, which has
  // just one) would both get it and interleave their transactions, so calls on a runner queue here.
  const previous = queues.get(sql) ?? Promise.resolve();
  const run = previous.then(() =>
    inSession(async (session) => {
      const unlock = () => session.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`);
      await session.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_ID})`);
      let result: MigrationResult;
      try {
        result = await applyLocked(session, migrations, log);
      } catch (error) {
        // The migration error is the one worth reporting; an unlock failure here means the session
        // is gone, and its lock with it.
        await unlock().catch(() => {});
        throw error;
      }
      await unlock();
      return result;
    }),
  );
  queues.set(
    sql,
    run.then(
      () => {},
      () => {},
    ),
  );
  return run;
}

const queues = new WeakMap<SqlRunner, Promise<void>>();

async function applyLocked(
  sql: SqlRunner,
  migrations: MigrationFile[],
  log: (msg: string) => void,
): Promise<MigrationResult> {
  await sql.exec(CREATE_MIGRATIONS_TABLE);
  const history = await sql.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );

  const unfinished = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (unfinished) {
    const detail = unfinished.logs ? ` It failed with: ${firstLine(unfinished.logs)}` : '';
    throw new MigrationError(
      `Migration ${unfinished.migration_name} was started but never finished, so the database may be half-migrated ` +
        `(Prisma's P3009).${detail} Inspect the database, then mark it rolled back ` +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${unfinished.migration_name}') ` +
        `or finished, and run again.`,
    );
  }

  const applied = new Map<string, HistoryRow>();
  for (const row of history)
    if (row.finished_at !== null && row.rolled_back_at === null) applied.set(row.migration_name, row);

  const onDisk = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    // As `prisma migrate deploy` does: history from another branch or a deleted folder is not fatal.
    if (!onDisk.has(name)) log(`Migration ${name} is recorded in the database but missing from the migrations folder.`);
  }

  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (!row) continue;
    if (!matchesChecksum(migration.script, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was modified after it was applied (recorded checksum ${row.checksum}, ` +
          `file now ${migration.checksum}). Restore the original migration.sql and put the change in a new migration.`,
      );
    }
    result.alreadyApplied.push(migration.name);
  }

  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    log(`Applying migration ${migration.name}`);
    await applyOne(sql, migration);
    result.applied.push(migration.name);
  }
  return result;
}

async function applyOne(sql: SqlRunner, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await sql.exec('BEGIN');
  try {
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await sql.exec(migration.script);
    // clock_timestamp, not now(): now() is frozen at the start of the transaction.
    await sql.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await sql.exec('COMMIT');
  } catch (error) {
    await sql.exec('ROLLBACK').catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // The transaction undid the script, so the attempt is recorded as already rolled back: it keeps the
    // reason for whoever looks, and does not block the next run the way an unfinished row would.
    await sql
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), now(), 0)`,
        [randomUUID(), migration.checksum, migration.name, message],
      )
      .catch(() => {});
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${firstLine(message)}`, {
      cause: error,
    });
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
