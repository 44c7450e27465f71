// `npm run db:migrate`: applies pending migrations to DATABASE_URL and says what it did.
// Failures are for people at a terminal: one line, no stack trace, exit status 1.
import { loadConfigOrExit } from '../config.ts';
import { DEFAULT_DATABASE_URL, openDatabase } from './client.ts';
import { redactDatabaseUrl } from './redact.ts';
import { applyMigrations } from './migrate.ts';
import type { Database } from './client.ts';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

// Known before connecting, so even a connection failure names the database (without its password).
let target: string | undefined;

async function main(): Promise<void> {
  // Like npm start: .env is read, and a bad value is explained rather than thrown.
  const config = loadConfigOrExit();
  let db: Database | undefined;
  try {
    target = redactDatabaseUrl(config.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    // Migrated here rather than by openDatabase so the result can be reported.
    db = await openDatabase(config.DATABASE_URL, { migrate: false });
    const { applied, alreadyApplied } = await applyMigrations(db.sql, undefined, say);
    if (applied.length === 0) {
      say(`${db.description} is up to date (${alreadyApplied.length} migration(s) already applied).`);
    } else {
      say(`Applied ${applied.length} migration(s) to ${db.description}: ${applied.join(', ')}`);
    }
  } finally {
    await db?.close();
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`db:migrate failed${target ? ` for ${target}` : ''}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  },
);
