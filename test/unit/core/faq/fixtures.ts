import { readFileSync } from 'node:fs';

/** Rows of a tab-separated fixture under test/fixtures, without its header line. */
export function readTsv(name: string): string[][] {
  const text = readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

export interface LabelledQuestion {
  question: string;
  topic: string;
}

export const readQuestions = (name: string): LabelledQuestion[] =>
  readTsv(name).map(([question = '', topic = '']) => ({ question, topic }));
