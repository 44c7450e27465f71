import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from '../../../support/faq-eval-rows.ts';

/**
 * The first holdout split. It measured the matcher twice (91.5 %, then 93.8 % top 1 on its second
 * and last blind run) and is spent: its misses have since been read for tuning, so this floor
 * is a regression guard on known wording, not a measure of generalisation. That measure is the
 * blind holdouts (blind-holdouts.test.ts, docs/faq-eval.md).
 */
const TOP1_FLOOR = 0.95;
const CONFIDENT_WRONG_CEILING = 0.01;

describe('FAQ holdout split (spent, now a regression guard)', () => {
  it(`keeps top 1 at ${TOP1_FLOOR * 100} % or better, with at most 1 % confident wrong answers`, () => {
    // Leave-one-set-out: the matcher learns from labelled sets, this one must not be among them.
    const score = scoreRows(
      createFaqMatcher(undefined, {}, { excludeExampleSources: ['holdout'] }),
      evalRows('holdout'),
    );
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total).toBe(130);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
