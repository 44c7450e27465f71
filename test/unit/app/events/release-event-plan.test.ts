import { expect, it } from 'vitest';
import { eventCandidates, releaseEventSpec } from '../../../../src/app/events/release-event-plan.ts';
import type { CampaignRecord } from '../../../../src/app/ports.ts';

const campaign = (over: Partial<CampaignRecord>): CampaignRecord =>
  ({
    id: 'c1',
    title: 'The Salt Road',
    memberName: 'Ann',
    isbn: { isbn13: '9780306406157', isbn10: '0306406152' },
    marketplace: 'US',
    timeZone: 'Europe/London',
    releaseDate: '2027-03-29',
    state: 'active',
    ...over,
  }) as CampaignRecord;

it('spans the release day in the campaign zone and points at its listing', () => {
  // BST began on 28 March 2027: the 29th runs 23:00Z to 23:00Z.
  expect(releaseEventSpec(campaign({}))).toMatchObject({
    name: 'Release day: The Salt Road',
    start: new Date('2027-03-28T23:00:00Z'),
    end: new Date('2027-03-29T23:00:00Z'),
    location: 'https://www.amazon.com/dp/0306406152',
  });
  const uk979 = releaseEventSpec(
    campaign({ marketplace: 'UK', isbn: { isbn13: '9791032305690', isbn10: null } as CampaignRecord['isbn'] }),
  );
  expect(uk979.location).toBe('https://www.amazon.co.uk/s?k=9791032305690');
});

it('breaks mentions in the name and description, and keeps the name within 100 characters', () => {
  const spec = releaseEventSpec(campaign({ title: `@everyone <@123> ${'x'.repeat(120)}`, memberName: '@here Ann' }));
  expect(spec.name).toHaveLength(100);
  expect(`${spec.name} ${spec.description}`).not.toMatch(/@everyone|@here|<@\d/);
});

it('takes active releases that start after now and within 60 days, soonest first', () => {
  const now = new Date('2027-03-01T12:00:00Z');
  const picked = eventCandidates(
    [
      campaign({ id: 'late', releaseDate: '2027-04-29' }),
      campaign({ id: 'beyond', releaseDate: '2027-05-01' }),
      campaign({ id: 'soon', releaseDate: '2027-03-10' }),
      campaign({ id: 'cancelled', releaseDate: '2027-03-05', state: 'cancelled' }),
      campaign({ id: 'started', releaseDate: '2027-03-01' }),
    ],
    now,
  );
  expect(picked.map((e) => e.campaignId)).toEqual(['soon', 'late']);
});
