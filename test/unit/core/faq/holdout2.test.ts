import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows } from '../../../support/faq-eval-rows.ts';

/**
 * The second blind holdout: written by someone who saw only the topic catalogue and the article,
 * never the matcher or the other question sets, and evaluated once (docs/faq-eval.md): 245/267
 * (91.8 %) top 1, 1 confident wrong. Issue 15's target of 95 % was not met, so the floor guards
 * the figure measured; the ceiling is the issue's own. Since the matcher learns from labelled
 * examples it is scored without holdout2's own (250/267, 93.6 %, 2 confident wrong), and the floor
 * rose to 93 %. Only totals are reported, never which
 * questions missed.
 *
 * A missing file fails rather than skips: a green suite must mean the figure was measured.
 */
const FILE = 'faq-eval-holdout2.tsv';
const TOP1_FLOOR = 0.93;
const CONFIDENT_WRONG_CEILING = 0.01;

describe('FAQ holdout2 split', () => {
  it(`keeps ${TOP1_FLOOR * 100} % top 1 with at most 1 % confident wrong answers`, () => {
    const present = existsSync(new URL(`../../../fixtures/${FILE}`, import.meta.url));
    expect(present, `test/fixtures/${FILE} is missing: the blind holdout2 set has to be added first`).toBe(true);
    // Leave-one-set-out: the matcher learns from labelled sets, this one must not be among them.
    const matcher = createFaqMatcher(undefined, {}, { excludeExampleSources: ['holdout2'] });
    const score = scoreRows(matcher, evalRows('holdout2'));
    const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
    expect(score.total, 'holdout2 has no rows').toBeGreaterThan(0);
    expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(CONFIDENT_WRONG_CEILING);
  });
});
