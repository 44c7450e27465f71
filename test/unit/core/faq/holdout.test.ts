import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from './eval-fixtures.ts';

/**
 * The holdout split measures how the matcher does on wording nobody tuned for. Only totals are
 * reported, never which questions missed: a miss list would turn the holdout into tuning data
 * (docs/faq-eval.md).
 *
 * Issue 15 asks for 95 % top 1. The matcher reached 122/130 (93.8 %) on its second and last
 * holdout run, so the top-1 floor guards that figure rather than claiming the target; the
 * confident-wrong ceiling is the issue's own 1 %.
 */
const TOP1_FLOOR = 0.93;
const CONFIDENT_WRONG_CEILING = 0.01;

describe('FAQ holdout split', () => {
  it(`keeps top 1 at ${TOP1_FLOOR * 100} % or better, with at most 1 % confident wrong answers`, () => {
    const score = scoreRows(createFaqMatcher(), evalRows('holdout'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total).toBe(130);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
