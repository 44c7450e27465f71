import { expect, it } from 'vitest';
import { hyphenatedIsbn10, hyphenatedIsbn13 } from '../../../../src/app/exports/isbn-text.ts';

it('hyphenates ISBN-13 and ISBN-10 at the agency range boundaries, keeping a leading zero', () => {
  expect(hyphenatedIsbn13('9780306406157')).toBe('978-0-306-40615-7');
  expect(hyphenatedIsbn10('0306406152')).toBe('0-306-40615-2');
  expect(hyphenatedIsbn13('9781402894626')).toBe('978-1-4028-9462-6');
  expect(hyphenatedIsbn10('080442957X')).toBe('0-8044-2957-X');
  // 979-10 is France: a 979 ISBN has no ISBN-10, but its own groups.
  expect(hyphenatedIsbn13('9791032305690')).toBe('979-10-323-0569-0');
});

it('still writes text for a valid ISBN in a range not yet assigned', () => {
  // 978-6 groups are sparsely assigned; 9786999999999 is not a published range.
  const text = hyphenatedIsbn13('9799999999990');
  expect(text).toContain('-');
  expect(text.replaceAll('-', '')).toBe('9799999999990');
});
