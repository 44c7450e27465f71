import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An exclusive lock on an embedded database folder. PGlite takes none of its own, and two
 * processes on one folder each keep their own copy of the database in memory: one side's writes
 * are lost. The lock is a file in the folder, created only if absent (O_EXCL), naming its holder.
 *
 * A lock whose holder is gone is taken over: on this machine, when its process no longer exists
 * (a SIGKILL, a crash); from another machine (a container replaced on a shared volume), when its
 * heartbeat (the file's modification time, touched every few seconds) stopped a minute ago. Two
 * processes taking over the same stale lock go through a second, short-lived lock (a directory,
 * created atomically), so only one of them replaces it.
 */

export const LOCK_FILE = 'preorder-pal.lock';
const HEARTBEAT_MS = 10_000;
/** A lock from another machine whose heartbeat is this old is stale. */
const FOREIGN_STALE_MS = 60_000;
/** A takeover directory this old was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 30_000;
/** A lock file this young may still be being written by its creator. */
const WRITING_GRACE_MS = 5_000;
const ATTEMPTS = 50;

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  command: string;
  nonce: string;
}

export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Called once if the lock file is removed or replaced while held. */
  onLost?: (message: string) => void;
  /** For tests: whether a process of this machine exists. */
  isAlive?: (pid: number) => boolean;
  heartbeatMs?: number;
}

/** Locks this process holds: its own pid in a lock file is a lock held here, or a previous run's. */
const heldHere = new Set<string>();

export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError';
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
    lockPath: string,
  ) {
    super(
      `The database folder ${folder} is in use by another Pre-order Pal process ` +
        `(pid ${holder.pid} on ${holder.host}, since ${holder.since}: ${holder.command}). ` +
        'Two processes on one embedded database lose data: stop that one first, give this one another ' +
        'folder with DATABASE_URL=pglite:<folder>, or use PostgreSQL to run several. ' +
        `If no such process is running, delete ${lockPath}.`,
    );
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

async function readHolder(path: string): Promise<{ holder: LockHolder | null; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const ageMs = Date.now() - info.mtimeMs;
    try {
      const holder = JSON.parse(text) as Partial<LockHolder>;
      const valid =
        typeof holder.pid === 'number' && typeof holder.host === 'string' && typeof holder.nonce === 'string';
      return { holder: valid ? (holder as LockHolder) : null, ageMs };
    } catch {
      return { holder: null, ageMs };
    }
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
}

export async function lockFolder(folder: string, options: LockOptions = {}): Promise<FolderLock> {
  const path = join(folder, LOCK_FILE);
  const isAlive = options.isAlive ?? processExists;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
    nonce: randomUUID(),
  };
  const held = (found: { holder: LockHolder | null; ageMs: number }): boolean => {
    const { holder, ageMs } = found;
    if (!holder) return ageMs < WRITING_GRACE_MS;
    if (holder.host !== me.host) return ageMs < FOREIGN_STALE_MS;
    // Our own pid in a lock this process did not take: a previous run of a container, where pids repeat.
    if (holder.pid === me.pid) return heldHere.has(holder.nonce);
    return isAlive(holder.pid);
  };

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o600 });
      return holdLock(path, me, options);
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error;
    }
    const found = await readHolder(path);
    if (!found) continue; // released just now
    if (held(found)) {
      if (found.holder) throw new FolderInUseError(folder, found.holder, path);
      await pause(100);
      continue;
    }
    await takeOver(path, found.holder?.nonce ?? null);
  }
  throw new Error(`Could not lock the database folder ${folder}: other processes kept taking it.`);
}

/** Removes a stale lock, unless someone else replaced it first. */
async function takeOver(path: string, staleNonce: string | null): Promise<void> {
  const gate = `${path}.takeover`;
  try {
    await mkdir(gate);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    const info = await stat(gate).catch(() => null);
    if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rmdir(gate).catch(() => undefined);
    else await pause(100);
    return;
  }
  try {
    const again = await readHolder(path);
    if (again && (again.holder?.nonce ?? null) === staleNonce) await unlink(path).catch(() => undefined);
  } finally {
    await rmdir(gate).catch(() => undefined);
  }
}

function holdLock(path: string, me: LockHolder, options: LockOptions): FolderLock {
  heldHere.add(me.nonce);
  let lost = false;
  const heartbeat = setInterval(() => {
    // Every step below settles on its own; the catch keeps a throwing onLost from going unhandled.
    (async () => {
      const found = await readHolder(path).catch(() => null);
      if (found?.holder?.nonce !== me.nonce) {
        if (lost) return;
        lost = true;
        clearInterval(heartbeat);
        options.onLost?.(`The lock on the database folder (${path}) was removed or taken by another process.`);
        return;
      }
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
    })().catch(() => undefined);
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  let released: Promise<void> | undefined;
  return {
    path,
    release: () =>
      (released ??= (async () => {
        clearInterval(heartbeat);
        heldHere.delete(me.nonce);
        const found = await readHolder(path).catch(() => null);
        if (found?.holder?.nonce === me.nonce) await unlink(path).catch(() => undefined);
      })()),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
