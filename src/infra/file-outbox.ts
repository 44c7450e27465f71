import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileOutbox } from '../app/ports.ts';

const TEMP_PREFIX = 'preorder-pal-outbox-';
/** Exactly what mkdtemp makes of the prefix, so no other folder is ever taken for one. */
const TEMP_NAME = /^preorder-pal-outbox-[A-Za-z0-9]{6}$/;

/** Files older than this are swept from a kept outbox on its first reserve (the console keeps its copies a day). */
const KEEP_MS = 24 * 3_600_000;

/**
 * Where replies' files wait to be sent: CSV exports with member names, calendars, charts. The
 * folder is private (0700, files 0600), never the shared temp folder itself: other accounts on
 * the machine must not read moderators' exports. Each file gets its own folder so two exports in
 * the same second never collide and the member sees the plain name; the adapters delete file and
 * folder once sent.
 *
 * Without `dir`, the outbox is a fresh folder in the OS temp folder (mkdtemp: an unpredictable
 * name, created 0700 in one step) that `dispose` removes when the bot stops. With `dir` (the
 * console's, beside its database, where a person opens the files), it is kept, made private, and
 * swept of files older than a day.
 */
export function createFileOutbox(dir?: string): FileOutbox {
  let root: Promise<string> | undefined;
  const ready = () =>
    (root ??= dir
      ? (async () => {
          await mkdir(dir, { recursive: true, mode: 0o700 });
          // An existing folder may have been created more open; it holds member names.
          await chmod(dir, 0o700);
          await sweepOld(dir).catch(() => undefined);
          return dir;
        })()
      : (async () => {
          // A process that was killed never disposed of its outbox: yesterday's go now.
          await sweepAbandoned().catch(() => undefined);
          return mkdtemp(join(tmpdir(), TEMP_PREFIX));
        })());
  return {
    async reserve(name: string): Promise<string> {
      const folder = join(await ready(), randomUUID());
      await mkdir(folder, { mode: 0o700 });
      const safe = name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'file';
      const path = join(folder, safe);
      // Created empty and private now: whoever writes it later keeps these permissions.
      await writeFile(path, '', { flag: 'wx', mode: 0o600 });
      return path;
    },
    async dispose(): Promise<void> {
      if (dir || !root) return;
      await rm(await root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

async function sweepAbandoned(): Promise<void> {
  const cutoff = Date.now() - KEEP_MS;
  for (const entry of await readdir(tmpdir())) {
    if (!TEMP_NAME.test(entry)) continue;
    const path = join(tmpdir(), entry);
    const info = await stat(path);
    if (info.uid === process.getuid?.() && info.mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}

async function sweepOld(dir: string): Promise<void> {
  const cutoff = Date.now() - KEEP_MS;
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    if ((await stat(path)).mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}
