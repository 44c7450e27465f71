/**
 * Fingerprints for the "own words" guard. The reference article must not be read at test time,
 * so test/fixtures/faq-article-shingles.tsv holds only 32-bit FNV-1a hashes of its 8-word runs,
 * made with this same function: the article text itself never enters the repository. To
 * regenerate after the article changes, write the sorted keys of shingleHashes(article), one per
 * line, under a "hash" header line.
 */
export const SHINGLE_WORDS = 8;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^a-z0-9$]+/)
    .filter(Boolean);

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Hash of every run of SHINGLE_WORDS consecutive words, each with the run it came from. */
export function shingleHashes(text: string): Map<string, string> {
  const w = words(text);
  const out = new Map<string, string>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) {
    const run = w.slice(i, i + SHINGLE_WORDS).join(' ');
    out.set(fnv1a(run), run);
  }
  return out;
}
