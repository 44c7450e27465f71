import { describe, expect, it } from 'vitest';
import { FAQ_ENTRIES, FAQ_TOPIC_IDS, createFaqMatcher, isFaqTopicId } from '../../../../src/core/faq/index.ts';
import type { FaqMatch, FaqMatcher, FaqTopicId } from '../../../../src/core/faq/index.ts';
import { readQuestions } from './fixtures.ts';
import type { LabelledQuestion } from './fixtures.ts';

const matcher = createFaqMatcher();

function accuracy(rows: LabelledQuestion[], asker: FaqMatcher = matcher): { ratio: number; misses: string[] } {
  const misses: string[] = [];
  for (const { question, topic } of rows) {
    const found = asker.match(question);
    if (found.topic !== topic) {
      misses.push(
        `"${question}": expected ${topic}, got ${found.topic} (${found.confidence}) [${found.suggestions.join(', ')}]`,
      );
    }
  }
  return { ratio: (rows.length - misses.length) / rows.length, misses };
}

function expectWellFormed(found: FaqMatch): void {
  expect(found.confidence).toBeGreaterThanOrEqual(0);
  expect(found.confidence).toBeLessThanOrEqual(1);
  expect(found.suggestions).toHaveLength(3);
  expect(new Set(found.suggestions).size).toBe(3);
  for (const id of found.suggestions) expect(isFaqTopicId(id)).toBe(true);
  if (found.topic) expect(found.suggestions).not.toContain(found.topic);
}

