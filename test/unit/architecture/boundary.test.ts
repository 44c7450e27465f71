import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/processes.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]!);

const PLATFORM_OR_IO =
  /^(discord\.js|@discordjs\/|@slack\/|@prisma\/|prisma|pg$|@electric-sql\/|pglite-prisma-adapter|pino|node:fs|node:net|node:http|fs$|http$)/;

describe('architecture boundaries', () => {
  const core = sourceFiles(join(REPO_ROOT, 'src', 'core'));
  const app = sourceFiles(join(REPO_ROOT, 'src', 'app'));

  it('finds the files it guards', () => {
    expect(core.length).toBeGreaterThan(8);
    expect(app.length).toBeGreaterThan(5);
  });

  /** Imports from platform SDKs, the database, logging or files, or from the named layers. */
  function offences(files: string[], forbiddenLayers: RegExp): string[] {
    const found: string[] = [];
    for (const file of files) {
      const rel = relative(REPO_ROOT, file);
      for (const spec of importsOf(file)) {
        if (PLATFORM_OR_IO.test(spec)) found.push(`${rel} imports ${spec}`);
        if (spec.startsWith('.') && forbiddenLayers.test(join(file, '..', spec))) found.push(`${rel} imports ${spec}`);
      }
      if (/process\.env/.test(readFileSync(file, 'utf8'))) found.push(`${rel} reads process.env`);
    }
    return found;
  }

  it('keeps the domain core pure: no platform, database, logging or file imports, no process.env', () => {
    expect(offences(core, /\/(app|infra|adapters|jobs)\//)).toEqual([]);
  });

  it('keeps services platform-free: the app layer never imports an SDK, Prisma or an adapter', () => {
    expect(offences(app, /\/(infra|adapters)\//)).toEqual([]);
  });

  it('reads the environment only in the config module and the entry points', () => {
    const readers = sourceFiles(join(REPO_ROOT, 'src'))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO_ROOT, f))
      .sort();
    // discord-shards.ts only removes variables its shard processes must not inherit.
    const allowed = ['src/infra/config.ts', 'src/infra/db/migrate-cli.ts', 'src/discord-shards.ts'];
    expect(readers.filter((f) => !allowed.includes(f))).toEqual([]);
  });

  it('never reads ../shared at run or test time', () => {
    const files = [
      ...sourceFiles(join(REPO_ROOT, 'src')),
      ...sourceFiles(join(REPO_ROOT, 'test')),
      ...sourceFiles(join(REPO_ROOT, 'bench')),
    ];
    const offenders = files.filter(
      (f) => !f.endsWith('boundary.test.ts') && /\.\.\/shared|work\/shared/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(REPO_ROOT, f))).toEqual([]);
  });
});
