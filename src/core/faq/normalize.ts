/**
 * Text normalisation shared by indexing and querying. Members write the same thing many ways
 * ("Amazon Advantage", "AA", "advantage"; "pre-order", "preorder", "pre order"), so both the
 * knowledge base and the question go through this one pipeline: phrase synonyms first (they
 * need word order), then tokens, word synonyms, a light stemmer and stop words. Anything that
 * only one side saw would never match, which is why there is exactly one entry point.
 */

/** Multi-word and punctuated forms, rewritten to one canonical token before splitting. */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  // Before the pre-order rule, or the bot's own name and command would read as "preorder".
  [/\bpre-?order pal\b|\/preorder\b|\bslash commands?\b|\b(?:this|the|you) bot\b/g, ' bot '],
  [/\bwhat can you do\b/g, ' bot command '],
  // Asking what the bot does, before "help me with" is dropped as filler below.
  [/\bwhat (?:can|does|do|will)\s+bot\b|\bbot\s+(?:\w+\s+)?(?:help|do) (?:me )?(?:with)?\b/g, ' bot command '],
  // Marking a step off is a bot question whatever the step is ("tick off the cover upload").
  [
    /\b(?:tick|cross)(?:ing)?\s+(?:\w+\s+){0,4}?off\b|\bcheck(?:ing)?\s+(?:it |that |this |them )?off\b|\bmark\s+(?:\w+\s+){0,4}?(?:as\s+)?(?:done|complete|finished)\b|\bhow (?:do|can|should) i (?:record|log|note) (?:that|it|this)\b/g,
    ' bot done step ',
  ],
  // The member talking to the bot about the bot: "tell you", "with you", "you remind me".
  [/\b(?:with|tell|get|let|using|use) you\b|\byou (?:send|remind|track|ping|message|dm)\b/g, ' bot '],
  [
    /\bamazon\.co\.uk\b|\bco\.uk\b|\bunited kingdom\b|\bgreat britain\b|\bbritain\b|\bbritish\b|\bengland\b|\bu\.k\.?(?=\s|$)/g,
    ' uk ',
  ],
  // Plain "us" is a pronoun far more often than a country, so only unambiguous forms count.
  [/\bamazon\.com\b|\bunited states\b|\bu\.s\.a?\.?(?=\s|$)|\busa\b|\bamerica\b/g, ' usa '],
  [
    /\bamazon(?: vendor)? advantage(?: program(?:me)?)?\b|\badvantage(?: program(?:me)?)?\b|\bvendor central\b/g,
    ' aa ',
  ],
  [/\bkindle direct publishing\b/g, ' kdp '],
  // Createspace is KDP now; keeping its own token lets the merger topic still win on it.
  [/\bcreate ?space\b/g, ' createspace kdp '],
  [/\bingram ?spark\b|\blightning ?source\b|\blsi\b|\bingram\b/g, ' ingram '],
  [/\bpre[- ]?order(?:s|ed|ing)?\b/g, ' preorder '],
  [/\bpurchase[- ]?orders?\b|\bstock[- ]?orders?\b|\bp\.?o\.?'?s?\b/g, ' po '],
  [/\bcustomer[- ]?orders?\b|\bc\.?o\.?'?s\b/g, ' co '],
  [/\bisbn[- ]?10s?\b|\b(?:10|ten)[- ]?digits?(?: isbn)?\b/g, ' isbn10 '],
  [/\bisbn[- ]?13s?\b|\b(?:13|thirteen)[- ]?digits?(?: isbn)?\b/g, ' isbn13 '],
  [
    /\bzero(?:ing|ed|s)?[- ]?out\b|\bzero(?:ing)? (?:the )?(?:po|purchase order)s?\b|\b(?:0|zero) (?:units?|quantity|copies)\b|\bquantity (?:to |of )?(?:0|zero)\b|\bto (?:0|zero)\b/g,
    ' zeroout ',
  ],
  [/\bre-?confirm(?:ing|ed|s)?\b/g, ' reconfirm '],
  [/\bsupport (?:case|request)s?\b|\bhelp ?desk\b/g, ' support ticket '],
  [/\bcontact us\b/g, ' contact support '],
  [/\bsign(?:ing|ed)?[- ]?up\b|\benroll?(?:ment|ing|ed|s)?\b|\bregist(?:er|ration|ering|ered)\b/g, ' enroll '],
  [/\be-?books?\b|\bkindle (?:e?books?|editions?|versions?)\b|\bdigital (?:books?|editions?|versions?)\b/g, ' ebook '],
  [
    /\bpaper ?backs?\b|\bhard ?backs?\b|\bhard ?covers?\b|\bprint (?:books?|editions?|versions?)\b|\bphysical (?:books?|cop(?:y|ies))\b/g,
    ' print ',
  ],
  [/\b(?:go(?:es|ne|ing)?|went) live\b/g, ' live '],
  // "Is the listing up yet" means live; "set up" and "up front" are handled elsewhere or are filler.
  [/\b(?:listing|page|book|title)(?: is| was| to be| being)? up(?: yet| on amazon)?\b/g, ' list live '],
  [/\b(?:release|launch|publication|pub|publish(?:ing)?|on[- ]?sale|official) (?:day|date)s?\b/g, ' releaseday '],
  [
    /\b(?:next|second|2nd|another|third|3rd|following|future) (?:books?|titles?|novels?|releases?)\b|\bbook (?:2|two|3|three)\b|\bsequels?\b/g,
    ' nextbook ',
  ],
  [/\badd(?:ed|ing)? to (?:the )?cart\b/g, ' addtocart '],
  // "tell" and "know" alone are filler ("tell me", "how do I know"); "tell apart" is not.
  [/\btell (?:\w+ )?apart\b|\btell the difference\b|\bdistinguish\b/g, ' distinguish '],
  [/\bin stock\b/g, ' instock '],
  [/\bsales? ?rank(?:ing)?s?\b/g, ' salesrank '],
  [/\breal[- ]?time\b/g, ' realtime '],
  [/\bup[- ]?front\b/g, ' upfront '],
  [/\bper (?:year|annum)\b|\ba year\b|\byearly\b|\bannual(?:ly)?\b|\bsubscription\b/g, ' annual '],
  [/\bhow much\b(?! time)/g, ' cost '],
  // "How far ahead" asks about the pre-order period, never the publish window (see guards.ts).
  [
    /\bhow (?:far ahead|far in advance|early)\b|\bhow (?:far|soon)(?: ahead| in advance| out| before)?\b(?= (?:should|do|must|can|before|ahead|in advance|of|to|is))|\bhow (?:many|much) (?:days|weeks|months|time) (?:before|ahead|in advance|prior)\b|\bhow long (?:before|ahead of|in advance of) (?:the )?(?:launch|release|publication|pub)\b|\blead[- ]?time\b|\bin advance\b|\bahead of (?:time|release|launch|publication)\b|\btoo late to (?:start|begin|set)\b/g,
    ' leadtime ',
  ],
  [
    /\bby (?:accident|mistake)\b|\baccident(?:al)?ly\b|\bmistakenly\b|\btoo (?:early|soon)\b|\bprematurely\b|\boops\b/g,
    ' accident ',
  ],
  [/\bare you (?:a |an )?(?:bot|robot|human|real person|person|ai)\b/g, ' bot '],
  [/\bbank(?:ing)? (?:details?|account|info(?:rmation)?)\b/g, ' bank '],
  [
    /\bis there a catch\b|\bagainst (?:the |amazon'?s? )?(?:rules|terms|tos)\b|\bbreak(?:s|ing)? (?:any |the |amazon'?s? )?(?:rules|terms|tos)\b|\bterms of service\b|\ballowed\b/g,
    ' risk ',
  ],
  // How current the numbers are: data-updates' "every 24 hours".
  [/\bonce a day\b|\bevery 24 hours\b|\bhow (?:current|fresh|up to date|up-to-date)\b/g, ' refresh '],
  // Definition questions ("what's a PO", "what does zeroing out mean") share one token.
  [
    /\bwhat(?:'s| is| are| does)?\s+(?:(?:a|an|the)\s+)?(?=(?:po|co|zeroout|aa)\b)|\bmeaning of\b|\bdefin(?:e|ition)\b/g,
    ' whatis ',
  ],
  // Timing questions share one token so "how fast"/"how soon"/"how many days" meet "how long".
  [/\bhow (?:long|fast|quickly|soon|much time)\b|\bhow many (?:days|hours|weeks)\b/g, ' howlong '],
  [
    /\b(?:last|this past) (?:week|month|year)\b|\b(?:a few|\d+|a couple of) (?:days|weeks|months) ago\b|\byesterday\b/g,
    ' already ',
  ],
  // Amazon acting against the author is a risk question, not the author closing their account.
  [
    /\b(?:amazon|kdp|they|aa)\s+(?:could |might |will |would |may |can )?(?:shut(?:ting)? down|close|terminate|delete|ban|suspend|pull)\b|\bwhat (?:could|can|might|would) go wrong\b|\bdownsides?\b|\bregret\b/g,
    ' risk ',
  ],
  // Pre-orders arriving at KDP: order-transfer, never the KDP publish window.
  [
    /\b(?:hit|hits|reach(?:es)?|land(?:s)? (?:in|on)|arrive (?:in|at)|move (?:to|over to|into)|transfer(?:red)? (?:to|into)|come across to|show up (?:in|on))\s+(?:my\s+)?kdp\b/g,
    ' transfer kdp ',
  ],
  // Counting one's own pre-orders is a data question: how current Advantage's figures are.
  [
    /\bhow many\s+(?:preorder|sales|copies)\s+(?:i have|have i|i(?:'ve| have) sold|sold|came in)\b|\b(?:preorder|sales?|order)\s+(?:count|numbers|figures|tally)\b/g,
    ' statistic data ',
  ],
  // The product page existing at all is the listing-live question.
  [
    /\b(?:product|detail|sales|amazon) page (?:exists?|is there|shows? up|appears?)\b|\bnothing (?:shows|appears|comes up)\b/g,
    ' page live ',
  ],
  // Sending copies to Amazon is shipping stock, which this route never does.
  [/\bsend(?:ing)?\s+(?:any |the |them |those |in )?(?:copies|books|units|stock|inventory)\b/g, ' ship copy '],
  // One Advantage account serves every title; "another account per book" is the next-book question.
  [
    /\b(?:(?:another|fresh|separate|second)\s+(?:aa\s+)?)?account\s+(?:per|for each|for every|each)\s+(?:book|title)\b|\b(?:another|fresh|separate|second)\s+(?:aa\s+)?account\b/g,
    ' nextbook account ',
  ],
  [/\bshut(?:ting)? down\b/g, ' close '],
  [/\bhow come\b/g, ' why '],
  // "help me with X" is about X; only a bare "help" is a request for the bot's help.
  [/\bhelp(?: me)? (?:with|to|on|understand(?:ing)?|figure out)\b/g, ' '],
  [/\bdp (?:link|url|page)s?\b|\/dp\//g, ' dp link '],
  [/\bcover (?:art|images?|pictures?|photos?|files?)\b|\bart ?work\b/g, ' cover image '],
  [/\bsales ?copy\b|\bblurb\b|\bbook description\b/g, ' description '],
  [/\bget(?:ting)? paid\b|\broyalt(?:y|ies)\b|\bearnings?\b|\bpay ?outs?\b/g, ' royalty '],
  [/\bback[- ]?order(?:ed|s)?\b/g, ' backorder '],
  [/\bcheck ?digits?\b/g, ' checkdigit '],
];

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
  'apart quickly publishing publication release launch stock ranking realtime upfront';

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
