/**
 * Text normalisation shared by indexing and querying. Members write the same thing many ways
 * ("Amazon Advantage", "AA", "advantage"; "pre-order", "preorder", "pre order"), so both the
 * knowledge base and the question go through this one pipeline: phrase synonyms first (they
 * need word order), then tokens, word synonyms, a light stemmer and stop words. Anything that
 * only one side saw would never match, which is why there is exactly one entry point.
 */

import { PHRASES } from './phrases.ts';

/** Single words after splitting: spelling variants, US/UK spelling and near-synonyms. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['kindle', 'ebook'],
  ['cancelled', 'cancel'],
  ['canceled', 'cancel'],
  ['cancelling', 'cancel'],
  ['canceling', 'cancel'],
  ['cancellation', 'cancel'],
  ['catalogue', 'catalog'],
  ['fulfilment', 'fulfil'],
  ['fulfillment', 'fulfil'],
  ['fulfill', 'fulfil'],
  ['fulfilled', 'fulfil'],
  ['organisation', 'organization'],
  ['programme', 'program'],
  ['dash', 'hyphen'],
  ['dashes', 'hyphen'],
  ['hyphens', 'hyphen'],
  ['hyphenated', 'hyphen'],
  ['shipment', 'ship'],
  ['shipped', 'ship'],
  ['shipping', 'ship'],
  ['postage', 'ship'],
  ['arrival', 'arrive'],
  ['publication', 'publish'],
  ['published', 'publish'],
  ['publishing', 'publish'],
  ['approval', 'approve'],
  ['pic', 'image'],
  ['pics', 'image'],
  ['picture', 'image'],
  ['pictures', 'image'],
  ['photo', 'image'],
  ['photos', 'image'],
  ['img', 'image'],
  ['jpg', 'image'],
  ['jpeg', 'image'],
  ['png', 'image'],
  ['charge', 'fee'],
  ['charged', 'fee'],
  ['charges', 'fee'],
  ['billed', 'fee'],
  ['buyer', 'reader'],
  ['buyers', 'reader'],
  ['customer', 'reader'],
  ['customers', 'reader'],
  ['fans', 'reader'],
  ['fan', 'reader'],
  ['reactivate', 'reopen'],
  ['reactivated', 'reopen'],
  ['colour', 'color'],
  ['dollar', 'cost'],
  ['bucks', 'cost'],
  ['stats', 'statistic'],
  ['commands', 'command'],
  ['asap', 'soon'],
  ['launch', 'release'],
  ['launched', 'release'],
  ['launching', 'release'],
  ['launches', 'release'],
  ['special', 'different'],
  ['differ', 'different'],
  ['differs', 'different'],
  ['difference', 'different'],
  ['differences', 'different'],
  ['put', 'write'],
  ['enter', 'write'],
  ['type', 'write'],
  ['fill', 'write'],
  ['say', 'write'],
  ['see', 'show'],
  ['seen', 'show'],
  ['appear', 'show'],
  ['appears', 'show'],
  ['appeared', 'show'],
  ['visible', 'show'],
  ['display', 'show'],
  ['terminate', 'close'],
  ['deactivate', 'close'],
  ['shut', 'close'],
  ['purchase', 'buy'],
  // Turning a PO down in other words is still cancelling it; taking it is confirming.
  ['reject', 'cancel'],
  ['rejected', 'cancel'],
  ['decline', 'cancel'],
  ['declined', 'cancel'],
  ['refuse', 'cancel'],
  ['deny', 'cancel'],
  ['accept', 'confirm'],
  ['accepted', 'confirm'],
  ['acknowledge', 'confirm'],
  ['prereq', 'prerequisite'],
  ['prereqs', 'prerequisite'],
  ['prerequisites', 'prerequisite'],
  // Chat shorthand.
  ['join', 'enroll'],
  ['joined', 'enroll'],
  ['application', 'enroll'],
  ['vendor', 'aa'],
  ['ebooks', 'ebook'],
  // Risk talk: "is it safe", "legit", "will I get banned" all ask one thing.
  ['safe', 'risk'],
  ['safety', 'risk'],
  ['risky', 'risk'],
  ['riskier', 'risk'],
  ['dangerous', 'risk'],
  ['danger', 'risk'],
  ['legit', 'risk'],
  ['legitimate', 'risk'],
  ['sketchy', 'risk'],
  ['dodgy', 'risk'],
  ['shady', 'risk'],
  ['banned', 'risk'],
  ['ban', 'risk'],
  ['suspended', 'risk'],
  ['suspend', 'risk'],
  ['suspension', 'risk'],
  ['hurt', 'risk'],
  ['penalise', 'risk'],
  ['penalize', 'risk'],
  ['penalised', 'risk'],
  ['penalized', 'risk'],
  ['penalty', 'risk'],
  ['punish', 'risk'],
  ['punished', 'risk'],
  ['harm', 'risk'],
  ['damage', 'risk'],
  ['jeopardize', 'risk'],
  ['jeopardise', 'risk'],
  ['interior', 'file'],
  ['manuscript', 'file'],
  ['pdf', 'file'],
  // Marking a step off, and being messaged, in members' words.
  ['tick', 'done'],
  ['finished', 'done'],
  ['completed', 'done'],
  ['record', 'done'],
  ['messaging', 'reminder'],
  ['messages', 'reminder'],
  ['notifications', 'reminder'],
  ['notification', 'reminder'],
  ['pinging', 'reminder'],
  ['dms', 'reminder'],
  ['ics', 'calendar'],
  ['wen', 'when'],
  ['u', 'you'],
  ['ur', 'your'],
  ['pls', 'please'],
  ['plz', 'please'],
  ['thx', 'thanks'],
  ['abt', 'about'],
  ['b4', 'before'],
  // Irregular verb forms the stemmer can't reach.
  ['sent', 'send'],
  ['sold', 'sell'],
  ['bought', 'buy'],
  ['chose', 'choose'],
  ['chosen', 'choose'],
  ['wrote', 'write'],
  ['written', 'write'],
  ['took', 'take'],
  ['taken', 'take'],
  ['gotten', 'receive'],
]);

/**
 * Function words and words nearly every question here contains ("book", "Amazon"): they carry
 * no topic signal and would only dilute the confidence measure.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with about from into onto over under is are was were be been being am ' +
    'do does did doing have has had having i me my mine myself we our ours you your yours he she it its they them their ' +
    'this that these those there here what which who whom whose where how can could should would will shall may might must ' +
    'just so than then too very s t d ll m re ve im ive id dont doesnt isnt cant wont didnt whats hows thats theres ' +
    'get got gets also any some all as up now still please hi hey hello thanks thank ok okay really actually exactly ' +
    'want like one thing something anything book books amazon not no yet set setup lot bit way only even such ' +
    'much many more most other own etc ever every since good great better best bad ' +
    'go goes going through via tell know knew mean meaning whole everything thing things ' +
    'two three four five six seven eight nine ten  havent hasnt arent wasnt werent shouldnt wouldnt couldnt youre theyre'
  ).split(/\s+/),
);

/** Suffixes are stripped in this order; the stem must keep at least three letters. */
const SUFFIXES = ['ation', 'ment', 'ing', 'ed'] as const;

