import { fail, ok } from './errors.ts';
import type { Result } from './errors.ts';
import { MILESTONE_IDS } from './types.ts';
import type { Marketplace, MilestoneId } from './types.ts';
import { closestNames } from './closest-names.ts';
import type { FaqTopicId } from './faq/topics.ts';

export interface MilestoneDefinition {
  id: MilestoneId;
  /** Short imperative, shown in plans and reminders. */
  title: string;
  /** What the member actually does, in one to three sentences (the US site, or both). */
  summary: string;
  /** The UK site's wording where it differs from `summary`. */
  summaryUK?: string;
  /** A window of a few hours around release: it gets its own timely reminders, not a morning line. */
  critical: boolean;
  /** The FAQ topic id that explains this step in more depth. */
  faqTopic: FaqTopicId;
  path: 'aa' | 'ingram' | 'both';
  marketplaces: readonly Marketplace[];
}

const BOTH: readonly Marketplace[] = ['US', 'UK'];

/*
 * Every sentence below states only what the practitioner's article says (in our words): where it
 * is silent (the UK fee, how long Amazon's review of an application takes, the Ingram procedure)
 * the step says nothing rather than guess.
 */

/**
 * Plan order, which is also display order. The Ingram step comes first because it is the only
 * thing to do up front on that path; it never appears next to the Amazon Advantage steps.
 */
export const MILESTONES: readonly MilestoneDefinition[] = [
  {
    id: 'ingram-preorder-setup',
    title: 'Arrange the pre-order with your printer',
    summary:
      'IngramSpark and Lightning Source set up print pre-orders on Amazon in-house, so you skip ' +
      'Amazon Advantage; ask your printer how. Pre-order sales figures only show up once the book ' +
      'is published.',
    critical: false,
    faqTopic: 'aa-vs-ingram',
    path: 'ingram',
    marketplaces: BOTH,
  },
  {
    id: 'aa-account',
    title: 'Open an Amazon Advantage account',
    summary:
      'Apply for Amazon Advantage on amazon.com with an e-mail address and contact name you check. ' +
      'Amazon reviews the application and then tells you whether you are eligible. The yearly fee ' +
      'is $99 and is not charged upfront.',
    summaryUK:
      'Apply for Amazon Advantage on amazon.co.uk with an e-mail address and contact name you ' +
      'check. Amazon reviews the application and then tells you whether you are eligible.',
    critical: false,
    faqTopic: 'aa-enrollment',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'aa-add-item',
    title: 'Add your book in Amazon Advantage',
    summary:
      'Under Items, add a new item of type book: the ISBN with no hyphens or spaces, title, ' +
      'author, price and your release date as the publish date. Preview, then submit.',
    critical: false,
    faqTopic: 'add-item',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'aa-images',
    title: 'Upload your cover images',
    summary:
      'Under Items, upload the front cover, and the back cover too if you can. Check the ' +
      'image format and file naming rules on the upload page before you submit.',
    critical: false,
    faqTopic: 'cover-images',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'aa-sales-copy',
    title: 'Add your description and reviews',
    summary: 'Fill in the book description and any editorial reviews so the listing can sell the book.',
    critical: false,
    faqTopic: 'requirements',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'listing-live',
    title: 'Check that your listing is live',
    summary:
      'Open your book page link (the dp link with your ISBN-10). An error page means the ' +
      'listing is not up yet. Amazon sends no notice, so check again later: it can take from a ' +
      'couple of hours to about three days, and a day or two is usual.',
    critical: false,
    faqTopic: 'listing-live',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'confirm-pos',
    title: 'Confirm new purchase orders',
    summary:
      'Each day, go to Orders, Purchase Orders, Confirm new POs. Set Availability to Backordered ' +
      'and Expected Delivery to your release date. Confirm purchase orders; never cancel them.',
    summaryUK:
      'Each day, go to Orders, Purchase Orders, Confirm new POs and pick the availability option ' +
      'labelled "Cancelled: Not yet available": despite its name it confirms the PO (and sets it ' +
      'to zero units). Confirm purchase orders; never cancel them.',
    critical: false,
    faqTopic: 'confirm-pos',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'kdp-files-ready',
    title: 'Get your print files ready on KDP',
    summary:
      'Set up the paperback in KDP, upload the print-ready interior and cover and check the ' +
      'proof, but do not press Publish. The file has to be ready before the publish step, so ' +
      'leave yourself time for corrections.',
    critical: false,
    faqTopic: 'kdp-publish-timing',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'kdp-publish',
    title: 'Press Publish on KDP',
    summary:
      'Publish the print book in KDP 36 to 48 hours before release day begins; your print-ready ' +
      'file must already be uploaded. KDP review can take up to 72 hours, and the listing keeps ' +
      'showing as a pre-order until release day.',
    critical: true,
    faqTopic: 'kdp-publish-timing',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'zero-out-pos',
    title: 'Zero out your confirmed purchase orders',
    summary:
      'One to three hours before release day begins, open each confirmed PO, set Expected ' +
      'Quantity to 0 and submit.',
    critical: true,
    faqTopic: 'zero-out',
    path: 'aa',
    marketplaces: ['US'],
  },
  {
    id: 'check-unconfirmed-pos',
    title: 'Confirm any remaining purchase orders',
    summary:
      'One to three hours before release day begins, look for POs that are still unconfirmed ' +
      'and confirm them. On the UK site no zeroing is needed: the option you confirmed them with ' +
      'already set them to 0.',
    critical: true,
    faqTopic: 'uk-differences',
    path: 'aa',
    marketplaces: ['UK'],
  },
  {
    id: 'support-ticket',
    title: 'Ask Amazon Advantage to hand the title over to KDP',
    summary:
      'Straight after the PO step, use Contact Us, choose "Manage My Catalog" and then "Change ' +
      'status of one or more items", and ask them to close the title and move its pre-orders to ' +
      'KDP. I can draft the text for you.',
    critical: true,
    faqTopic: 'support-ticket',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'release-day',
    title: 'Watch the listing switch on release day',
    summary:
      'The pre-order button should turn into a normal Add to Cart button. It may show "Not ' +
      'Available" or "Unavailable at this time" on the way; that is part of the change.',
    critical: false,
    faqTopic: 'release-day-status',
    path: 'both',
    marketplaces: BOTH,
  },
  {
    id: 'orders-transfer',
    title: 'Look for your pre-orders in KDP reports',
    summary:
      'Pre-orders show up in KDP reports as each copy is printed, over about 2 to 7 days, and ' +
      'you are paid when a copy is made. They look just like ordinary orders.',
    critical: false,
    faqTopic: 'order-transfer',
    path: 'aa',
    marketplaces: BOTH,
  },
  {
    id: 'close-aa-account',
    title: 'Close Amazon Advantage (optional)',
    summary:
      'Only if you have no more books planned: open a support ticket asking to end the account ' +
      'and confirm no stock is held. This cannot be undone, and a new account cannot reuse the ' +
      'same payee or login name.',
    critical: false,
    faqTopic: 'close-aa-account',
    path: 'aa',
    marketplaces: BOTH,
  },
];

