import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.ts';
import { FolderInUseError, LOCK_FILE, lockFolder, type LockHolder } from '../../src/infra/db/folder-lock.ts';

/** The pid of a process that has exited: nothing runs under it (for as long as the test lasts). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const holder = (over: Partial<LockHolder>): LockHolder => ({
  pid: 1,
  host: hostname(),
  since: '2027-01-10T12:00:00.000Z',
  command: 'src/main.ts',
  nonce: 'someone-else',
  ...over,
});

describe('the embedded database folder: its lock and its start-up errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-folder-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const lockPath = () => join(dir, LOCK_FILE);
  const lockHolder = async () => JSON.parse(await readFile(lockPath(), 'utf8')) as LockHolder;

  it('names the folder and the cause when PGlite cannot start, where its own error has no message', async () => {
    // PGlite's file layer throws an ErrnoError with a number and no message here (and on a full
    // disk, errno 51), which used to print as "Could not start: undefined".
    await writeFile(join(dir, 'base'), 'a file where PGlite keeps a folder');
    const failed = await openDatabase(`pglite:${dir}`).then(
      () => null,
      (error: Error) => error,
    );
    expect(failed?.message).toBe(`Could not open the embedded database in ${dir}: not a directory.`);
    // The failed start let go of the folder.
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a second open of a locked folder is refused, naming the folder and the holder; closing frees it', async () => {
    const first = await openDatabase(`pglite:${dir}`, { migrate: false });
    try {
      expect((await lockHolder()).pid).toBe(process.pid);
      const second = await openDatabase(`pglite:${dir}`, { migrate: false }).then(
        () => null,
        (error: Error) => error,
      );
      expect(second).toBeInstanceOf(FolderInUseError);
      expect(second?.message).toContain(`The database folder ${dir} is in use by another Pre-order Pal process`);
      expect(second?.message).toContain(`pid ${process.pid} on ${hostname()}`);
    } finally {
      await first.close();
    }
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await openDatabase(`pglite:${dir}`, { migrate: false });
    await again.close();
  });

  it('takes over a lock whose process is gone, on this machine', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: await deadPid(), nonce: 'dead' })));
    const lock = await lockFolder(dir);
    expect(await lockHolder()).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
  });

  it('refuses a lock of a live process, and a fresh lock from another machine; takes over a silent one', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: 424242 })));
    await expect(lockFolder(dir, { isAlive: (pid) => pid === 424242 })).rejects.toThrow(/pid 424242/);

    await writeFile(lockPath(), JSON.stringify(holder({ host: 'other-machine', pid: 7 })));
    await expect(lockFolder(dir)).rejects.toThrow(/pid 7 on other-machine/);
    // Its heartbeat stopped two minutes ago: that machine's process is gone.
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPath(), old, old);
    const lock = await lockFolder(dir);
    expect((await lockHolder()).host).toBe(hostname());
    await lock.release();
  });

  it('of many processes taking over one stale lock, exactly one gets it', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: await deadPid(), nonce: 'dead' })));
    const tries = await Promise.allSettled(Array.from({ length: 6 }, () => lockFolder(dir)));
    const won = tries.filter((t) => t.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(FolderInUseError);
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('says when its lock file is removed while held, and never deletes a lock that is not its own', async () => {
    const lost: string[] = [];
    const lock = await lockFolder(dir, { heartbeatMs: 20, onLost: (m) => lost.push(m) });
    await unlink(lockPath());
    await new Promise((r) => setTimeout(r, 200));
    expect(lost).toEqual([expect.stringContaining('was removed or taken by another process')]);
    await writeFile(lockPath(), JSON.stringify(holder({ pid: 99, nonce: 'theirs' })));
    await lock.release();
    expect((await lockHolder()).nonce).toBe('theirs');
  });
});
