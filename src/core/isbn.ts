import { fail, ok } from './errors.ts';
import type { Result } from './errors.ts';
import type { Marketplace } from './types.ts';

/**
 * A validated ISBN, held as bare digits. `isbn10` is null for 979 ISBN-13s, which have no ISBN-10
 * and therefore no Amazon /dp/ link.
 */
export interface Isbn {
  isbn13: string;
  /** Upper-case `X` when the check value is 10. */
  isbn10: string | null;
}

// Members paste ISBNs from copyright pages, spreadsheets and word processors, which bring
// en dashes, non-breaking spaces and the like along with plain hyphens.
const SEPARATORS = /[\s\u2010-\u2015\u2212-]+/g;

const AMAZON_HOST: Record<Marketplace, string> = {
  US: 'www.amazon.com',
  UK: 'www.amazon.co.uk',
};

/** Check digit for the first 12 digits of an ISBN-13 (weights 1,3,1,3,…). */
export function isbn13CheckDigit(first12: string): string {
  requireDigits(first12, 12, 'isbn13CheckDigit');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** Check character for the first 9 digits of an ISBN-10 (weights 10..2, sum ≡ 0 mod 11). */
export function isbn10CheckDigit(first9: string): string {
  requireDigits(first9, 9, 'isbn10CheckDigit');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** ISBN-10 for a 978 ISBN-13; null for 979, which has no ISBN-10. Expects 13 bare digits. */
export function isbn13To10(isbn13: string): string | null {
  requireDigits(isbn13, 13, 'isbn13To10');
  if (!isbn13.startsWith('978')) return null;
  const core = isbn13.slice(3, 12);
  return core + isbn10CheckDigit(core);
}

/** ISBN-13 (978) for an ISBN-10. Expects 9 bare digits then a digit or X. */
export function isbn10To13(isbn10: string): string {
  if (!/^\d{9}[\dXx]$/.test(isbn10)) {
    throw new RangeError(`isbn10To13 expects 9 digits then a digit or X, got "${isbn10}"`);
  }
  const first12 = '978' + isbn10.slice(0, 9);
  return first12 + isbn13CheckDigit(first12);
}

/**
 * Reads what a member typed as an ISBN-13 or ISBN-10 and returns both forms. Messages quote only
 * the digits we extracted, never the raw input, so an error reply cannot carry a mention.
 */
export function parseIsbn(input: string, field = 'isbn'): Result<Isbn> {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') {
    return fail(field, 'required', `Please give the book's ${field}: its ISBN-13 (978… or 979…) or ISBN-10.`);
  }

  // X is only meaningful as the last character of an ISBN-10, so it is judged after the length.
  if (!/^[\dXx]+$/.test(compact)) {
    return fail(
      field,
      'invalid',
      `The ${field} can only contain digits, hyphens and spaces (an ISBN-10 may end in X). ` +
        'Copy it from the copyright page or your printer dashboard, e.g. 978-0-306-40615-7.',
    );
  }

  const length = compact.length;
  if (length !== 13 && length !== 10) {
    return fail(
      field,
      'invalid',
      `The ${field} has ${length} digit${length === 1 ? '' : 's'}, but an ISBN-13 has 13 digits ` +
        'and an ISBN-10 has 10. Please check for a missing or extra digit.',
    );
  }

  if (length === 13) return parseIsbn13(compact, field);
  return parseIsbn10Digits(compact.toUpperCase(), field);
}

/**
 * For places that need an ISBN-10 specifically (Amazon /dp/ links). Accepts either form and
 * converts a 978 ISBN-13; a 979 ISBN-13 is 'unsupported' because it has no ISBN-10.
 */
export function parseIsbn10(input: string, field = 'isbn10'): Result<string> {
  const parsed = parseIsbn(input, field);
  if (!parsed.ok) return parsed;
  const { isbn13, isbn10 } = parsed.value;
  if (isbn10 === null) {
    return fail(
      field,
      'unsupported',
      `${formatIsbn13(isbn13)} is a 979 ISBN-13, and 979 ISBNs have no ISBN-10. ` +
        `Use the ISBN-13 instead: Amazon can be searched by it (${searchUrl(isbn13, 'US')}).`,
    );
  }
  return ok(isbn10);
}

/** Amazon product pages, which are keyed by ISBN-10; null where the book has none (979). */
export function listingUrls(isbn: Isbn): { US: string | null; UK: string | null } {
  const dp = (marketplace: Marketplace): string | null =>
    isbn.isbn10 === null ? null : `https://${AMAZON_HOST[marketplace]}/dp/${isbn.isbn10}`;
  return { US: dp('US'), UK: dp('UK') };
}

/** Amazon search by ISBN-13: the way to find a 979 book, which has no /dp/ ISBN-10 link. */
export function searchUrl(isbn13: string, marketplace: Marketplace): string {
  return `https://${AMAZON_HOST[marketplace]}/s?k=${isbn13}`;
}

/**
 * `978-0306406157`. Splitting off only the prefix avoids shipping the ISBN range tables while
 * still making 978 and 979 easy to tell apart at a glance.
 */
export function formatIsbn13(isbn13: string): string {
  requireDigits(isbn13, 13, 'formatIsbn13');
  return `${isbn13.slice(0, 3)}-${isbn13.slice(3)}`;
}

function parseIsbn13(digits: string, field: string): Result<Isbn> {
  if (!/^\d{13}$/.test(digits)) {
    return fail(
      field,
      'invalid',
      `The ${field} looks like an ISBN-13, which is digits only; X can only end an ISBN-10.`,
    );
  }
  const prefix = digits.slice(0, 3);
  if (prefix !== '978' && prefix !== '979') {
    return fail(
      field,
      'invalid',
      `The ${field} starts with ${prefix}, but every ISBN-13 starts with 978 or 979. ` +
        'A 13-digit number with another prefix is usually a barcode (EAN) for something else.',
    );
  }
  const expected = isbn13CheckDigit(digits.slice(0, 12));
  const given = digits.slice(12);
  if (given !== expected) {
    return fail(field, 'invalid', checkDigitMessage(field, 'ISBN-13', digits.slice(0, 12), expected, given));
  }
  return ok({ isbn13: digits, isbn10: isbn13To10(digits) });
}

function parseIsbn10Digits(chars: string, field: string): Result<Isbn> {
  if (!/^\d{9}[\dX]$/.test(chars)) {
    return fail(
      field,
      'invalid',
      `The ${field} has an X before the end. In an ISBN-10 only the last character may be X; ` +
        'the others are digits.',
    );
  }
  const expected = isbn10CheckDigit(chars.slice(0, 9));
  const given = chars.slice(9);
  if (given !== expected) {
    return fail(field, 'invalid', checkDigitMessage(field, 'ISBN-10', chars.slice(0, 9), expected, given));
  }
  return ok({ isbn13: isbn10To13(chars), isbn10: chars });
}

function checkDigitMessage(
  field: string,
  kind: 'ISBN-13' | 'ISBN-10',
  body: string,
  expected: string,
  given: string,
): string {
  return (
    `The ${field}'s check digit doesn't match: for an ${kind} starting ${body} the last ` +
    `character would be ${expected}, not ${given}. Please look for a mistyped or swapped digit.`
  );
}

// The helpers below take stored, already-validated values, so malformed input is a bug
// in the caller rather than something to explain to a member.
function requireDigits(value: string, count: number, caller: string): void {
  if (value.length !== count || !/^\d+$/.test(value)) {
    throw new RangeError(`${caller} expects ${count} digits, got "${value}"`);
  }
}