/**
 * A deliberately light stemmer: it only has to make a word and its inflections meet, on both
 * sides of the index, so consistency matters more than linguistic accuracy.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    // The stem keeps a vowel (as in Porter's stemmer), so "string" doesn't become "str".
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // "shipping" -> "shipp" -> "ship"; applied to every word so "install"/"installing" still meet.
  if (w.length > 3 && w.at(-1) === w.at(-2)) w = w.slice(0, -1);
  return w;
}

/** WORDS again, keyed by stem, so plurals and other inflections of a listed word map too. */
const STEMMED_WORDS: ReadonlyMap<string, string> = new Map(
  [...WORDS].map(([from, to]) => [stem(from), stem(to)] as const),
);

function canonicalWord(raw: string): string | null {
  if (STOP_WORDS.has(raw)) return null;
  const direct = WORDS.get(raw);
  const stemmed = direct === undefined ? stem(raw) : stem(direct);
  const word = direct === undefined ? (STEMMED_WORDS.get(stemmed) ?? stemmed) : stemmed;
  return STOP_WORDS.has(word) ? null : word;
}

/**
 * Words the phrase rules and synonym tables spell out, which a question may misspell even when
 * no answer or alias uses them; the speller's vocabulary includes them.
 */
const PHRASE_WORDS =
  'purchase customer order orders advantage createspace ingramspark ingram lightning source kindle ebook ' +
  'paperback hardcover hardback enrollment enrolment registration register britain british kingdom england ' +
  'america zeroing backordered royalties earnings subscription annual yearly artwork blurb sequel distinguish ' +
  'apart quickly publishing publication release launch stock ranking realtime upfront ' +
  'nudge notify alert alarm remind reminder message saved stored chat schedule timeline checklist ' +
  'catch legit legitimate above board trouble backfire applied apply admit allow newcomers applicants ' +
  'vendors members receive everyone trilogy missing showing';

/** Every word form this module gives a meaning to, for the speller's vocabulary. */
export const LEXICON: readonly string[] = [...STOP_WORDS, ...WORDS.keys(), ...PHRASE_WORDS.split(' ')];

/** Lower-case, fold accents and quotes; the form every other step expects. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

/**
 * The one normalisation pipeline: text in, canonical content tokens out (order kept). Questions
 * pass a speller; knowledge-base text is spelled right and doesn't.
 */
export function normalizeTokens(text: string, speller?: (word: string) => string): string[] {
  let out = fold(text);
  if (speller) out = out.replace(/[a-z]+/g, speller);
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  const tokens: string[] = [];
  // Apostrophes are dropped rather than split on, so "don't" becomes the stop word "dont".
  for (const raw of out.replace(/'/g, '').split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    const token = canonicalWord(raw);
    if (token) tokens.push(token);
  }
  return tokens;
}
