import { describe, expect, it } from 'vitest';
import { draftSupportTicket } from '../../../src/core/support-ticket.ts';

describe('support ticket draft', () => {
  it('names the title, both ISBNs, the site, the release date and the transfer to KDP', () => {
    const text = draftSupportTicket({
      title: 'The Salt Road',
      isbn: { isbn13: '9780306406157', isbn10: '0306406152' },
      releaseDate: '2027-03-15',
      marketplace: 'US',
    });
    for (const part of [
      '"The Salt Road"',
      '9780306406157',
      '0306406152',
      'Amazon.com',
      '2027-03-15',
      'KDP',
      'pre-orders',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('uses the UK site and leaves out a missing ISBN-10', () => {
    const text = draftSupportTicket({
      title: 'Tide',
      isbn: { isbn13: '9791090636071', isbn10: null },
      releaseDate: '2027-10-31',
      marketplace: 'UK',
    });
    expect(text).toContain('Amazon.co.uk');
    expect(text).not.toContain('ISBN-10');
  });
});
