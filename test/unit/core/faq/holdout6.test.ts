import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from '../../../support/faq-eval-rows.ts';

/**
 * The sixth blind holdout: 330 questions by a fourth writer under the same rules, kept outside the
 * repository until holdout5 had become examples and the weights were chosen again, then evaluated
 * once with the matcher as shipped (docs/faq-eval.md): 310/330 (93.9 %) top 1, 4 confident wrong
 * (1.2 %). Neither of issue 15's targets (95 %, at most 1 % confident wrong) was met, so the floor
 * and the ceiling guard the figures measured. Its rows became examples afterwards, so it is scored
 * without them (leave-one-set-out).
 *
 * A missing file fails rather than skips: a green suite must mean the figure was measured.
 */
const FILE = 'faq-eval-holdout6.tsv';
const TOP1_FLOOR = 0.93;
const CONFIDENT_WRONG_CEILING = 0.015;

describe('FAQ holdout6 split', () => {
  it(`keeps ${TOP1_FLOOR * 100} % top 1 with at most 1.5 % confident wrong answers`, () => {
    const present = existsSync(new URL(`../../../fixtures/${FILE}`, import.meta.url));
    expect(present, `test/fixtures/${FILE} is missing: the blind holdout6 set has to be added first`).toBe(true);
    const matcher = createFaqMatcher(undefined, {}, { excludeExampleSources: ['holdout6'] });
    const score = scoreRows(matcher, evalRows('holdout6'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total, 'holdout6 has no rows').toBeGreaterThan(0);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
