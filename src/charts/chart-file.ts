import { writeFile } from 'node:fs/promises';
import type { FileOutbox } from '../app/ports.ts';
import type { ReplyFile } from '../app/reply.ts';

/** Puts a rendered chart in the outbox and describes it as a reply file the adapters can send. */
export async function writeChartFile(
  outbox: FileOutbox,
  name: string,
  png: Buffer,
  description: string,
): Promise<ReplyFile> {
  const fileName = name.toLowerCase().endsWith('.png') ? name : `${name}.png`;
  const path = await outbox.reserve(fileName);
  await writeFile(path, png);
  return { name: fileName, path, contentType: 'image/png', description };
}
