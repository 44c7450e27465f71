import type { Isbn } from './isbn.ts';
import type { IsoDate, Marketplace } from './types.ts';

export interface TicketFacts {
  title: string;
  isbn: Isbn;
  releaseDate: IsoDate;
  marketplace: Marketplace;
}

/**
 * The message for AA support on the last evening: close the title in Advantage and move its
 * customer pre-orders to KDP. Members paste it into Contact Us → Manage My Catalog → Change
 * status of one or more items, so it names every identifier support needs to find the book.
 */
export function draftSupportTicket(facts: TicketFacts): string {
  const ids = facts.isbn.isbn10
    ? `ISBN-13 ${facts.isbn.isbn13}, ISBN-10 ${facts.isbn.isbn10}`
    : `ISBN-13 ${facts.isbn.isbn13}`;
  const site = facts.marketplace === 'UK' ? 'Amazon.co.uk' : 'Amazon.com';
  return [
    `Hello, please close/cancel the title "${facts.title}" (${ids}) in my Advantage account on ${site},`,
    `and transfer all of its customer pre-orders to KDP for printing and fulfilment.`,
    `The book is published through KDP and its official release date is ${facts.releaseDate}.`,
    `No inventory was ever sent, and all purchase orders have been confirmed at zero units. Thank you.`,
  ].join(' ');
}
