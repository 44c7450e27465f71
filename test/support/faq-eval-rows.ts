import { existsSync, readFileSync } from 'node:fs';
import { parseEvalTsv, type EvalRow } from '../../src/core/faq/evaluation.ts';

/** The FAQ evaluation's question files, read by its tests and by `npm run faq:eval` alike. */
const fixtureUrl = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);

export const fixtureText = (name: string): string => readFileSync(fixtureUrl(name), 'utf8');

export const evalFileExists = (split: string): boolean => existsSync(fixtureUrl(`faq-eval-${split}.tsv`));

/** One split's rows (`train`, `holdout`, `dev2`…), from `faq-eval-<split>.tsv`. */
export const evalRows = (split: string): EvalRow[] => parseEvalTsv(fixtureText(`faq-eval-${split}.tsv`));

/** A two-column file (question, topic) in the evaluation's row shape, every row given `voice`. */
function twoColumnRows(name: string, voice: string): EvalRow[] {
  const body = fixtureText(name)
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [question = '', topic = ''] = line.split('\t');
      return `${voice}\t${topic}\t${question}`;
    });
  return parseEvalTsv(['voice\ttopic\tquestion', ...body].join('\n'));
}

/** The sample questions (their file predates the evaluation's columns: question, topic). */
export const sampleRows = (): EvalRow[] => twoColumnRows('faq-questions.tsv', 'sample');

/** Our own paraphrases, written alongside the aliases (same two columns as the samples). */
export const paraphraseRows = (): EvalRow[] => twoColumnRows('faq-paraphrases.tsv', 'paraphrase');

/**
 * Every labelled question set, by the source name the matcher's examples keep. `faq-eval.tsv` is
 * not listed: it is exactly train plus holdout, which are listed so either can be left out alone.
 */
export const EXAMPLE_SOURCES = [
  'samples',
  'paraphrases',
  'train',
  'holdout',
  'dev',
  'dev2',
  'dev3',
  'dev4',
  'dev5',
  'dev6',
  'dev7',
  'dev8',
  'dev9',
  'holdout2',
  'holdout3',
  'holdout4',
  'holdout5',
  'holdout6',
  'holdout7',
  'holdout8',
] as const;
export type ExampleSource = (typeof EXAMPLE_SOURCES)[number];

export function sourceRows(source: ExampleSource): EvalRow[] {
  if (source === 'samples') return sampleRows();
  if (source === 'paraphrases') return paraphraseRows();
  return evalRows(source);
}
