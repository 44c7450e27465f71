import type { SKRSContext2D } from '@napi-rs/canvas';

/**
 * Member text is drawn, never interpreted: control characters and explicit bidi overrides
 * (which could flip the rest of a label) become spaces, and runs of whitespace collapse.
 */
export function cleanLabel(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix (whole graphemes, so an emoji is never cut in half) that fits, with an ellipsis. */
export function ellipsize(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  const clean = cleanLabel(text);
  if (ctx.measureText(clean).width <= maxWidth) return clean;
  const parts = Array.from(graphemes.segment(clean), (s) => s.segment);
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${parts.slice(0, mid).join('').trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : `${parts.slice(0, lo).join('').trimEnd()}…`;
}
