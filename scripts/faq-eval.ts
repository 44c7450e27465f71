/**
 * `npm run faq:eval [-- --split <split>] [--misses]`, split one of samples, paraphrases, train,
 * dev, dev2 to dev9, holdout, holdout2 to holdout8 (default: every split whose file exists): top-1
 * accuracy, confident-wrong rate and confusion pairs per split. Tuning uses `--misses` on any split
 * but the blind ones, whose misses are never printed, so their figures stay measurements rather
 * than a to-do list (docs/faq-eval.md).
 */
import { parseArgs } from 'node:util';
import { createFaqMatcher } from '../src/core/faq/index.ts';
import { scoreRows, type EvalRow } from '../src/core/faq/evaluation.ts';
import { EXAMPLE_SOURCES, evalFileExists, sourceRows, type ExampleSource } from '../test/support/faq-eval-rows.ts';

const SPLITS = EXAMPLE_SOURCES;
type Split = ExampleSource;
/**
 * Blind splits: totals and confusion pairs only, never the questions that missed. Each blind set
 * is read once; afterwards its questions are examples (scored leave-one-set-out). The first
 * holdout, and holdout2 to holdout6 from the third round on, were spent and are tuning data now.
 */
const BLIND: ReadonlySet<Split> = new Set(['holdout7', 'holdout8']);

const load = (split: Split): EvalRow[] => sourceRows(split);

// `npm run faq:eval | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const { values } = parseArgs({ options: { split: { type: 'string' }, misses: { type: 'boolean' } } });
// The second blind holdout is added by whoever runs it once; until then the default run skips it.
const present = SPLITS.filter((split) => split === 'samples' || split === 'paraphrases' || evalFileExists(split));
const chosen = values.split === undefined ? [...present] : [values.split];
for (const split of chosen) {
  if (!(SPLITS as readonly string[]).includes(split)) {
    console.error(`--split must be one of ${SPLITS.join(', ')} (got "${split}")`);
    process.exit(2);
  }
  if (!(present as readonly string[]).includes(split)) {
    console.error(`test/fixtures/faq-eval-${split}.tsv is missing; add it before evaluating --split ${split}`);
    process.exit(2);
  }
}

// Leave one set out: the matcher learns from labelled examples, so each split is measured by a
// matcher built without that split's own examples; otherwise the figure would be memorisation.
console.log('Each split is evaluated leave-one-set-out: the matcher is built without its examples.');
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
for (const split of chosen as Split[]) {
  const score = scoreRows(createFaqMatcher(undefined, {}, { excludeExampleSources: [split] }), load(split));
  console.log(
    `${split}: top-1 ${score.correct}/${score.total} (${pct(score.correct, score.total)}), ` +
      `confident wrong ${score.confidentWrong} (${pct(score.confidentWrong, score.total)}), ` +
      `did-you-mean ${score.askBacks}, answered ${score.answered} (${score.answeredRight} right)`,
  );
  for (const [pair, count] of score.confusion.slice(0, 10)) console.log(`  ${count} × ${pair}`);
  if (values.misses && !BLIND.has(split)) {
    for (const { row, match } of score.misses) {
      console.log(
        `  MISS [${row.voice}] ${row.question}\n    expected ${row.expected.join('|') || '-'}, got ${match.kind} ` +
          `${match.topic ?? '-'} (${match.confidence}) [${match.suggestions.join(', ')}]`,
      );
    }
  }
}
