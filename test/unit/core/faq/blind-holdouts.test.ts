import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { evalRows, type ExampleSource } from '../../../support/faq-eval-rows.ts';

/**
 * The blind holdouts (docs/faq-eval.md): each written by someone who saw only the topic catalogue
 * and the article, never the matcher or another question set, kept outside the repository until
 * the matcher of the day was final, then evaluated once. Issue 15 asks for 95 % top 1 and at most
 * 1 % confident wrong answers; where a reading fell short, the floor and ceiling guard the figure
 * measured. Each set became examples after its reading, so it is scored without them
 * (leave-one-set-out), and without another set's example worded like one of its questions.
 *
 * A missing file fails rather than skips: a green suite must mean the figure was measured.
 */
const BLIND_READINGS: { split: ExampleSource; measured: string; floor: number; ceiling: number }[] = [
  { split: 'holdout2', measured: '245/267 (91.8 %), 1 confident wrong; aliases only', floor: 0.93, ceiling: 0.01 },
  { split: 'holdout3', measured: '304/333 (91.3 %), 2 confident wrong; first examples', floor: 0.91, ceiling: 0.01 },
  { split: 'holdout4', measured: '311/332 (93.7 %), 4 confident wrong (1.2 %)', floor: 0.93, ceiling: 0.015 },
  { split: 'holdout5', measured: '306/325 (94.2 %), 4 confident wrong (1.2 %)', floor: 0.93, ceiling: 0.015 },
  {
    split: 'holdout6',
    measured: '310/330 (93.9 %), 4 confident wrong (1.2 %); re-weighted',
    floor: 0.93,
    ceiling: 0.015,
  },
  { split: 'holdout7', measured: '359/375 (95.7 %), no confident wrong; bot-request cues', floor: 0.95, ceiling: 0.01 },
  { split: 'holdout8', measured: '363/381 (95.3 %), 1 confident wrong (0.3 %)', floor: 0.95, ceiling: 0.01 },
];

describe('FAQ blind holdouts, scored leave-one-set-out', () => {
  for (const { split, measured, floor, ceiling } of BLIND_READINGS) {
    it(`${split} keeps ${floor * 100} % top 1 with at most ${ceiling * 100} % confident wrong (read once: ${measured})`, () => {
      const file = `faq-eval-${split}.tsv`;
      const present = existsSync(new URL(`../../../fixtures/${file}`, import.meta.url));
      expect(present, `test/fixtures/${file} is missing: the blind ${split} set has to be added first`).toBe(true);
      const matcher = createFaqMatcher(undefined, {}, { excludeExampleSources: [split] });
      const score = scoreRows(matcher, evalRows(split));
      const figures = `top-1 ${score.correct}/${score.total}, confident wrong ${score.confidentWrong}`;
      expect(score.total, `${split} has no rows`).toBeGreaterThan(0);
      expect(score.correct / score.total, figures).toBeGreaterThanOrEqual(floor);
      expect(score.confidentWrong / score.total, figures).toBeLessThanOrEqual(ceiling);
    });
  }
});
