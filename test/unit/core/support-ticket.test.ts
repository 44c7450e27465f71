import { describe, expect, it } from 'vitest';
import { draftSupportTicket, type TicketFacts } from '../../../src/core/support-ticket.ts';

const facts = (overrides: Partial<TicketFacts> = {}): TicketFacts => ({
  title: 'The Salt Road',
  isbn: { isbn13: '9780306406157', isbn10: '0306406152' },
  releaseDate: '2027-03-15',
  marketplace: 'US',
  published: true,
  poStepDone: true,
  ...overrides,
});

describe('support ticket draft', () => {
  it('names the title, both ISBNs, the site, the release date and the transfer to KDP', () => {
    const text = draftSupportTicket(facts());
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

  it('US: says the POs were re-confirmed at 0 units only once that step is marked done', () => {
    expect(draftSupportTicket(facts())).toContain('re-confirmed all of its purchase orders with 0 units');
    expect(draftSupportTicket(facts({ poStepDone: false }))).not.toMatch(/0 units|zero/);
  });

  it('UK: never claims a zero-out; the POs were confirmed with the UK option', () => {
    const text = draftSupportTicket(facts({ marketplace: 'UK', isbn: { isbn13: '9791090636071', isbn10: null } }));
    expect(text).toContain('Amazon.co.uk');
    expect(text).not.toContain('ISBN-10');
    expect(text).not.toMatch(/0 units|zero/i);
    expect(text).toContain('"Cancelled: Not yet available"');
  });

  it('claims the book was published only when Publish is marked, and allows for KDP review still running', () => {
    expect(draftSupportTicket(facts())).toMatch(
      /published the print edition through KDP \(it may still be in KDP's review\)/,
    );
    const before = draftSupportTicket(facts({ published: false }));
    expect(before).not.toMatch(/published/i);
    expect(before).toContain('official release date is 2027-03-15');
  });
});
