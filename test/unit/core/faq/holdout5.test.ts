import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from '../../../support/faq-eval-rows.ts';

/**
 * The fifth blind holdout: 325 questions by a third writer under the same rules, kept outside the
 * repository until holdout4 had become examples, then evaluated once with the matcher as shipped
 * (docs/faq-eval.md): 306/325 (94.2 %) top 1, 4 confident wrong (1.2 %). Neither of issue 15's
 * targets (95 %, at most 1 % confident wrong) was met, so the floor and the ceiling guard the
 * figures measured. Its rows became examples afterwards, so it is scored without them
 * (leave-one-set-out), and without another set's example worded like one of its questions: 305/325.
 *
 * A missing file fails rather than skips: a green suite must mean the figure was measured.
 */
const FILE = 'faq-eval-holdout5.tsv';
const TOP1_FLOOR = 0.93;
const CONFIDENT_WRONG_CEILING = 0.015;

describe('FAQ holdout5 split', () => {
  it(`keeps ${TOP1_FLOOR * 100} % top 1 with at most 1.5 % confident wrong answers`, () => {
    const present = existsSync(new URL(`../../../fixtures/${FILE}`, import.meta.url));
    expect(present, `test/fixtures/${FILE} is missing: the blind holdout5 set has to be added first`).toBe(true);
    const matcher = createFaqMatcher(undefined, {}, { excludeExampleSources: ['holdout5'] });
    const score = scoreRows(matcher, evalRows('holdout5'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total, 'holdout5 has no rows').toBeGreaterThan(0);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
