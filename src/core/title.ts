import { fail, ok } from './errors.ts';
import type { Result } from './errors.ts';

export const TITLE_MAX_LENGTH = 200;

// Titles are echoed into community channels on Discord and Slack, where the text is parsed
// for mentions and markdown. Refusing at entry keeps stored titles plain; rendering still
// passes them through text-safety, in case a rule here misses something.
const WHY = 'titles are shown in community channels, so they must not ping anyone or change formatting';

interface Rule {
  pattern: RegExp;
  /** Names what was found in words: echoing the symbols could itself ping or format the reply. */
  found: string;
  fix: string;
}

// Order matters only for which message a member sees first; the most specific rules come first.
const RULES: readonly Rule[] = [
  {
    pattern: /@(everyone|here|channel)/i,
    found: 'an @-mention of everyone, here or channel',
    fix: 'Please remove the @ or the word after it.',
  },
  {
    // Covers every Discord and Slack special form (user, role, channel, slash command, emoji,
    // timestamp, <!here>, <!subteam^…>, links): all are something between angle brackets.
    pattern: /<[^<>]*>/,
    found: 'text between angle brackets, which Discord and Slack read as a mention, channel or link',
    fix: 'Please remove the angle brackets.',
  },
  {
    pattern: /`/,
    found: 'a backtick, which starts code formatting',
    fix: "Please remove it (an apostrophe ' is fine).",
  },
  {
    pattern: /\*\*|__|~~|\|\|/,
    found: 'a doubled *, _, ~ or |, which turns into bold, underline, strikethrough or a spoiler',
    fix: 'Please remove the doubled symbols.',
  },
  {
    pattern: /\[[^\]]*\]\([^)]*\)/,
    found: 'a [text](link), which turns into a link',
    fix: 'Please give the title without the link.',
  },
  {
    // Discord quotes any line starting with >, makes headings of "# ", "## ", "### " and small
    // text of "-# ". A hashtag-style "#1" or "#MeToo" is not a heading, so it stays allowed.
    pattern: /^(>|-#|#(?![\p{L}\p{N}]))/u,
    found: 'a leading >, # or -#, which turns into a quote, heading or small text',
    fix: 'Please start the title with its first word.',
  },
];

/**
 * A lone * or _ is ordinary punctuation, but two of them can pair up into italics (Discord
 * italicises `M*A*S*H` as M, *A*, S*H). Working out exactly which pairs each platform would
 * format is fragile, so more than one of either is refused.
 */
const PAIRABLE: readonly { char: string; name: string }[] = [
  { char: '*', name: 'asterisk' },
  { char: '_', name: 'underscore' },
];

const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
// C0/C1 controls (tab excepted: it is whitespace and gets collapsed) and bidi overrides and
// isolates, which can make a title display as something other than what it is.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

// Characters that take no space: zero-width spaces and joiners, word joiners, soft hyphens,
// direction marks, fillers and tags. Hidden in a title they make "The Salt Road" and a look-alike
// two different campaigns that read the same on the board and in every reminder.
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; direction marks
  [0x2060, 0x2064], // word joiner, invisible operators
  [0x206a, 0x206f], // deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0x1d173, 0x1d17a], // musical formatting
  [0xe0000, 0xe007f], // tags
];
// The two joiners do real work in some places, which stay allowed: between emoji (👩‍💻) and
// between letters of scripts that need them (Persian, Indic scripts). Latin, Greek and Cyrillic,
// where look-alikes are made, never need them.
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D(?=\p{Extended_Pictographic})/gu;
const SCRIPT_JOINER =
  /(?<=[\p{L}\p{M}])(?<![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])(?:\u200C|\u200D)(?=[\p{L}\p{M}])(?![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])/gu;

function hasInvisible(title: string): boolean {
  for (const char of title.replace(EMOJI_JOINER, '').replace(SCRIPT_JOINER, '')) {
    const code = char.codePointAt(0)!;
    if (INVISIBLE.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

/**
 * Trims, collapses runs of spaces and normalises to NFC, then refuses what would ping or format
 * in a community channel. The length limit counts characters as a member sees them (code
 * points), measured after tidying.
 */
export function validateTitle(input: string, field = 'title'): Result<string> {
  const trimmed = input.normalize('NFC').trim();
  if (trimmed === '') {
    return fail(field, 'required', `Please give the book's ${field}, e.g. "The Girl Who Lived: A Novel".`);
  }
  if (LINE_BREAK.test(trimmed)) {
    return fail(field, 'invalid', `The ${field} must be on one line: please remove the line break.`);
  }
  if (CONTROL.test(trimmed)) {
    return fail(
      field,
      'invalid',
      `The ${field} contains an invisible control character (often picked up when copying). ` +
        'Please type it again, or paste it as plain text.',
    );
  }
  if (hasInvisible(trimmed)) {
    return fail(
      field,
      'invalid',
      `The ${field} contains an invisible character (a zero-width space, joiner or similar, often picked up ` +
        'when copying), which would let two different titles look the same. Please type it again, or paste it as plain text.',
    );
  }

  const title = trimmed.replace(/\s+/g, ' ');
  const length = [...title].length;
  if (length > TITLE_MAX_LENGTH) {
    return fail(
      field,
      'invalid',
      `The ${field} can be at most ${TITLE_MAX_LENGTH} characters; this one has ${length}. ` +
        'Please shorten it, for instance by leaving out the subtitle.',
    );
  }

  for (const rule of RULES) {
    if (rule.pattern.test(title)) return refuse(field, rule.found, rule.fix);
  }
  for (const { char, name } of PAIRABLE) {
    if (title.split(char).length > 2) {
      return refuse(
        field,
        `more than one ${name}, which chat apps can pair up into italics`,
        `A single ${name} is fine; please write the others as letters or another symbol.`,
      );
    }
  }
  return ok(title);
}

function refuse(field: string, found: string, fix: string): Result<never> {
  return fail(field, 'invalid', `The ${field} can't contain ${found}: ${WHY}. ${fix}`);
}
