import { existsSync, readFileSync } from 'node:fs';
import { parseEvalTsv, type EvalRow } from '../../src/core/faq/evaluation.ts';

/** The FAQ evaluation's question files, read by its tests and by `npm run faq:eval` alike. */
const fixtureUrl = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);

export const fixtureText = (name: string): string => readFileSync(fixtureUrl(name), 'utf8');

export const evalFileExists = (split: string): boolean => existsSync(fixtureUrl(`faq-eval-${split}.tsv`));

/** One split's rows (`train`, `holdout`, `dev2`…), from `faq-eval-<split>.tsv`. */
export const evalRows = (split: string): EvalRow[] => parseEvalTsv(fixtureText(`faq-eval-${split}.tsv`));

/** The sample questions in the evaluation's row shape (their file predates it: question, topic). */
export function sampleRows(): EvalRow[] {
  const body = fixtureText('faq-questions.tsv')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [question = '', topic = ''] = line.split('\t');
      return `sample\t${topic}\t${question}`;
    });
  return parseEvalTsv(['voice\ttopic\tquestion', ...body].join('\n'));
}
