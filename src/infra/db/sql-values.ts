/** Small conversions every Prisma store needs between the database and the ports' plain values. */

/** PostgreSQL's default LIKE escape is backslash; escaping it and both wildcards makes a pattern literal. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A calendar date (YYYY-MM-DD) as the Date Prisma expects for a DATE column, and back. */
export const toDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
export const toIso = (date: Date) => date.toISOString().slice(0, 10);

/** A unique index refused the write; the drivers word it differently, Prisma gives P2002. */
export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === 'P2002' ||
  /23505|unique constraint/i.test(String((error as Error)?.message));
