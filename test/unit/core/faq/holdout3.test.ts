import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from '../../../support/faq-eval-rows.ts';

/**
 * The third blind holdout: 333 questions by a writer who saw only the topic catalogue and the
 * article, kept outside the repository until the matcher that learns from examples was final, then
 * evaluated once (docs/faq-eval.md): 304/333 (91.3 %) top 1, 2 confident wrong (0.6 %). Issue
 * 15's 95 % was not met, so the floor guards the figure measured; the ceiling is the issue's own.
 * Its rows became examples afterwards, so it is scored without them (leave-one-set-out).
 *
 * A missing file fails rather than skips: a green suite must mean the figure was measured.
 */
const FILE = 'faq-eval-holdout3.tsv';
const TOP1_FLOOR = 0.91;
const CONFIDENT_WRONG_CEILING = 0.01;

describe('FAQ holdout3 split', () => {
  it(`keeps ${TOP1_FLOOR * 100} % top 1 with at most 1 % confident wrong answers`, () => {
    const present = existsSync(new URL(`../../../fixtures/${FILE}`, import.meta.url));
    expect(present, `test/fixtures/${FILE} is missing: the blind holdout3 set has to be added first`).toBe(true);
    const matcher = createFaqMatcher(undefined, {}, { excludeExampleSources: ['holdout3'] });
    const score = scoreRows(matcher, evalRows('holdout3'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total, 'holdout3 has no rows').toBeGreaterThan(0);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
