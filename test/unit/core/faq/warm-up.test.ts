import { describe, expect, it } from 'vitest';
import { createFaqMatcher, FAQ_ENTRIES, warmUp, type FaqMatcher } from '../../../../src/core/faq/index.ts';

describe('warmUp', () => {
  it("matches every topic's title and phrasings once, and leaves the matcher's answers as they were", () => {
    const matcher = createFaqMatcher();
    const asked: string[] = [];
    const spy: FaqMatcher = {
      match: (question) => {
        asked.push(question);
        return matcher.match(question);
      },
      suggest: (query, limit) => matcher.suggest(query, limit),
    };
    const before = matcher.match('When should I hit publish on KDP?');
    const phrasings = FAQ_ENTRIES.flatMap((entry) => [entry.title, ...entry.aliases]);
    expect(warmUp(spy)).toBe(phrasings.length);
    expect(asked).toEqual(phrasings);
    expect(matcher.match('When should I hit publish on KDP?')).toEqual(before);
  });
});
