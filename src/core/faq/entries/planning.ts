import type { FaqEntry } from '../entry.ts';

/** Planning questions asked before or around the steps: how early, how safe, who pays, KDP files. */
export const PLANNING_ENTRIES: readonly FaqEntry[] = [
  {
    id: 'setup-lead-time',
    title: 'How far ahead to start the pre-order',
    answer:
      "Start well before your release date: everything in Advantage has to be done while the book is still unpublished on KDP. The guide I follow names no ideal length for the pre-order period and promises no approval time; Amazon reviews each Advantage application and tells you if you are eligible. Once you add the book, the listing usually goes live within 24 to 48 hours, sometimes in about 3 hours and now and then only after 3 days. Pressing Publish on KDP is a different, late step near release day, so don't plan the start from it. /preorder start builds a dated plan backwards from your release date.",
    aliases: [
      'how far ahead should I start the pre-order',
      'how early before launch should the pre-order go up',
      'how many weeks before release do I set up the listing',
      'how much time do I need before my release date',
      'is it too late to start a pre-order',
      'when should I begin the whole process',
      'how long before publication should the Advantage listing be ready',
      'lead time for the pre-order',
      'how long does approval and listing take before release',
    ],
    keywords: ['ahead', 'early', 'advance', 'lead', 'begin', 'start', 'weeks', 'months', 'late', 'period', 'plan'],
    related: ['requirements', 'aa-enrollment', 'listing-live'],
  },
  {
    id: 'is-it-risky',
    title: 'Is this process risky?',
    answer:
      "The guide's author calls the process a bit convoluted but not risky, and he first proved it on his own second book in 2010. Big traditional publishers have long listed books before publication; this is the same kind of listing, reached through an Advantage account. What it asks of you is care: confirm purchase orders rather than cancel them, and don't press Publish on KDP early. The guide says nothing about account penalties, so I can't promise anything on that.",
    aliases: [
      'is this process risky',
      'is this method safe',
      'could Amazon ban me for doing this',
      'is this workaround legit or against the rules',
      'what could go wrong with this approach',
      'any downside risk to doing it this way',
      'will this get my account in trouble',
    ],
    keywords: [
      'risk',
      'risky',
      'safe',
      'danger',
      'legit',
      'legitimate',
      'ban',
      'suspend',
      'trouble',
      'sketchy',
      'dodgy',
    ],
    related: ['why-aa', 'dont-cancel-pos', 'already-published'],
  },
  {
    id: 'aa-payment',
    title: 'How Advantage pays you (bank details)',
    answer:
      "Advantage asks for a payment method when you apply, and you do need to fill it in. With this process, though, Advantage is not the one paying you: once the pre-orders move across, KDP handles payment, normally as each copy is printed. The annual Advantage fee is separate and isn't taken upfront. The guide says nothing more about Advantage's own payment terms, so check those with Amazon if they matter to you.",
    aliases: [
      'AA asked for my bank details',
      'how does Advantage pay me',
      'who pays me, Advantage or KDP',
      'which payment method do I choose when I sign up for Advantage',
      'why does Advantage need my bank account',
      'do I get paid by Advantage for the pre-orders',
      'payment information in the Advantage application',
    ],
    keywords: ['bank', 'banking', 'payment', 'payee', 'pay', 'paid', 'remit', 'deposit', 'method', 'account'],
    related: ['order-transfer', 'aa-enrollment', 'aa-fee'],
  },
  {
    id: 'kdp-proof',
    title: 'Getting the print files ready in KDP',
    answer:
      "Before the last steps, your paperback should be fully set up in KDP: interior and cover uploaded, checked and proofed, ready to go. Stop there, because approving it for publication or pressing Publish too early closes off the pre-order route. This is the kdp-files-ready step in your plan; Publish itself comes later, at the time /preorder status shows. The guide doesn't go into KDP's own file checks or proof copies, so follow KDP's help pages for those.",
    aliases: [
      'get my print files ready in KDP',
      'upload the interior and cover to KDP without publishing',
      'when should I proof the paperback in KDP',
      'do I upload my manuscript to KDP now or later',
      'set up the paperback in KDP before launch',
      'order a proof copy from KDP',
      'I uploaded my files to KDP did that publish it',
      'print ready file on KDP',
    ],
    keywords: ['proof', 'proofing', 'file', 'files', 'interior', 'manuscript', 'pdf', 'upload', 'ready', 'draft'],
    related: ['kdp-publish-timing', 'already-published', 'requirements'],
  },
];
