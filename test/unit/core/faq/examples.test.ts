import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import { FAQ_EXAMPLES, type FaqExample } from '../../../../src/core/faq/examples.ts';
import { scoreRows } from '../../../../src/core/faq/evaluation.ts';
import { EXAMPLES_FILE, examplesJson } from '../../../../scripts/faq-build-examples.ts';
import { EXAMPLE_SOURCES, sampleRows } from '../../../support/faq-eval-rows.ts';

describe('FAQ labelled examples', () => {
  it('are current with the fixture sets (regenerate: node --import tsx scripts/faq-build-examples.ts)', () => {
    expect(readFileSync(EXAMPLES_FILE, 'utf8')).toBe(examplesJson());
  });

  it('keep their source set, one of the fixture sets, and come from every set', () => {
    const sources = new Set(FAQ_EXAMPLES.map((example) => example.source));
    expect([...sources].sort()).toEqual([...EXAMPLE_SOURCES].sort());
    expect(FAQ_EXAMPLES.length).toBeGreaterThanOrEqual(1300);
  });
});

describe('FAQ matcher with examples', () => {
  // "proof" alone is kdp-proof's word; an example says this wording means something else.
  const question = 'proof copy came out blurry';
  const example = (source: string): FaqExample => ({ source, topic: 'cover-images', question });
  const tuning = { blend: 0.9 };

  it('answers from an example worded like the question', () => {
    const taught = createFaqMatcher(undefined, {}, { examples: [example('mine')], tuning });
    expect(taught.match(question).topic ?? taught.match(question).suggestions[0]).toBe('cover-images');
  });

  it('leaves out an excluded source, and the same wording from any other source', () => {
    const plain = createFaqMatcher(undefined, {}, { examples: [], tuning });
    const examples = [example('mine'), example('theirs')];
    const without = createFaqMatcher(undefined, {}, { examples, excludeExampleSources: ['mine'], tuning });
    expect(without.match(question)).toEqual(plain.match(question));
  });

  it('does not answer a set question from its own example when that set is left out', () => {
    const rows = sampleRows();
    const all = createFaqMatcher();
    const leftOut = createFaqMatcher(undefined, {}, { excludeExampleSources: ['samples'] });
    const samplesOnly = FAQ_EXAMPLES.filter((e) => e.source === 'samples');
    const onlyThem = createFaqMatcher(undefined, {}, { examples: samplesOnly, excludeExampleSources: ['samples'] });
    const none = createFaqMatcher(undefined, {}, { examples: [] });
    // With only the samples' own examples, leaving them out leaves the matcher without examples.
    for (const row of rows) expect(onlyThem.match(row.question), row.question).toEqual(none.match(row.question));
    expect(scoreRows(leftOut, rows).correct).toBe(rows.length);
    expect(scoreRows(all, rows).correct).toBe(rows.length);
  });

  it('still answers without any examples', () => {
    const none = createFaqMatcher(undefined, {}, { examples: [] });
    const score = scoreRows(none, sampleRows());
    expect(score.correct / score.total).toBeGreaterThanOrEqual(0.95);
    expect(none.match('PO vs CO').topic).toBe('po-vs-co');
  });
});
