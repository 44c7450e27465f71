import { readFileSync } from 'node:fs';
import { parseEvalTsv, type EvalRow } from '../../../../src/core/faq/evaluation.ts';

export const fixtureText = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

export const evalRows = (split: 'train' | 'holdout' | 'holdout2'): EvalRow[] =>
  parseEvalTsv(fixtureText(`faq-eval-${split}.tsv`));

/** The sample questions in the evaluation's row shape. */
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
