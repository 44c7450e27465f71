import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discardReplyFiles } from '../../../src/adapters/reply-files.ts';
import { createFileOutbox } from '../../../src/infra/file-outbox.ts';
import { createFileWriter } from '../../../src/infra/file-writer.ts';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('the file outbox: private, and emptied after sending', () => {
  const cleanup: string[] = [];
  afterEach(async () => {
    for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
  });

  it('by default a fresh 0700 folder in the temp folder, 0700 per file, files 0600 whoever writes them; removed on dispose', async () => {
    const outbox = createFileOutbox();
    const csv = await outbox.reserve('campaigns.csv');
    const png = await outbox.reserve('board.png');
    const root = dirname(dirname(csv));
    cleanup.push(root);
    expect(dirname(root)).toBe(tmpdir());
    expect(basename(root)).toMatch(/^preorder-pal-outbox-/);
    expect(dirname(dirname(png))).toBe(root);
    expect(basename(csv)).toBe('campaigns.csv');
    expect(await mode(root)).toBe(0o700);
    expect(await mode(dirname(csv))).toBe(0o700);
    // As the export writes a CSV, and as a chart writes its PNG (plain writeFile, default mode).
    async function* rows() {
      yield 'Member,Title\n';
      yield 'Sam,The Salt Road\n';
    }
    await createFileWriter().pipeTo(csv, rows());
    await writeFile(png, Buffer.from([0x89, 0x50]));
    expect(await mode(csv)).toBe(0o600);
    expect(await mode(png)).toBe(0o600);

    await outbox.dispose!();
    expect(existsSync(root)).toBe(false);
  });

  it('removes outboxes a killed process left in the temp folder a day ago, and nothing else', async () => {
    const abandoned = await mkdtemp(join(tmpdir(), 'preorder-pal-outbox-'));
    const recent = await mkdtemp(join(tmpdir(), 'preorder-pal-outbox-'));
    const other = await mkdtemp(join(tmpdir(), 'preorder-pal-outbox-x-'));
    cleanup.push(abandoned, recent, other);
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const dir of [abandoned, other]) await utimes(dir, old, old);
    const outbox = createFileOutbox();
    cleanup.push(dirname(dirname(await outbox.reserve('x.csv'))));
    expect([existsSync(abandoned), existsSync(recent), existsSync(other)]).toEqual([false, true, true]);
  });

  it('a kept folder (the console’s) is made private even if it existed more open, and stays', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pp-outbox-test-'));
    cleanup.push(parent);
    const kept = join(parent, 'files');
    await mkdir(kept, { mode: 0o755 });
    const outbox = createFileOutbox(kept);
    const path = await outbox.reserve('plan.ics');
    expect(await mode(kept)).toBe(0o700);
    expect(await mode(path)).toBe(0o600);
    await outbox.dispose!();
    expect(existsSync(path)).toBe(true);
  });

  it('sending deletes the file and its folder, and leaves the outbox', async () => {
    const outbox = createFileOutbox();
    const path = await outbox.reserve('campaigns.csv');
    const root = dirname(dirname(path));
    cleanup.push(root);
    await writeFile(path, 'x');
    await discardReplyFiles([{ name: 'campaigns.csv', path, contentType: 'text/csv', description: 'export' }]);
    expect(existsSync(dirname(path))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });
});
