import { parse } from 'isbn3';

/**
 * ISBNs as a spreadsheet keeps them: hyphenated at the registration group, registrant and
 * publication boundaries (isbn3 carries ISBN International's range table in the package, so no
 * network is needed). A bare 13-digit number turns into 9.78E+12 and an ISBN-10 loses its leading
 * zero; the hyphens make the cell text.
 */
export function hyphenatedIsbn13(isbn13: string): string {
  const parsed = parse(isbn13);
  if (parsed?.isbn13h) return parsed.isbn13h;
  // A valid ISBN in a range the table has not assigned yet: split off what is fixed by definition.
  return `${isbn13.slice(0, 3)}-${isbn13.slice(3, 12)}-${isbn13.slice(12)}`;
}

export function hyphenatedIsbn10(isbn10: string): string {
  const parsed = parse(isbn10);
  if (parsed?.isbn10h) return parsed.isbn10h;
  return `${isbn10.slice(0, 9)}-${isbn10.slice(9)}`;
}
