import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileOutbox } from '../app/ports.ts';

/** Files older than this are swept on the next reserve: adapters delete what they sent, the console keeps its copy a day. */
const KEEP_MS = 24 * 3_600_000;

export const DEFAULT_OUTBOX_DIR = join(tmpdir(), 'preorder-pal-files');

/**
 * Each file gets its own directory so two exports in the same second never collide and the
 * member sees the plain file name. Only the name's safe characters are kept: it ends up in a path.
 */
export function createFileOutbox(dir = DEFAULT_OUTBOX_DIR): FileOutbox {
  let swept = false;
  return {
    async reserve(name: string): Promise<string> {
      if (!swept) {
        swept = true;
        await sweepOld(dir).catch(() => undefined);
      }
      const folder = join(dir, randomUUID());
      await mkdir(folder, { recursive: true });
      const safe = name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'file';
      return join(folder, safe);
    },
  };
}

async function sweepOld(dir: string): Promise<void> {
  const cutoff = Date.now() - KEEP_MS;
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    if ((await stat(path)).mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}
