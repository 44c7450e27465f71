import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from './eval-fixtures.ts';

/**
 * The holdout split measures how the matcher does on wording nobody tuned for. Only totals are
 * reported, never which questions missed: a miss list would turn the holdout into tuning data
 * (docs/faq-eval.md).
 */
describe('FAQ holdout split', () => {
  it('gets at least 95 % top 1, with at most 1 % confident wrong answers', () => {
    const score = scoreRows(createFaqMatcher(), evalRows('holdout'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total).toBe(130);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(0.95);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(0.01);
  });
});
