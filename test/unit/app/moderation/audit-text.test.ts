import { describe, expect, it } from 'vitest';
import { actorText, auditLine, detailsText } from '../../../../src/app/moderation/audit-text.ts';
import { FORMER_MODERATOR } from '../../../../src/app/moderation/ports.ts';
import { richText } from '../../../../src/app/reply.ts';

const names = new Map([
  ['console:member:sam', 'Sam'],
  ['discord:123456789012345678', 'Ada'],
]);

describe('audit details in people words', () => {
  it('labels fields and writes dates as dates', () => {
    expect(detailsText({ releaseDate: { from: '2027-02-20', to: '2027-03-06' } })).toBe(
      'Release date Sat 20 Feb 2027 → Sat 6 Mar 2027',
    );
    expect(detailsText({ title: 'The Salt Road', release: '2027-03-15' })).toBe(
      'Title: "The Salt Road"; Release date: Mon 15 Mar 2027',
    );
    expect(detailsText({ timeZone: { from: 'Europe/London', to: 'America/New_York' } })).toBe(
      'Time zone Europe/London → America/New_York',
    );
  });

  it('gives printers and marketplaces their proper names', () => {
    expect(
      detailsText({ marketplace: { from: 'US', to: 'UK' }, printer: { from: 'kdp', to: 'lightningsource' } }),
    ).toBe('Marketplace Amazon US → Amazon UK; Printer KDP → Lightning Source');
  });

  it('names the step a mark is about, and what an order log was before', () => {
    expect(detailsText({ milestone: 'kdp-publish', was: 'done' })).toBe('Press Publish on KDP (kdp-publish); was done');
    expect(detailsText({ day: '2027-01-10', orders: 4, pos: 12, was: { orders: 3, pos: 10 } })).toBe(
      'Day: Sun 10 Jan 2027; Customer orders: 4; PO units: 12; was 3 customer orders, 10 PO units',
    );
  });

  it('reads an unknown key as words rather than an identifier', () => {
    expect(detailsText({ someNewField: 'x' })).toBe('Some new field: x');
  });
});

describe('audit actors', () => {
  it('are "you" for the reader, their display name for others, never a platform id', () => {
    expect(actorText('console:you', names, 'console:you')).toBe('you');
    expect(actorText('console:member:sam', names, 'console:you')).toBe('Sam');
    expect(actorText('discord:123456789012345678', names, 'console:you')).toBe('Ada');
    expect(actorText('discord:999', names, 'console:you')).toBe('someone no longer here');
    expect(actorText(FORMER_MODERATOR, names, 'console:you')).toBe('a former moderator');
    expect(actorText('unknown', names, 'console:you')).toBe('someone');
  });

  it('make one line with the time in the campaign zone, named once', () => {
    const line = auditLine(
      {
        actorId: 'console:member:sam',
        action: 'moderator.shifted',
        details: { releaseDate: { from: '2027-02-20', to: '2027-03-06' } },
        at: new Date('2027-07-01T08:30:00Z'),
        campaignId: 'c1',
      },
      names,
      'console:you',
      'Europe/London',
    );
    expect(richText(line)).toBe(
      '• Thu 1 Jul 2027, 09:30 BST (Europe/London) — Sam: shifted the release date (moderator) · Release date Sat 20 Feb 2027 → Sat 6 Mar 2027',
    );
  });
});
