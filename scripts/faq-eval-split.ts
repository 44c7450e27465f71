// Splits test/fixtures/faq-eval.tsv once, at random with a fixed seed, into a train split
// (tuning may read it) and a holdout split (only the final figure reads it). Re-running it
// gives the same files; changing SEED or the source file would break the holdout's meaning.
import { readFileSync, writeFileSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { prng } from '../test/support/prng.ts';

export const SEED: number = 20261204;
export const TRAIN_SHARE: number = 0.7;

const fixtures = (name: string): string => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));

/** Fisher–Yates with the seeded generator, then the first TRAIN_SHARE of rows go to train. */
export function split<T>(lines: readonly T[], seed = SEED): { train: T[]; holdout: T[] } {
  // mulberry32 (test/support/prng.ts): a small seeded generator, so the split needs no dependency.
  const next = prng(seed);
  const rows = [...lines];
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const cut = Math.round(rows.length * TRAIN_SHARE);
  return { train: rows.slice(0, cut), holdout: rows.slice(cut) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [header, ...lines] = readFileSync(fixtures('faq-eval.tsv'), 'utf8').split('\n').filter(Boolean);
  const { train, holdout } = split(lines);
  writeFileSync(fixtures('faq-eval-train.tsv'), [header, ...train, ''].join('\n'));
  writeFileSync(fixtures('faq-eval-holdout.tsv'), [header, ...holdout, ''].join('\n'));
  console.log(`seed ${SEED}: ${lines.length} questions -> train ${train.length}, holdout ${holdout.length}`);
}
