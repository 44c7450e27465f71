import { describe, expect, it } from 'vitest';
import { normalizeTokens, stem } from '../../../../src/core/faq/normalize.ts';
import { createSpeller } from '../../../../src/core/faq/spelling.ts';
import { editDistance } from '../../../../src/core/edit-distance.ts';

const same = (a: string, b: string): void => expect(normalizeTokens(a)).toEqual(normalizeTokens(b));

describe('FAQ text normalisation', () => {
  it('maps the ways members name the same thing to one token', () => {
    for (const variant of ['Amazon Advantage', 'advantage', 'AA', 'Amazon Advantage programme']) same(variant, 'AA');
    for (const variant of ['purchase orders', 'PO', "PO's", 'POs', 'P.O.']) same(variant, 'purchase order');
    for (const variant of ['customer orders', 'COs']) same(variant, 'customer order');
    for (const variant of ['pre-order', 'preorder', 'pre order', 'Pre-ordered', 'preorders']) same(variant, 'preorder');
    same('Kindle Direct Publishing', 'KDP');
    same('amazon.co.uk', 'UK');
    same('Britain', 'UK');
    same('10 digit', 'ISBN-10');
    same('ISBN 10', 'isbn-10');
    same('zeroing out', 'zero out');
    same('IngramSpark', 'Lightning Source');
    same('enrolment', 'enrollment');
    same('cancelled', 'canceled');
    same('paperback', 'hardcover');
  });

  it('reads the issue-15 synonyms: stock orders, listing up, risk words, lead time, accidents', () => {
    same('stock order', 'purchase order');
    same('is the listing up yet', 'has the listing gone live');
    for (const variant of ['safe', 'legit', 'dodgy', 'risky', 'banned']) same(variant, 'risk');
    for (const variant of ['how far ahead', 'how early', 'how many weeks before', 'how long before launch']) {
      expect(normalizeTokens(variant), variant).toEqual([stem('leadtime')]);
    }
    for (const variant of ['by accident', 'accidentally', 'too early', 'oops']) {
      expect(normalizeTokens(variant), variant).toEqual([stem('accident')]);
    }
    same("what's a PO", 'what is a purchase order');
    same('AA asked for my bank details', 'AA asked for my bank account');
  });

  it('reads intent phrases: Amazon acting against you, orders reaching KDP, counting pre-orders', () => {
    same('could Amazon shut down my account', 'risk account');
    same('what could go wrong', 'risk');
    expect(normalizeTokens('the page looks broken, did something go wrong')).not.toContain('risk');
    same('I want to shut down my AA account', 'close AA account');
    same('when do pre-orders hit KDP', 'when do pre-orders transfer to KDP');
    same('my pre-order count', 'statistic data');
    same('how many pre-orders I have', 'statistic data');
    same('is there a fresh Advantage account per title', 'next book account');
    same('I cannot send copies', 'I cannot ship copies');
    same('reject the stock orders', 'cancel the purchase orders');
    same('accept the POs', 'confirm the POs');
    same('what can this bot help me with', 'bot commands');
    for (const variant of ['tick off the cover upload step', 'mark the cover step as done', 'how do I record that']) {
      expect(normalizeTokens(variant), variant).toEqual(expect.arrayContaining(['bot', stem('done'), 'step']));
    }
    expect(normalizeTokens('should I check the listing off')).not.toContain('bot');
  });

  it('keeps Createspace distinct but also reads it as KDP', () => {
    expect(normalizeTokens('Create Space')).toEqual([stem('createspace'), 'kdp']);
  });

  it('drops stop words and filler, keeps content', () => {
    expect(normalizeTokens('How do I know if it is the right one?')).toEqual(['right']);
    expect(normalizeTokens('')).toEqual([]);
    expect(normalizeTokens('?!  ...')).toEqual([]);
  });

  it('stems inflections together without mangling short words', () => {
    expect(stem('confirmed')).toBe(stem('confirm'));
    expect(stem('confirming')).toBe(stem('confirms'));
    expect(stem('shipping')).toBe(stem('ship'));
    expect(stem('copies')).toBe(stem('copy'));
    expect(stem('string')).toBe('string');
    expect(stem('po')).toBe('po');
  });
});

describe('FAQ speller', () => {
  const speller = createSpeller(['confirm', 'purchase', 'publish', 'price', 'prices', 'price'], () => false);

  it('repairs one typo in a mid-length word, including a swapped pair', () => {
    expect(speller('confrim')).toBe('confirm');
    expect(speller('purchse')).toBe('purchase');
    expect(speller('publsh')).toBe('publish');
  });

  it('leaves short, known and far-off words alone', () => {
    expect(speller('prise')).toBe('price');
    expect(speller('pric')).toBe('pric');
    expect(speller('confirm')).toBe('confirm');
    expect(speller('zebra')).toBe('zebra');
  });

  it('does not touch words the caller already knows', () => {
    const known = createSpeller(['price'], (word) => word === 'pride');
    expect(known('pride')).toBe('pride');
  });

  it('measures edit distance with a cut-off', () => {
    expect(editDistance('confirm', 'confirm', 2)).toBe(0);
    expect(editDistance('confrim', 'confirm', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
