import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  choiceName,
  MARKETPLACE_NAMES,
  marketplaceLabel,
  possessive,
  PRINTER_NAMES,
} from '../../../src/core/names.ts';
import { MARKETPLACES, PRINTERS } from '../../../src/core/types.ts';

describe('names for people', () => {
  it('gives every printer its proper name', () => {
    expect(PRINTERS.map((p) => PRINTER_NAMES[p])).toEqual([
      'KDP',
      'KDP (formerly CreateSpace)',
      'IngramSpark',
      'Lightning Source',
    ]);
  });

  it('names every marketplace as the Amazon store it is', () => {
    expect(MARKETPLACES.map((m) => MARKETPLACE_NAMES[m])).toEqual(['Amazon US', 'Amazon UK']);
    expect(marketplaceLabel('US')).toBe('Amazon US (amazon.com)');
    expect(marketplaceLabel('UK')).toBe('Amazon UK (amazon.co.uk)');
  });

  it('names menu choices for marketplaces and printers, and leaves other values as they are', () => {
    expect(choiceName('UK')).toBe('Amazon UK (amazon.co.uk)');
    expect(choiceName('lightningsource')).toBe('Lightning Source');
    expect(choiceName('tomorrow')).toBe('tomorrow');
  });

  it('writes a calendar date with its weekday, whatever the machine zone', () => {
    expect(calendarDate('2027-02-20')).toBe('Sat 20 Feb 2027');
    expect(calendarDate('2027-03-06')).toBe('Sat 6 Mar 2027');
  });

  it.each([
    ['Sam', "Sam's"],
    ['James', "James'"],
    ['you', 'your'],
    ['You', 'Your'],
    ['Yousef', "Yousef's"],
  ])('possessive(%s) is %s', (name, expected) => {
    expect(possessive(name)).toBe(expected);
  });
});
