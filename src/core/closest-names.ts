/**
 * "Did you mean…" for names members type: command names and step ids. A typo ("stats"), a
 * swapped word order ("publish-kdp") and a glued prefix all count as close.
 */
import { editDistance } from './edit-distance.ts';

/** The parts of a hyphenated name in a fixed order, so word order stops mattering. */
const sortedParts = (name: string): string => name.split('-').filter(Boolean).sort().join('-');

/** How far `typed` is from `name`: the smaller of the plain and the word-order-free distance. */
export function nameDistance(typed: string, name: string): number {
  return Math.min(editDistance(typed, name), editDistance(sortedParts(typed), sortedParts(name)));
}

/**
 * Up to `limit` names close enough to be a plausible slip (at most two edits, or a third of the
 * name's length for long ones), keeping only those tied for nearest.
 */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const text = typed.trim().toLowerCase();
  if (!text) return [];
  const close = names
    .map((name, order) => ({ name, order, distance: nameDistance(text, name) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.order - b.order);
  // "stats" is one edit from status and two from start: offering both would only blur the answer.
  const nearest = close[0]?.distance;
  return close
    .filter(({ distance }) => distance === nearest)
    .slice(0, limit)
    .map(({ name }) => name);
}