describe('FAQ matcher accuracy', () => {
  const samples = readQuestions('faq-questions.tsv');
  const paraphrases = readQuestions('faq-paraphrases.tsv');

  it('fixtures are labelled with real topic ids', () => {
    for (const { topic } of [...samples, ...paraphrases]) expect(isFaqTopicId(topic), topic).toBe(true);
    expect(samples.length).toBeGreaterThanOrEqual(40);
    expect(paraphrases.length).toBeGreaterThanOrEqual(80);
    for (const id of FAQ_TOPIC_IDS) {
      expect(paraphrases.filter((row) => row.topic === id).length, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('gets every sample question right (top 1)', () => {
    const { ratio, misses } = accuracy(samples);
    expect(ratio, `accuracy ${(ratio * 100).toFixed(1)}%; misses:\n${misses.join('\n')}`).toBe(1);
  });

  it('gets at least 85% of our own paraphrases right (top 1)', () => {
    // Without their own examples, which the matcher would otherwise just remember.
    const { ratio, misses } = accuracy(
      paraphrases,
      createFaqMatcher(undefined, {}, { excludeExampleSources: ['paraphrases'] }),
    );
    expect(ratio, `accuracy ${(ratio * 100).toFixed(1)}%; misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.85);
  });

  it('every answer is well formed', () => {
    for (const { question } of [...samples, ...paraphrases]) expectWellFormed(matcher.match(question));
  });
});

describe('FAQ matcher on questions it cannot answer', () => {
  it.each([
    "what's the weather in Paris",
    'recommend a good pizza',
    'asdf qwerty',
    '',
    '   ',
    '?!',
    'tell me a joke',
    'what is the capital of France',
    'how do I cook pasta',
    'can you help me with my taxes',
    'how many calories in an apple',
  ])('%j: says it does not know and still offers three topics', (question) => {
    const found = matcher.match(question);
    expect(found.topic).toBeNull();
    expect(found.confidence).toBeLessThan(0.3);
    expectWellFormed(found);
  });

  it('a typo with nothing else to go on is not an answer, but steers the suggestions', () => {
    const found = matcher.match('confrim?');
    expect(found.topic).toBeNull();
    expect(found.suggestions[0]).toBe('confirm-pos');
  });
});

describe('FAQ matcher reply kinds', () => {
  it.each([
    'hello',
    'asdf;lkj qwe',
    '))))((((',
    'hi there!',
    'thanks',
    'qwertyuiop',
    'jjjjjjjj',
    '🙂🙂',
    'lol',
    'clear',
    'cheers, that was really useful',
    'thank you so much, that helped',
  ])('%j is noise: no topic, no confidence', (message) => {
    const found = matcher.match(message);
    expect(found.kind).toBe('noise');
    expect(found.topic).toBeNull();
    expect(found.confidence).toBe(0);
    expectWellFormed(found);
  });

  it('words it knows are not mashing, even without vowels', () => {
    expect(matcher.match('kdp pdf').kind).not.toBe('noise');
    expect(matcher.match('PO vs CO').topic).toBe('po-vs-co');
  });

  it('several unknown words may be a real question: unsure, not noise', () => {
    expect(matcher.match('will the zon giant sponsor my narrator').kind).toBe('unsure');
  });

  it('asks back between close topics: no topic, the candidates first and in order', () => {
    const found = matcher.match('does the zon giant bill me every single year');
    expect(found.kind).toBe('did-you-mean');
    expect(found.topic).toBeNull();
    expect(found.suggestions.slice(0, 2)).toEqual(['aa-fee', 'close-aa-account']);
    expectWellFormed(found);
  });

  it('words no topic uses count against an answer: one domain word in an off-topic question is not enough', () => {
    expect(matcher.match('today').topic).toBe('release-day-status');
    const found = matcher.match("what's the weather like today");
    expect(found.topic).toBeNull();
    expect(found.kind).not.toBe('answer');
  });

  it('a question whose only domain words are misspelt offers the guesses but never answers', () => {
    const found = matcher.match('how do i regster for amazon advantge');
    expect(found).toMatchObject({ kind: 'did-you-mean', topic: null });
    expect(found.suggestions[0]).toBe('aa-enrollment');
    expect(matcher.match('help with my taxes').kind).toBe('unsure');
  });

  it("the bot's reminder controls are bot questions", () => {
    expect(matcher.match('can I snooze the reminders').topic).toBe('bot-help');
  });

  it.each([
    'could you nudge me the evening I have to zero the POs',
    'would you message me each morning so I confirm the purchase orders',
    'set an alert for the day I press publish on KDP',
    "can you show me the launch date you've got saved",
  ])('a request the bot would carry out offers the bot first, never another topic outright: %j', (question) => {
    const found = matcher.match(question);
    expect(found.topic === 'bot-help' || (found.kind === 'did-you-mean' && found.suggestions[0] === 'bot-help')).toBe(
      true,
    );
  });

  it('what the bot can help with is a bot question, not noise', () => {
    expect(matcher.match('so what could you help me with?').topic).toBe('bot-help');
  });

  it('paying Amazon is the fee, not Advantage paying the author', () => {
    const found = matcher.match('must I pay Amazon anything to be on Advantage?');
    expect(found.topic === 'aa-fee' || found.suggestions[0] === 'aa-fee').toBe(true);
    expect(found.topic).not.toBe('aa-payment');
  });

  it('a risk question with no domain word is offered the risk topic', () => {
    const found = matcher.match('honestly, is this whole scheme legit or will it blow up in my face?');
    expect(found.topic ?? found.suggestions[0]).toBe('is-it-risky');
  });

  it('digits are not words nobody knows: "isbn 13 to 10" is still an answer', () => {
    expect(matcher.match('isbn 13 to 10?')).toMatchObject({ kind: 'answer', topic: 'isbn-convert' });
  });

  it('a clear question is an answer', () => {
    const found = matcher.match('How much does Amazon Advantage cost per year?');
    expect(found).toMatchObject({ kind: 'answer', topic: 'aa-fee' });
    expect(found.confidence).toBeGreaterThanOrEqual(0.3);
  });
});

describe('FAQ matcher details', () => {
  it('repairs typos next to words it knows', () => {
    expect(matcher.match('how do i confrim purchse orders').topic).toBe('confirm-pos');
    expect(matcher.match('amazon advantge anual fee').topic).toBe('aa-fee');
  });

  it('understands abbreviations and spelling variants', () => {
    expect(matcher.match('PO vs CO').topic).toBe('po-vs-co');
    expect(matcher.match('amazon.co.uk').topic).toBe('uk-differences');
    expect(matcher.match('enrolment paused?').topic).toBe('aa-enrollment');
    expect(matcher.match('I cancelled a PO').topic).toBe('dont-cancel-pos');
    expect(matcher.match('I canceled a PO').topic).toBe('dont-cancel-pos');
  });

  it('extra aliases teach it a new phrasing without touching the default matcher', () => {
    const question = "what's the deal with the pub checklist thingy";
    const before = matcher.match(question);
    expect(before.topic).not.toBe('requirements');
    const taught = createFaqMatcher(FAQ_ENTRIES, { requirements: ['pub checklist thingy'] }).match(question);
    expect(taught.topic).toBe('requirements');
    expect(taught.confidence).toBeGreaterThan(before.confidence);
    expect(createFaqMatcher().match(question)).toEqual(before);
  });

  it('works over a subset of entries and never names a topic outside it', () => {
    const subset = FAQ_ENTRIES.filter((entry) => ['aa-fee', 'zero-out', 'bot-help', 'isbn-convert'].includes(entry.id));
    const small = createFaqMatcher(subset);
    const found = small.match('how much is the yearly fee');
    expect(found.topic).toBe('aa-fee');
    const allowed: FaqTopicId[] = subset.map((entry) => entry.id);
    for (const id of found.suggestions) expect(allowed).toContain(id);
    expect(small.suggest('', 10)).toEqual(allowed);
  });
});

describe('FAQ topic autocomplete', () => {
  it('lists topics in catalogue order for an empty query, up to the limit', () => {
    // The default limit is Discord's cap on autocomplete choices.
    expect(matcher.suggest('')).toEqual(FAQ_TOPIC_IDS.slice(0, 25));
    expect(matcher.suggest('', 100)).toEqual([...FAQ_TOPIC_IDS]);
    expect(matcher.suggest('', 3)).toEqual(FAQ_TOPIC_IDS.slice(0, 3));
    expect(matcher.suggest('zero', 0)).toEqual([]);
  });

  it('puts a matching id or title first', () => {
    expect(matcher.suggest('zer')[0]).toBe('zero-out');
    expect(matcher.suggest('kdp')[0]).toBe('kdp-publish-timing');
    expect(matcher.suggest('Cover')[0]).toBe('cover-images');
    expect(matcher.suggest('uk')[0]).toBe('uk-differences');
  });

  it('falls back to the matcher for a half-typed question', () => {
    expect(matcher.suggest('when do i pub', 5)[0]).toBe('kdp-publish-timing');
    expect(matcher.suggest('xyzzy')).toEqual([]);
  });

  it('returns distinct ids and respects the limit', () => {
    const ids = matcher.suggest('a', 5);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
