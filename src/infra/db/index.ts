export {
  openDatabase,
  databaseFromPglite,
  parseDatabaseUrl,
  redactDatabaseUrl,
  DEFAULT_DATABASE_URL,
} from './client.ts';
export type { Database, OpenDatabaseOptions } from './client.ts';
export {
  applyMigrations,
  readMigrations,
  migrationChecksum,
  MigrationError,
  DEFAULT_MIGRATIONS_DIR,
} from './migrate.ts';
export type { SqlRunner, MigrationResult } from './migrate.ts';
export type { PrismaClient } from './generated/client.ts';
