import { describe, expect, it } from 'vitest';
import { FAQ_TOPIC_IDS, isFaqTopicId } from '../../../../src/core/faq/index.ts';

describe('FAQ topic ids', () => {
  it('are the 30 catalogue ids, in catalogue order, each once', () => {
    expect(FAQ_TOPIC_IDS).toHaveLength(30);
    expect(new Set(FAQ_TOPIC_IDS).size).toBe(30);
    expect(FAQ_TOPIC_IDS[0]).toBe('aa-vs-ingram');
    expect(FAQ_TOPIC_IDS[25]).toBe('bot-help');
    expect(FAQ_TOPIC_IDS.slice(26)).toEqual(['setup-lead-time', 'is-it-risky', 'aa-payment', 'kdp-proof']);
  });

  it('recognises ids and rejects anything else', () => {
    for (const id of FAQ_TOPIC_IDS) expect(isFaqTopicId(id)).toBe(true);
    for (const value of ['', 'zero out', 'Zero-Out', 'toString', 'constructor', 42, null, undefined, {}]) {
      expect(isFaqTopicId(value)).toBe(false);
    }
  });
});
