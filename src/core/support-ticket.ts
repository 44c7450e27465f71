import type { Isbn } from './isbn.ts';
import type { IsoDate, Marketplace } from './types.ts';

export interface TicketFacts {
  title: string;
  isbn: Isbn;
  releaseDate: IsoDate;
  marketplace: Marketplace;
  /** Publish has been pressed on KDP (its review may still be running). */
  published: boolean;
  /** The last PO step is marked done: US zeroed out, UK checked for unconfirmed POs. */
  poStepDone: boolean;
}

/**
 * The message for AA support on the last evening: close the title in Advantage and move its
 * customer pre-orders to KDP. Members paste it into Contact Us → Manage My Catalog → Change
 * status of one or more items, so it names every identifier support needs to find the book. It
 * claims only what is true when it is sent: the two sites treat purchase orders differently, and
 * KDP's review of the book may still be running.
 */
export function draftSupportTicket(facts: TicketFacts): string {
  const ids = facts.isbn.isbn10
    ? `ISBN-13 ${facts.isbn.isbn13}, ISBN-10 ${facts.isbn.isbn10}`
    : `ISBN-13 ${facts.isbn.isbn13}`;
  const site = facts.marketplace === 'UK' ? 'Amazon.co.uk' : 'Amazon.com';
  const sentences = [
    `Hello, please close/cancel the title "${facts.title}" (${ids}) in my Advantage account on ${site},`,
    `and transfer all of its customer pre-orders to KDP for printing and fulfilment.`,
    facts.published
      ? `I have published the print edition through KDP (it may still be in KDP's review); its official release date is ${facts.releaseDate}.`
      : `Its official release date is ${facts.releaseDate}.`,
    `No inventory was ever sent to Amazon.`,
  ];
  if (facts.marketplace === 'UK') {
    sentences.push('Its purchase orders were confirmed with the "Cancelled: Not yet available" option.');
  } else if (facts.poStepDone) {
    sentences.push('I have re-confirmed all of its purchase orders with 0 units.');
  }
  sentences.push('Thank you.');
  return sentences.join(' ');
}
