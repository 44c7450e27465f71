import { describe, expect, it } from 'vitest';
import {
  formatIsbn13,
  isbn10CheckDigit,
  isbn10To13,
  isbn13CheckDigit,
  isbn13To10,
  listingUrls,
  parseIsbn,
  parseIsbn10,
  searchUrl,
} from '../../../src/core/isbn.ts';
import type { Isbn } from '../../../src/core/isbn.ts';
import { value, error } from '../../support/results.ts';
import { prng } from '../../support/prng.ts';

const randomDigits = (rand: () => number, count: number): string =>
  Array.from({ length: count }, () => String(Math.floor(rand() * 10))).join('');

describe('parseIsbn: valid input', () => {
  it.each([
    ['978-0-306-40615-7', { isbn13: '9780306406157', isbn10: '0306406152' }],
    ['9780306406157', { isbn13: '9780306406157', isbn10: '0306406152' }],
    ['0-306-40615-2', { isbn13: '9780306406157', isbn10: '0306406152' }],
    ['0-8044-2957-X', { isbn13: '9780804429573', isbn10: '080442957X' }],
    ['0-8044-2957-x', { isbn13: '9780804429573', isbn10: '080442957X' }],
    ['9780804429573', { isbn13: '9780804429573', isbn10: '080442957X' }],
    ['979-10-90636-07-1', { isbn13: '9791090636071', isbn10: null }],
    [' 978 0 306 40615 7 ', { isbn13: '9780306406157', isbn10: '0306406152' }],
    ['978\u20130\u2013306\u201340615\u20137', { isbn13: '9780306406157', isbn10: '0306406152' }],
    ['978\u00a00306406157', { isbn13: '9780306406157', isbn10: '0306406152' }],
  ] satisfies [string, Isbn][])('%s', (input, expected) => {
    expect(parseIsbn(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseIsbn: refusals', () => {
  it('asks for an ISBN when nothing (or only separators) was given', () => {
    for (const input of ['', '   ', ' - - ']) {
      const e = error(parseIsbn(input));
      expect(e).toMatchObject({ field: 'isbn', code: 'required' });
      expect(e.message).toContain('ISBN-13');
    }
  });

  it.each(['ISBN 978-0-306-40615-7', '97803064O6157', 'abcdefghij', '978-0-306-40615-7!', '0306406152.'])(
    'refuses letters and symbols: %s',
    (input) => {
      const e = error(parseIsbn(input));
      expect(e).toMatchObject({ field: 'isbn', code: 'invalid' });
      expect(e.message).toMatch(/only contain digits/);
    },
  );

  it.each([
    ['97803064061', 11],
    ['978030640615', 12],
    ['97803064061577', 14],
    ['030640615', 9],
    ['7', 1],
  ])('explains the two valid lengths: %s', (input, length) => {
    const e = error(parseIsbn(input));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('ISBN-13 has 13 digits');
    expect(e.message).toContain('ISBN-10 has 10');
    expect(e.message).toContain(`has ${length} digit`);
  });

  it('uses the singular for one digit', () => {
    expect(error(parseIsbn('7')).message).toContain('has 1 digit,');
  });

  it('refuses a 13-digit number that is not 978/979, naming the prefix', () => {
    const first12 = '977030640615';
    const e = error(parseIsbn(first12 + isbn13CheckDigit(first12)));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('starts with 977');
    expect(e.message).toContain('978 or 979');
  });

  it('says the ISBN-13 check digit does not match and what it would be', () => {
    const e = error(parseIsbn('978-0-306-40615-8'));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain("check digit doesn't match");
    expect(e.message).toContain('978030640615');
    expect(e.message).toContain('would be 7, not 8');
  });

  it('says the ISBN-10 check digit does not match and what it would be', () => {
    expect(error(parseIsbn('0-306-40615-3')).message).toContain('would be 2, not 3');
    expect(error(parseIsbn('0-8044-2957-0')).message).toContain('would be X, not 0');
    expect(error(parseIsbn('0-306-40615-X')).message).toContain('would be 2, not X');
  });

  it('only allows X as the last character of an ISBN-10', () => {
    expect(error(parseIsbn('08044X9573')).message).toContain('only the last character may be X');
    expect(error(parseIsbn('978080442957X')).message).toContain('X can only end an ISBN-10');
  });

  it('names the field it was given', () => {
    const e = error(parseIsbn('12345', 'paperback'));
    expect(e.field).toBe('paperback');
    expect(e.message).toContain('paperback');
  });

  it('never echoes raw input back (an error reply must not carry a mention)', () => {
    for (const input of ['@everyone', '<@123456789>', '978<!here>']) {
      const e = error(parseIsbn(input));
      expect(e.message).not.toContain('@');
      expect(e.message).not.toContain('<');
    }
  });
});

describe('parseIsbn10', () => {
  it('returns the ISBN-10 for either form of a 978 ISBN', () => {
    expect(parseIsbn10('978-0-306-40615-7')).toEqual({ ok: true, value: '0306406152' });
    expect(parseIsbn10('0-8044-2957-x')).toEqual({ ok: true, value: '080442957X' });
  });

  it('explains that a 979 ISBN has no ISBN-10 and offers the ISBN-13 search', () => {
    const e = error(parseIsbn10('979-10-90636-07-1'));
    expect(e).toMatchObject({ field: 'isbn10', code: 'unsupported' });
    expect(e.message).toContain('979-1090636071');
    expect(e.message).toContain('no ISBN-10');
    expect(e.message).toContain('ISBN-13');
    expect(e.message).toContain('https://www.amazon.com/s?k=9791090636071');
  });

  it('passes other failures through under its own field name', () => {
    expect(error(parseIsbn10('123'))).toMatchObject({ field: 'isbn10', code: 'invalid' });
    expect(error(parseIsbn10('', 'asin'))).toMatchObject({ field: 'asin', code: 'required' });
  });
});

describe('conversions and check digits', () => {
  it('computes known check digits', () => {
    expect(isbn13CheckDigit('978030640615')).toBe('7');
    expect(isbn13CheckDigit('979109063607')).toBe('1');
    expect(isbn13CheckDigit('978080442957')).toBe('3');
    expect(isbn10CheckDigit('030640615')).toBe('2');
    expect(isbn10CheckDigit('080442957')).toBe('X');
    expect(isbn10CheckDigit('000000000')).toBe('0');
  });

  it('converts between forms, with null for 979', () => {
    expect(isbn13To10('9780306406157')).toBe('0306406152');
    expect(isbn13To10('9780804429573')).toBe('080442957X');
    expect(isbn13To10('9791090636071')).toBeNull();
    expect(isbn10To13('0306406152')).toBe('9780306406157');
    expect(isbn10To13('080442957X')).toBe('9780804429573');
    expect(isbn10To13('080442957x')).toBe('9780804429573');
  });

  it('throws on malformed programmer input rather than guessing', () => {
    expect(() => isbn13CheckDigit('97803064061')).toThrow(RangeError);
    expect(() => isbn10CheckDigit('03064061X')).toThrow(RangeError);
    expect(() => isbn13To10('978-0306406157')).toThrow(RangeError);
    expect(() => isbn10To13('03064061')).toThrow(RangeError);
    expect(() => formatIsbn13('978')).toThrow(RangeError);
  });

  it('formats an ISBN-13 as prefix-rest', () => {
    expect(formatIsbn13('9780306406157')).toBe('978-0306406157');
    expect(formatIsbn13('9791090636071')).toBe('979-1090636071');
  });
});

describe('Amazon URLs', () => {
  it('links to the /dp/ page by ISBN-10 in both marketplaces', () => {
    expect(listingUrls(value(parseIsbn('0-8044-2957-X')))).toEqual({
      US: 'https://www.amazon.com/dp/080442957X',
      UK: 'https://www.amazon.co.uk/dp/080442957X',
    });
  });

  it('has no /dp/ link for a 979 ISBN', () => {
    expect(listingUrls(value(parseIsbn('979-10-90636-07-1')))).toEqual({ US: null, UK: null });
  });

  it('searches by ISBN-13 on the right site', () => {
    expect(searchUrl('9791090636071', 'US')).toBe('https://www.amazon.com/s?k=9791090636071');
    expect(searchUrl('9791090636071', 'UK')).toBe('https://www.amazon.co.uk/s?k=9791090636071');
  });
});

describe('generated ISBNs (seeded)', () => {
  const rand = prng(20240611);
  const RUNS = 2000;

  const random13 = (prefix: '978' | '979'): string => {
    const first12 = prefix + randomDigits(rand, 9);
    return first12 + isbn13CheckDigit(first12);
  };

  const hyphenate = (digits: string): string =>
    [...digits].map((d, i) => (i > 0 && rand() < 0.3 ? `-${d}` : d)).join('');

  it('round-trips 978 ISBN-13 ↔ ISBN-10 through parse and convert', () => {
    for (let i = 0; i < RUNS; i++) {
      const isbn13 = random13('978');
      const parsed = value(parseIsbn(hyphenate(isbn13)));
      expect(parsed.isbn13).toBe(isbn13);
      expect(parsed.isbn10).not.toBeNull();
      const isbn10 = parsed.isbn10 ?? '';
      expect(isbn10).toMatch(/^\d{9}[\dX]$/);
      expect(isbn10To13(isbn10)).toBe(isbn13);
      expect(value(parseIsbn(isbn10.toLowerCase()))).toEqual(parsed);
      expect(value(parseIsbn10(isbn13))).toBe(isbn10);
    }
  });

  it('accepts every generated 979 ISBN-13 and gives it no ISBN-10', () => {
    for (let i = 0; i < RUNS; i++) {
      const isbn13 = random13('979');
      expect(value(parseIsbn(hyphenate(isbn13)))).toEqual({ isbn13, isbn10: null });
      expect(error(parseIsbn10(isbn13)).code).toBe('unsupported');
    }
  });

  it('catches every single-digit typo in either form', () => {
    for (let i = 0; i < RUNS; i++) {
      const isbn13 = random13(rand() < 0.5 ? '978' : '979');
      const forms = [isbn13, isbn13To10(isbn13)].filter((f): f is string => f !== null);
      for (const form of forms) {
        // Position 0–2 of an ISBN-13 would hit the prefix rule instead; that is also a refusal.
        const at = Math.floor(rand() * 9) + (form.length === 13 ? 3 : 0);
        // Only positions before the check character are changed, so `old` is always a digit.
        const old = Number(form[at]);
        const replacement = String((old + 1 + Math.floor(rand() * 9)) % 10);
        const typo = form.slice(0, at) + replacement + form.slice(at + 1);
        expect(error(parseIsbn(typo)).message).toContain("check digit doesn't match");
      }
    }
  });

  it('catches every swap of two different adjacent ISBN-10 digits', () => {
    for (let i = 0; i < RUNS; i++) {
      const isbn10 = isbn13To10(random13('978')) ?? '';
      const at = Math.floor(rand() * 8);
      const [a, b] = [isbn10[at], isbn10[at + 1]];
      if (a === b || a === undefined || b === undefined) continue;
      const swapped = isbn10.slice(0, at) + b + a + isbn10.slice(at + 2);
      expect(parseIsbn(swapped).ok).toBe(false);
    }
  });
});
