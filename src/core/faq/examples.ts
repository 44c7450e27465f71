/**
 * Labelled example questions as a second source of evidence next to the hand-written aliases.
 * Aliases stopped carrying over to new writers' wording; about 1,300 questions from several
 * writers say more about how people ask than anyone can fit by hand, so a small model learns from
 * them: which words tend to come with which topic.
 *
 * The examples come from the fixture sets (`scripts/faq-build-examples.ts` writes the JSON), each
 * with its source, so an evaluation can leave out the set it measures (docs/faq-eval.md).
 */
import raw from './examples.generated.json' with { type: 'json' };
import { isFaqTopicId, type FaqTopicId } from './topics.ts';

export interface FaqExample {
  source: string;
  /** null: a greeting, gibberish or off-topic question (`-` in the fixtures). */
  topic: FaqTopicId | null;
  question: string;
}

export const FAQ_EXAMPLES: readonly FaqExample[] = Object.freeze(
  raw.map(([source = '', topic = '-', question = '']) => {
    if (topic !== '-' && !isFaqTopicId(topic)) throw new Error(`Unknown topic "${topic}" in FAQ example: ${question}`);
    return { source, topic: topic === '-' ? null : topic, question };
  }),
);

/**
 * The examples a matcher learns from, as tokens: those of unknown topics dropped, and the
 * excluded sources left out together with any other source's example worded the same (after
 * normalisation), so a copy in another set can't leak a left-out question back in.
 */
export function selectExamples(
  examples: readonly FaqExample[],
  excludedSources: ReadonlySet<string>,
  known: ReadonlySet<FaqTopicId>,
  tokenize: (question: string) => string[],
): { topic: FaqTopicId | null; tokens: string[] }[] {
  const all = examples
    .filter((example) => example.topic === null || known.has(example.topic))
    .map((example) => {
      const tokens = [...new Set(tokenize(example.question))];
      return { source: example.source, topic: example.topic, tokens, key: [...tokens].sort().join(' ') };
    });
  const leftOut = new Set(all.filter((example) => excludedSources.has(example.source)).map((example) => example.key));
  return all
    .filter((example) => !excludedSources.has(example.source) && !leftOut.has(example.key))
    .map(({ topic, tokens }) => ({ topic, tokens }));
}

/** Add-k smoothing: a word never seen with a topic lowers it, but does not rule it out. */
const SMOOTHING = 0.5;
/**
 * The per-word average log-likelihood is scaled by words^TEMPERATURE before the softmax: a long
 * question is somewhat surer than a short one, but not exponentially so, as plain naive Bayes
 * would have it (its words are far from independent). 0.25, 0.5 and 1 were compared by
 * cross-validation (scripts/faq-tune-examples.ts); 0.5 was as good as any.
 */
const TEMPERATURE = 0.5;

type Label = FaqTopicId | null;

/**
 * Multinomial naive Bayes over normalised tokens (each word counted once per example). Off-topic
 * examples are a class of their own, so chit-chat words pull towards "none of ours" rather than
 * towards whichever topic happened to share them. Tried first: a k-nearest-example vote; it helped
 * less under cross-validation, since one lucky neighbour sharing a filler word swung it.
 */
export class ExampleModel {
  private readonly counts = new Map<string, Map<Label, number>>();
  private readonly tokenTotals = new Map<Label, number>();
  private readonly exampleTotals = new Map<Label, number>();

  constructor(examples: readonly { topic: Label; tokens: readonly string[] }[]) {
    for (const example of examples) {
      const tokens = new Set(example.tokens);
      if (tokens.size === 0) continue;
      this.exampleTotals.set(example.topic, (this.exampleTotals.get(example.topic) ?? 0) + 1);
      this.tokenTotals.set(example.topic, (this.tokenTotals.get(example.topic) ?? 0) + tokens.size);
      for (const token of tokens) {
        const byLabel = this.counts.get(token) ?? new Map<Label, number>();
        byLabel.set(example.topic, (byLabel.get(example.topic) ?? 0) + 1);
        this.counts.set(token, byLabel);
      }
    }
  }

  get empty(): boolean {
    return this.exampleTotals.size === 0;
  }

  /** P(topic | words) for every topic with examples (off-topic left out); empty when no word is known. */
  posterior(tokens: readonly string[]): Map<FaqTopicId, number> {
    const known = [...new Set(tokens)].filter((token) => this.counts.has(token));
    const out = new Map<FaqTopicId, number>();
    if (known.length === 0) return out;
    const vocabulary = this.counts.size;
    const scale = known.length ** TEMPERATURE / known.length;
    const logs = new Map<Label, number>();
    for (const [label, examples] of this.exampleTotals) {
      const denominator = (this.tokenTotals.get(label) ?? 0) + SMOOTHING * vocabulary;
      let log = Math.log(examples);
      for (const token of known) log += Math.log(((this.counts.get(token)?.get(label) ?? 0) + SMOOTHING) / denominator);
      logs.set(label, log * scale);
    }
    const max = Math.max(...logs.values());
    let sum = 0;
    for (const log of logs.values()) sum += Math.exp(log - max);
    for (const [label, log] of logs) if (label !== null) out.set(label, Math.exp(log - max) / sum);
    return out;
  }
}
