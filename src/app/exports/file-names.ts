/**
 * A file name part a member will recognise: accents folded to plain letters, anything else that
 * is not a letter or digit turned into hyphens. Text with no such characters (a title in
 * Japanese, say) falls back to `fallback`, so a file never ends up called ".ics".
 */
export function slugify(text: string, fallback: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}
