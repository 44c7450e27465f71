/**
 * Typo repair for questions, before the phrase synonyms run: "purchse orders" has to become
 * "purchase orders" first, or it never turns into the PO token. Fuzzy search on stems alone
 * can't fix that, because the phrase rules see raw words.
 */
import { editDistance } from '../edit-distance.ts';

export type Speller = (word: string) => string;

/** Shorter words have too many one-letter neighbours ("love" → "live") to correct safely. */
const MIN_LENGTH = 5;
/** Cached corrections per speller; cleared when full so memory stays bounded. */
const CACHE_LIMIT = 5000;

/**
 * @param vocabulary words the knowledge base is written in; the most frequent wins a tie.
 * @param isKnown words to leave alone even though they are not in the vocabulary (e.g. an
 *   inflection whose stem is known: "pays" must not become "days").
 */
export function createSpeller(vocabulary: Iterable<string>, isKnown: (word: string) => boolean): Speller {
  const counts = new Map<string, number>();
  for (const word of vocabulary) {
    if (/^[a-z]{3,}$/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Symmetric-delete index (as in SymSpell): two words within k edits share a string reachable
  // by at most k deletions from each, so a lookup is a few hash probes instead of a scan.
  const byDeletion = new Map<string, string[]>();
  const byFrequency = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const frequencyRank = new Map(byFrequency.map((word, index) => [word, index] as const));
  for (const word of byFrequency) {
    for (const variant of deletions(word, maxEditsFor(word.length + MAX_EDITS))) {
      const words = byDeletion.get(variant);
      if (words) words.push(word);
      else byDeletion.set(variant, [word]);
    }
  }
  const cache = new Map<string, string>();

  return (word: string): string => {
    if (word.length < MIN_LENGTH || counts.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const result = isKnown(word) ? word : nearest(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, result);
    return result;
  };

  function nearest(word: string): string {
    const maxEdits = maxEditsFor(word.length);
    let best = word;
    let bestDistance = maxEdits + 1;
    let bestRank = Infinity;
    const seen = new Set<string>();
    for (const variant of deletions(word, maxEdits)) {
      for (const candidate of byDeletion.get(variant) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const distance = editDistance(word, candidate, maxEdits);
        if (distance > maxEdits) continue;
        // Closest first; among equals, the word the knowledge base uses most.
        const rank = frequencyRank.get(candidate) ?? Infinity;
        if (distance < bestDistance || (distance === bestDistance && rank < bestRank)) {
          best = candidate;
          bestDistance = distance;
          bestRank = rank;
        }
      }
    }
    return best;
  }
}

const MAX_EDITS = 2;
/** One typo per short word, two once a word is long enough that two can't make another word. */
const maxEditsFor = (length: number): number => (length >= 9 ? MAX_EDITS : 1);

/** The word and every string reachable from it by deleting up to `edits` letters. */
function deletions(word: string, edits: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let round = 0; round < edits; round++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}
