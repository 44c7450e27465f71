import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileWriter } from '../app/exports/ports.ts';

/**
 * Files for replies, written where the outbox said. `pipeline` carries back-pressure from the
 * disk to the source (so a large export reads the database only as fast as it writes) and
 * rejects, with every stream destroyed, if any stage fails.
 */
export function createFileWriter(): FileWriter {
  return {
    pipeTo: (path, source, ...transforms) =>
      pipeline([Readable.from(source), ...transforms, createWriteStream(path, { mode: 0o600 })]),
    writeText: (path, text) => writeFile(path, text, { encoding: 'utf8', mode: 0o600 }),
  };
}
