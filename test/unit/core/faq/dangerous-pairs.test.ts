import { describe, expect, it } from 'vitest';
import { createFaqMatcher } from '../../../../src/core/faq/index.ts';
import type { FaqMatch, FaqTopicId } from '../../../../src/core/faq/index.ts';

const matcher = createFaqMatcher();

/** What the member is pointed at first: the answer, or the first "Did you mean…" choice. */
const offered = (found: FaqMatch): FaqTopicId | null =>
  found.topic ?? (found.kind === 'did-you-mean' ? (found.suggestions[0] ?? null) : null);

/** Neither answered with `wrong`, nor offered it as one of the two "Did you mean…" choices. */
function expectNever(question: string, wrong: FaqTopicId): void {
  const found = matcher.match(question);
  expect(found.topic, question).not.toBe(wrong);
  if (found.kind === 'did-you-mean') expect(found.suggestions.slice(0, 2), question).not.toContain(wrong);
}

describe('dangerous pairs: a wrong answer here costs an author the pre-order', () => {
  describe('setup lead time is never the 36–48 h KDP publish window', () => {
    it.each([
      'How many days before launch should the pre-order go up?',
      'How far ahead should I set up the AA listing?',
      'how early should the listing be up',
      'how far in advance do I need the Advantage account',
      'how many weeks before release should I start',
      'is it too late to start a pre-order, launch is in 2 weeks',
      'how much lead time does the pre-order need',
      'how long before launch should I start using you?',
      'how long before release should the Advantage listing be up',
    ])('%s', (question) => {
      expectNever(question, 'kdp-publish-timing');
    });

    it('the plainly lead-time ones are answered with setup-lead-time', () => {
      for (const question of [
        'How many days before launch should the pre-order go up?',
        'How far ahead should I set up the AA listing?',
        'how many weeks before release should I start',
      ]) {
        expect(matcher.match(question).topic, question).toBe('setup-lead-time');
      }
    });

    it('a question that names the KDP Publish button still gets the publish window', () => {
      expect(matcher.match('how many days before launch do I publish on KDP').topic).toBe('kdp-publish-timing');
      expect(matcher.match('when do I press publish').topic).toBe('kdp-publish-timing');
      expect(matcher.match('how many hours before release should i publish in kdp').topic).toBe('kdp-publish-timing');
      expect(offered(matcher.match('what is the deadline to publish on kdp'))).toBe('kdp-publish-timing');
    });
  });

  describe('already published is never the publish timing', () => {
    it.each([
      'I already hit publish on KDP by accident, what now?',
      'I pressed publish on KDP yesterday',
      'oops I published the paperback on KDP too early',
      'I accidentally approved the proof and published on KDP',
    ])('%s', (question) => {
      expectNever(question, 'kdp-publish-timing');
      expect(offered(matcher.match(question)), question).toBe('already-published');
    });
  });

  describe('uploading files to KDP is not publishing', () => {
    it.each(['I uploaded my files to KDP, did that publish the book?', 'when do I upload my interior to KDP'])(
      '%s',
      (question) => {
        expect(offered(matcher.match(question)), question).toBe('kdp-proof');
      },
    );
  });

  describe('a stray word is never "Don\'t cancel purchase orders"', () => {
    it.each(['clear', 'CLEAR', 'clear!!', 'clear please'])('%s', (message) => {
      const found = matcher.match(message);
      expect(found.topic).not.toBe('dont-cancel-pos');
      expect(found.topic).toBeNull();
    });

    it('but a real question about cancelling POs still gets it', () => {
      expect(matcher.match('should I cancel the POs').topic).toBe('dont-cancel-pos');
    });
  });

  describe('payment through Advantage is not the Advantage fee', () => {
    it('"AA asked for my bank details" is about payment', () => {
      expect(offered(matcher.match('AA asked for my bank details, is that how I get paid?'))).toBe('aa-payment');
      expectNever('AA asked for my bank details, is that how I get paid?', 'aa-fee');
    });
  });
});
