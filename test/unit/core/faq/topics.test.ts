import { describe, expect, it } from 'vitest';
import { FAQ_TOPIC_IDS, isFaqTopicId } from '../../../../src/core/faq/index.ts';

describe('FAQ topic ids', () => {
  it('are the 26 catalogue ids, in catalogue order, each once', () => {
    expect(FAQ_TOPIC_IDS).toHaveLength(26);
    expect(new Set(FAQ_TOPIC_IDS).size).toBe(26);
    expect(FAQ_TOPIC_IDS[0]).toBe('aa-vs-ingram');
    expect(FAQ_TOPIC_IDS.at(-1)).toBe('bot-help');
  });

  it('recognises ids and rejects anything else', () => {
    for (const id of FAQ_TOPIC_IDS) expect(isFaqTopicId(id)).toBe(true);
    for (const value of ['', 'zero out', 'Zero-Out', 'toString', 'constructor', 42, null, undefined, {}]) {
      expect(isFaqTopicId(value)).toBe(false);
    }
  });
});