const byId = new Map<MilestoneId, MilestoneDefinition>(MILESTONES.map((m) => [m.id, m]));

export function isMilestoneId(s: string): s is MilestoneId {
  return (MILESTONE_IDS as readonly string[]).includes(s);
}

export function getMilestone(id: MilestoneId): MilestoneDefinition {
  const found = byId.get(id);
  if (!found) throw new Error(`Milestone ${id} is missing from the catalogue`);
  return found;
}

/** Position in plan order; used to sort anything keyed by milestone. */
export function milestoneOrder(id: MilestoneId): number {
  return MILESTONES.findIndex((m) => m.id === id);
}

/** What the member does for step `id`, in the words of their marketplace's site. */
export function stepSummary(id: MilestoneId, marketplace: Marketplace): string {
  const def = getMilestone(id);
  return marketplace === 'UK' ? (def.summaryUK ?? def.summary) : def.summary;
}

/** Accepts any case and spaces or underscores for hyphens ("Zero out POs" → zero-out-pos). */
export function parseMilestoneId(input: string, field = 'milestone'): Result<MilestoneId> {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (text === '') {
    return fail(field, 'required', `Please name a milestone: ${MILESTONES.map((m) => m.id).join(', ')}.`);
  }
  if (isMilestoneId(text)) return ok(text);
  const ranked = closestNames(
    text,
    MILESTONES.map((m) => m.id),
  );
  const hint = ranked.length ? ` Did you mean ${ranked.join(' or ')}?` : '';
  return fail(
    field,
    'invalid',
    `"${input.trim()}" is not a milestone.${hint} Valid milestones: ` + `${MILESTONES.map((m) => m.id).join(', ')}.`,
    ranked.length ? ranked : MILESTONES.map((m) => m.id),
  );
}
