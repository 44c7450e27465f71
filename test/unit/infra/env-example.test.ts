import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../../src/infra/config.ts';
import { REPO_ROOT } from '../../support/processes.ts';

const example = parseEnv(readFileSync(join(REPO_ROOT, '.env.example'), 'utf8'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : filesUnder(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

describe('.env.example', () => {
  it('starts the bot when copied as it is', () => {
    expect(() => loadConfig(example)).not.toThrow();
  });

  it('documents every variable the config schema reads', () => {
    expect(Object.keys(configSchema.shape).filter((name) => !(name in example))).toEqual([]);
  });

  it('documents every variable the code, tests and scripts read', () => {
    const read = new Set<string>();
    for (const file of ['src', 'test', 'bench', 'scripts'].flatMap((d) => filesUnder(join(REPO_ROOT, d)))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:process\.)?env\.([A-Z][A-Z0-9_]+)/g))
        read.add(match[1]!);
    }
    const undocumented = [...read].filter((name) => !(name in example));
    expect(undocumented).toEqual([]);
  });
});
