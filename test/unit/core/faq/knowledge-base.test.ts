import { describe, expect, it } from 'vitest';
import { FAQ_ENTRIES, FAQ_TOPIC_IDS, getFaqEntry, isFaqTopicId } from '../../../../src/core/faq/index.ts';
import { readTsv } from './fixtures.ts';
import { shingleHashes } from './article-guard.ts';

// Splits on sentence-ending punctuation followed by a space, so "amazon.co.uk" and "$29.95" stay whole.
const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

describe('FAQ knowledge base', () => {
  it('has exactly one entry per topic id, in catalogue order', () => {
    expect(FAQ_ENTRIES.map((entry) => entry.id)).toEqual([...FAQ_TOPIC_IDS]);
    for (const id of FAQ_TOPIC_IDS) expect(getFaqEntry(id).id).toBe(id);
  });

  it.each(FAQ_ENTRIES.map((entry) => [entry.id, entry] as const))('%s is well formed', (id, entry) => {
    const count = sentences(entry.answer).length;
    expect(count, `${id} has ${count} sentences`).toBeGreaterThanOrEqual(2);
    expect(count, `${id} has ${count} sentences`).toBeLessThanOrEqual(6);
    expect(entry.title.trim()).not.toBe('');
    expect(entry.aliases.length).toBeGreaterThanOrEqual(3);
    expect(entry.keywords.length).toBeGreaterThanOrEqual(3);
    expect(entry.related.length).toBeGreaterThan(0);
    for (const related of entry.related) expect(isFaqTopicId(related), `${id} → ${related}`).toBe(true);
    expect(entry.related).not.toContain(id);
    expect(new Set(entry.related).size).toBe(entry.related.length);
  });

  it('states the facts members rely on', () => {
    const answer = (id: Parameters<typeof getFaqEntry>[0]): string => getFaqEntry(id).answer;
    expect(answer('aa-fee')).toContain('$99');
    expect(answer('aa-fee')).toContain('$29.95');
    expect(answer('aa-fee')).toMatch(/upfront/);
    expect(answer('aa-enrollment')).toMatch(/2019/);
    expect(answer('kindle-preorders')).toMatch(/2014/);
    expect(answer('createspace-kdp')).toMatch(/2018/);
    expect(answer('listing-live')).toContain('https://www.amazon.com/dp/');
    expect(answer('listing-live')).toMatch(/3 hours to 3 days/);
    expect(answer('isbn-convert')).toMatch(/979/);
    expect(answer('confirm-pos')).toMatch(/Backordered/);
    expect(answer('uk-differences')).toMatch(/Cancelled: Not yet available/);
    expect(answer('kdp-publish-timing')).toMatch(/36 to 48 hours/);
    expect(answer('kdp-publish-timing')).toMatch(/72 hours/);
    expect(answer('zero-out')).toMatch(/0 units/);
    expect(answer('support-ticket')).toMatch(/Manage My Catalog/);
    expect(answer('support-ticket')).toMatch(/Change status of one or more items/);
    expect(answer('order-transfer')).toMatch(/2 to 7 days/);
    expect(answer('shipping-times')).toMatch(/3 to 7 business days/);
    expect(answer('close-aa-account')).toMatch(/30 days/);
    expect(answer('data-updates')).toMatch(/24 hours/);
    for (const command of ['start', 'status', 'done', 'skip', 'undo', 'edit', 'cancel', 'ask', 'faq', 'help']) {
      expect(answer('bot-help')).toMatch(new RegExp(`\\b${command}\\b`));
    }
  });

  it('copies no run of 8 words from the reference article', () => {
    // Hashes only (see article-guard.ts); the article itself is never read here.
    const article = new Set(readTsv('faq-article-shingles.tsv').map(([hash = '']) => hash));
    expect(article.size).toBeGreaterThan(1000);
    const copied: string[] = [];
    for (const entry of FAQ_ENTRIES) {
      for (const text of [entry.title, entry.answer, ...entry.aliases]) {
        for (const [hash, run] of shingleHashes(text)) if (article.has(hash)) copied.push(`${entry.id}: "${run}"`);
      }
    }
    expect(copied, copied.join('\n')).toEqual([]);
  });

  it('the copy guard does catch a shared run of words', () => {
    const source = shingleHashes('one two three four five six seven eight nine');
    const copy = shingleHashes('Intro: ONE two three four five six seven eight!');
    expect([...copy.keys()].some((hash) => source.has(hash))).toBe(true);
  });
});
