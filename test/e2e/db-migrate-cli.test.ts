import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeWithTsx, REPO_ROOT, run } from '../support/processes.ts';

const CLI = join(REPO_ROOT, 'src/infra/db/migrate-cli.ts');

describe('npm run db:migrate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-migrate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads DATABASE_URL from .env like npm start, and explains a bad one without touching a database', async () => {
    await writeFile(join(dir, '.env'), 'DATABASE_URL=mysql://nowhere/db\n');
    const [cmd, args] = nodeWithTsx(CLI);
    const env = { ...process.env, DATABASE_URL: undefined, LOG_LEVEL: 'silent' };
    const result = await run(cmd, args, { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('See .env.example');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Nothing was created where the default embedded database would have gone.
    expect(await readdir(dir)).toEqual(['.env']);
  });
});
