/**
 * Phrase synonyms for the FAQ's normalisation (normalize.ts): multi-word and punctuated forms
 * rewritten to one canonical token before the text is split into words. They run in order, so a
 * rule may rely on an earlier one having run ("this bot" is already "bot" for the bot-intent
 * rules; "pre-order" is already "preorder", padded with spaces, for the rules after it).
 */
/** Multi-word and punctuated forms, rewritten to one canonical token before splitting. */
export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  // Before the pre-order rule, or the bot's own name and command would read as "preorder".
  [/\bpre-?order pal\b|\/preorder\b|\bslash commands?\b|\b(?:this|the|you) bot\b/g, ' bot '],
  [
    /\bwhat (?:can|could|do|will) you (?:do|help|offer)\b|\bhow (?:can|could|do|will) you help\b|\bwhat are you for\b/g,
    ' bot command ',
  ],
  // A request the bot itself would carry out ("can you remind me…", "set a reminder for…",
  // "the date you've got saved") asks what the bot does, whatever step it names.
  [
    /\b(?:can|could|will|would|do) you\s+(?:please\s+|also\s+)?(?:remind|ping|message|dm|notify|alert|nudge|show|add|log|change|update|track|remember|keep|send|move|do all)\b|\bset (?:up )?(?:a |an )?(?:reminders?|alerts?|alarms?|notifications?)\b|\byou(?:'ve| have)? (?:got )?(?:saved|stored|on file)\b|\b(?:this|the) chat\b|\bto my (?:schedule|calendar|plan|timeline|checklist)\b/g,
    ' bot botrequest ',
  ],
  // Asking what the bot does, before "help me with" is dropped as filler below.
  [/\bwhat (?:can|does|do|will)\s+bot\b|\bbot\s+(?:\w+\s+)?(?:help|do) (?:me )?(?:with)?\b/g, ' bot command '],
  // Marking a step off is a bot question whatever the step is ("tick off the cover upload").
  [
    /\b(?:tick|cross)(?:ing)?\s+(?:\w+\s+){0,4}?off\b|\bcheck(?:ing)?\s+(?:it |that |this |them )?off\b|\bmark\s+(?:\w+\s+){0,4}?(?:as\s+)?(?:done|complete|finished)\b|\bhow (?:do|can|should) i (?:record|log|note) (?:that|it|this)\b/g,
    ' bot done step ',
  ],
  // The member talking to the bot about the bot: "tell you", "with you", "you remind me".
  [/\bask you\b/g, ' bot ask '],
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
  // A pasted ISBN-13 ("978-1-23456-789-7") is a conversion question in the making.
  [/\b97[89](?:[- ]?\d){10}\b/g, ' isbn13 '],
  [/\bisbn[- ]?13s?\b|\b(?:13|thirteen)[- ]?digits?(?: isbn)?\b/g, ' isbn13 '],
  [
    /\bzero(?:ing|ed|s)?[- ]?out\b|\bzero(?:ing)? (?:the )?(?:po|purchase order)s?\b|\b(?:0|zero) (?:units?|quantity|copies)\b|\bquantity (?:to |of )?(?:0|zero)\b|\bto (?:0|zero)\b/g,
    ' zeroout ',
  ],
  [/\bre-?confirm(?:ing|ed|s)?\b/g, ' reconfirm '],
  [/\bsupport (?:case|request)s?\b|\bhelp ?desk\b/g, ' support ticket '],
  [/\bcontact us\b|\bcontact(?:ing)? (?:amazon|advantage|aa)\b/g, ' contact support '],
  // Getting into Advantage at all ("let a one-book author into", "applied", "open to newcomers") is enrolment.
  [
    /\b(?:get|let|allow|accept|admit)(?:s|ted|ting|ed)?\s+(?:[\w'-]+\s+){0,4}?into\s+aa\b|\bappl(?:y|ied|ying|ication)\b|\b(?:newcomers|new (?:vendors|members|authors|sign ?ups|accounts|applicants))\b|\b(?:make|create|open|get)(?:ting|ing)?\s+(?:(?:an?|my|one of these|the)\s+)?(?:aa\s+)?(?:vendor\s+)?accounts?\b/g,
    ' $& enroll ',
  ],
  [/\bsign(?:ing|ed)?[- ]?up\b|\benroll?(?:ment|ing|ed|s)?\b|\bregist(?:er|ration|ering|ered)\b/g, ' enroll '],
  [/\be-?books?\b|\bkindle (?:e?books?|editions?|versions?)\b|\bdigital (?:books?|editions?|versions?)\b/g, ' ebook '],
  [
    /\bpaper ?backs?\b|\bhard ?backs?\b|\bhard ?covers?\b|\bprint (?:books?|editions?|versions?)\b|\bphysical (?:books?|cop(?:y|ies))\b/g,
    ' print ',
  ],
  [/\b(?:go(?:es|ne|ing)?|went) live\b/g, ' live '],
  // "Is the listing up yet" means live; "set up" and "up front" are handled elsewhere or are filler.
  [
    /\b(?:listing|page)(?: is| was| to be| being)? up(?: yet| on amazon)?\b|\b(?:book|title)(?: is| was| to be| being) up\b|\b(?:book|title) up (?:yet|on amazon)\b/g,
    ' list live ',
  ],
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
    /\bis there a catch\b|\bwhat(?:'s| is) the catch\b|\btoo good to be true\b|\babove board\b|\blegit(?:imate)?\b|\bbad side\b|\bget (?:me |myself )?in(?:to)? trouble\b|\bcome after\b|\bbackfires?\b|\bagainst (?:the |amazon'?s? )?(?:rules|terms|tos)\b|\bbreak(?:s|ing)? (?:any |the |amazon'?s? )?(?:rules|terms|tos)\b|\bterms of service\b|\ballowed\b/g,
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
    /\b(?:last|this past) (?:week|month|year|night)\b|\b(?:a few|\d+|a couple of) (?:days|weeks|months) ago\b|\byesterday\b/g,
    ' already ',
  ],
  // Acting on impulse: the already-published question, told as a story.
  [/\bwithout thinking\b|\bin a (?:rush|hurry)\b|\bjumped the gun\b/g, ' accident '],
  // Cancelling the Advantage membership itself is closing the account, not cancelling POs.
  [
    /\bcancel(?:l?ing|l?ed)?\s+(?:my\s+|the\s+|our\s+)?(?:aa\s+)?(?:membership|account|annual)\b/g,
    ' close aa account ',
  ],
  // Amazon acting against the author is a risk question, not the author closing their account.
  [
    /\b(?:amazon|kdp|they|aa)\s+(?:could |might |will |would |may |can )?(?:shut(?:ting)? down|close|terminate|delete|ban|suspend|pull)\b|\bwhat (?:could|can|might|would) go wrong\b|\bdownsides?\b|\bregret\b|\b(?:amazon|kdp|they|aa)\s+(?:(?:could|might|will|would|may|can) )?(?:be |get |is |are )?(?:annoyed|upset|angry|mad|mind|object)\b|\bfrown(?:s|ed)? (?:up)?on\b|\b(?:amazon|they|kdp|aa)\s+(?:be |is |are )?(?:ok|okay|fine|happy)\s+with\b|\bloop ?holes?\b/g,
    ' risk ',
  ],
  // Pre-orders arriving at KDP: order-transfer, never the KDP publish window.
  [
    /\b(?:hit|hits|reach(?:es)?|land(?:s)? (?:in|on)|arrive (?:in|at)|move (?:to|over to|into)|transfer(?:red)? (?:to|into)|come across to|show up (?:in|on))\s+(?:my\s+)?kdp\b|\bpreorder\s+(?:into|to|over to)\s+kdp\b|\bpreorder\s+(?:(?:are|still)\s+)?(?:missing|not showing|not in)\s+(?:from\s+|in\s+|on\s+)?kdp\b/g,
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
  // Once Advantage says yes, "what now" is adding the item, not enrolling again.
  [/\baccount\s+(?:got |is |was |has been |been )?approved\b(?=.*\b(?:now|next|first|then)\b)/g, ' add item '],
  // What has to be ready inside KDP before the last steps: the proofing step.
  [/\b(?:done|ready|finished|prepared|set ?up|uploaded|sorted)\s+(?:in|on|inside)\s+kdp\b/g, ' kdp proof ready '],
  // Asking Amazon to do something for you is done through a support ticket.
  [/\b(?:ask|get|tell|request|contact)\s+(?:amazon|aa|support|them)\s+to\b/g, ' support ticket '],
  // "What do I do with them" about purchase orders asks how to handle (confirm) them.
  [/\bpo\b(?=.*\bwhat (?:do|should) i do with (?:them|these|those|it)\b)/g, ' po confirm '],
  // Readers receiving the book they pre-ordered: shipping, not the release-day page.
  [
    /\b(?:people|readers?|buyers?|customers?|fans?|they|everyone)\b(?:\s+[\w'-]+){0,4}?\s+(?:get|receive)\s+(?:the|their|my|a|it)\b/g,
    ' $& ship arrive ',
  ],
  // "Each book" and "a trilogy" are the next-book question; a finished one-off is closing time.
  [/\bfor (?:each|every) (?:book|title|release)\b|\btrilogy\b/g, ' nextbook '],
  [/\bno (?:more )?plans? to publish (?:again|another)\b|\bone[- ]off\b/g, ' $& close aa account '],
  // Sending copies to Amazon is shipping stock, which this route never does.
  [/\bsend(?:ing)?\s+(?:any |the |them |those |in )?(?:copies|books|units|stock|inventory)\b/g, ' ship copy '],
  // One Advantage account serves every title; "another account per book" is the next-book question.
  [
    /\b(?:(?:another|fresh|separate|second)\s+(?:aa\s+)?)?account\s+(?:per|for each|for every|each)\s+(?:book|title)\b|\b(?:another|fresh|separate|second)\s+(?:aa\s+)?account\b/g,
    ' nextbook account ',
  ],
  [/\bshut(?:ting)? down\b/g, ' close '],
  [/\bhow come\b|\bfor what reason\b|\bwhat(?:'s| is) the reason\b/g, ' why '],
  // An edition that has been on sale a while is the already-published question.
  [/\bbeen\s+(?:out|published|on sale|for sale|available)\b|\bout since\b/g, ' already publish '],
  // "help me with X" is about X; only a bare "help" is a request for the bot's help.
  [/\bhelp(?: me)? (?:with|to|on|understand(?:ing)?|figure out)\b/g, ' '],
  [/\bdp (?:link|url|page)s?\b|\/dp\//g, ' dp link '],
  [/\bcover (?:art|images?|pictures?|photos?|files?)\b|\bart ?work\b/g, ' cover image '],
  [/\bsales ?copy\b|\bblurb\b|\bbook description\b/g, ' description '],
  // Paying Amazon is the fee. Amazon paying the author keeps its words: "pay" is the payment topic's.
  [
    /\b(?:i|we)\s+(?:have to |need to |must |got to |gotta )?pay\s+(?:amazon|aa|them|anything|for)\b|\bpay (?:amazon|aa) (?:to|for)\b/g,
    ' fee cost ',
  ],
  [/\bget(?:ting)? paid\b|\broyalt(?:y|ies)\b|\bearnings?\b|\bpay ?outs?\b/g, ' royalty '],
  [/\bback[- ]?order(?:ed|s)?\b/g, ' backorder '],
  [/\bcheck ?digits?\b/g, ' checkdigit '],
];
