import { readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { reply as makeReply, type Reply, type ReplyFile } from '../app/reply.ts';

/** A reply's file, read from the outbox and ready to send. */
export interface LoadedFile {
  file: ReplyFile;
  data: Buffer;
}

/** Files read, and a member-facing note for each one that could not be sent (see withFileNotes). */
export interface ReplyFiles {
  loaded: LoadedFile[];
  problems: string[];
}

const unsent = (problem: string) => `⚠️ ${problem}`;

/**
 * Reads a reply's files before sending. A file over the platform's size limit, or one that has
 * vanished from the outbox, is left out with a note the member sees, rather than failing the
 * whole answer.
 */
export async function readReplyFiles(reply: Reply, maxBytes = Number.POSITIVE_INFINITY): Promise<ReplyFiles> {
  const result: ReplyFiles = { loaded: [], problems: [] };
  for (const file of reply.files) {
    try {
      const size = (await stat(file.path)).size;
      if (size > maxBytes) {
        const mb = (n: number) => (n / 1_048_576).toFixed(1);
        result.problems.push(unsent(`${file.name} is ${mb(size)} MB, over the ${mb(maxBytes)} MB this chat accepts.`));
        continue;
      }
      result.loaded.push({ file, data: await readFile(file.path) });
    } catch {
      result.problems.push(unsent(`${file.name} could not be read; please ask again.`));
    }
  }
  return result;
}

/**
 * Deletes files once they were sent (best effort), with the folder the outbox made for each: the
 * outbox is a hand-over, not an archive. Only an empty folder is removed.
 */
export async function discardReplyFiles(files: readonly ReplyFile[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      await rm(file.path, { force: true }).catch(() => undefined);
      await rmdir(dirname(file.path)).catch(() => undefined);
    }),
  );
}

/**
 * The reply as a platform shows it once its files went their own way: without them, and with a
 * line for each note about them (a file left out, or where the files were sent). Every platform
 * tells the member about its files this one way.
 */
export function withFileNotes(answer: Reply, notes: readonly string[]): Reply {
  return makeReply({ ...answer, lines: [...answer.lines, ...notes.map((note) => [note])], files: [] });
}
