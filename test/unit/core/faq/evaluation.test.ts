import { describe, expect, it } from 'vitest';
import { FAQ_TOPIC_IDS, createFaqMatcher } from '../../../../src/core/faq/index.ts';
import type { FaqMatch } from '../../../../src/core/faq/index.ts';
import { isCorrect, parseEvalTsv, scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { SEED, split } from '../../../../scripts/faq-eval-split.ts';
import { evalRows, fixtureText, sampleRows } from '../../../support/faq-eval-rows.ts';

const lines = (name: string): string[] => fixtureText(name).split('\n').slice(1).filter(Boolean);
const matcher = createFaqMatcher();
/** The matcher learns from the labelled sets, so each is scored without its own examples. */
const without = (...sources: string[]) => createFaqMatcher(undefined, {}, { excludeExampleSources: sources });

describe('FAQ evaluation set', () => {
  it('is split once from faq-eval.tsv with the recorded seed, 70/30, nothing shared', () => {
    const all = lines('faq-eval.tsv');
    expect(all.length).toBeGreaterThanOrEqual(420);
    expect(SEED).toBe(20261204);
    const again = split(all);
    expect(lines('faq-eval-train.tsv')).toEqual(again.train);
    expect(lines('faq-eval-holdout.tsv')).toEqual(again.holdout);
    expect(again.train).toHaveLength(303);
    expect(again.holdout).toHaveLength(130);
    expect(split(all, SEED + 1).holdout).not.toEqual(again.holdout);
  });

  it('has at least 12 voices and covers every topic', () => {
    const rows = [...evalRows('train'), ...evalRows('holdout')];
    expect(new Set(rows.map((row) => row.voice)).size).toBeGreaterThanOrEqual(12);
    for (const id of FAQ_TOPIC_IDS) {
      expect(rows.filter((row) => row.expected.includes(id)).length, id).toBeGreaterThanOrEqual(10);
    }
    expect(rows.filter((row) => row.expected.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it('rejects a row labelled with a topic that does not exist', () => {
    expect(() => parseEvalTsv('voice\ttopic\tquestion\nterse\tfees\thow much')).toThrow(/Unknown topic "fees"/);
  });
});

describe('FAQ fresh dev sets (dev2 to dev8)', () => {
  const DEV_SETS = ['dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'] as const;
  // Each was measured once before its misses were read (docs/faq-eval.md); tuned on since, so this
  // is a regression floor for the intent cues they led to, not a generalisation figure.
  it('stay at 95 % top 1 or better with no confident wrong answer', () => {
    const rows = DEV_SETS.flatMap((name) => parseEvalTsv(fixtureText(`faq-eval-${name}.tsv`)));
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const score = scoreRows(without(...DEV_SETS), rows);
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(0.95);
    expect(score.confidentWrong, figures).toBe(0);
  });
});

describe('FAQ evaluation scoring', () => {
  const row = parseEvalTsv('voice\ttopic\tquestion\nterse\taa-fee|aa-enrollment\tq\nnoise\t-\thi');
  const [fee, noise] = [row[0]!, row[1]!];
  const match = (over: Partial<FaqMatch>): FaqMatch => ({
    kind: 'answer',
    topic: null,
    confidence: 0.5,
    suggestions: ['why-aa', 'requirements', 'bot-help'],
    ...over,
  });

  it('an answer is right when it names any expected topic', () => {
    expect(isCorrect(fee, match({ topic: 'aa-enrollment' }))).toBe(true);
    expect(isCorrect(fee, match({ topic: 'why-aa' }))).toBe(false);
  });

  it('a did-you-mean is right only when its first choice is expected', () => {
    expect(isCorrect(fee, match({ kind: 'did-you-mean', suggestions: ['aa-fee', 'why-aa', 'bot-help'] }))).toBe(true);
    expect(isCorrect(fee, match({ kind: 'did-you-mean', suggestions: ['why-aa', 'aa-fee', 'bot-help'] }))).toBe(false);
    expect(isCorrect(fee, match({ kind: 'unsure', suggestions: ['aa-fee', 'why-aa', 'bot-help'] }))).toBe(false);
  });

  it('a "no answer" row is right only when no topic is named', () => {
    expect(isCorrect(noise, match({ kind: 'noise' }))).toBe(true);
    expect(isCorrect(noise, match({ topic: 'bot-help' }))).toBe(false);
  });
});

describe('FAQ accuracy floors', () => {
  it('answers every sample question right (top 1), with no confident wrong answer', () => {
    const score = scoreRows(without('samples'), sampleRows());
    const misses = score.misses.map((m) => `${m.row.question} -> ${m.match.topic ?? m.match.kind}`);
    expect(score.correct, misses.join('\n')).toBe(score.total);
  });

  it('keeps train at 95 % top 1 or better and confident wrong answers at 2 % or less', () => {
    const score = scoreRows(without('train'), evalRows('train'));
    const misses = score.misses.map((m) => `${m.row.question} -> ${m.match.topic ?? m.match.kind}`);
    expect(score.correct / score.total, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(score.confidentWrong / score.total).toBeLessThanOrEqual(0.02);
  });

  it('never answers the noise rows with a topic', () => {
    for (const noisy of evalRows('train').filter((r) => r.expected.length === 0)) {
      expect(matcher.match(noisy.question).topic, noisy.question).toBeNull();
    }
  });
});
