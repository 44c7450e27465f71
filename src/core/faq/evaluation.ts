/**
 * Scoring a labelled question set against a matcher, shared by `npm run faq:eval` and the tests
 * that assert the accuracy floors, so both count a "right answer" the same way (docs/faq-eval.md).
 */
import type { FaqMatch, FaqMatcher } from './matcher.ts';
import { isFaqTopicId, type FaqTopicId } from './topics.ts';

export interface EvalRow {
  voice: string;
  /** Any of these is right; empty means "no topic is right" (greeting, gibberish, off-topic). */
  expected: readonly FaqTopicId[];
  question: string;
}

export interface EvalMiss {
  row: EvalRow;
  match: FaqMatch;
}

export interface EvalScore {
  total: number;
  correct: number;
  /** Answers that named a topic outside `expected`: the member would act on a wrong answer. */
  confidentWrong: number;
  /** Replies that asked "Did you mean…" instead of answering. */
  askBacks: number;
  /** Replies that named a topic, and how many of those were right. */
  answered: number;
  answeredRight: number;
  misses: EvalMiss[];
  /** "expected -> got" with counts, most frequent first. */
  confusion: [string, number][];
}

/** `voice<TAB>topic<TAB>question` rows, header skipped; `topic` is ids joined by `|`, or `-`. */
export function parseEvalTsv(text: string): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [voice = '', topics = '', question = ''] = line.split('\t');
    const expected = topics === '-' ? [] : topics.split('|');
    const bad = expected.find((id) => !isFaqTopicId(id));
    if (bad !== undefined) throw new Error(`Unknown topic "${bad}" in evaluation row: ${line}`);
    rows.push({ voice, expected: expected as FaqTopicId[], question });
  }
  return rows;
}

/** The topic the member is offered first: the answer, or the first "Did you mean…" choice. */
export function offeredTopic(match: FaqMatch): FaqTopicId | null {
  if (match.topic) return match.topic;
  return match.kind === 'did-you-mean' ? (match.suggestions[0] ?? null) : null;
}

export function isCorrect(row: EvalRow, match: FaqMatch): boolean {
  const offered = offeredTopic(match);
  return row.expected.length === 0 ? match.topic === null : offered !== null && row.expected.includes(offered);
}

export function scoreRows(matcher: FaqMatcher, rows: readonly EvalRow[]): EvalScore {
  const misses: EvalMiss[] = [];
  const pairs = new Map<string, number>();
  let confidentWrong = 0;
  let askBacks = 0;
  let answered = 0;
  let answeredRight = 0;
  for (const row of rows) {
    const match = matcher.match(row.question);
    if (match.kind === 'did-you-mean') askBacks++;
    const correct = isCorrect(row, match);
    if (match.topic !== null) answered++;
    if (match.topic !== null && correct) answeredRight++;
    if (correct) continue;
    misses.push({ row, match });
    if (match.topic !== null) confidentWrong++;
    const pair = `${row.expected.join('|') || '-'} -> ${offeredTopic(match) ?? '-'}`;
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  const confusion = [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const correct = rows.length - misses.length;
  return { total: rows.length, correct, confidentWrong, askBacks, answered, answeredRight, misses, confusion };
}
