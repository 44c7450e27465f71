import { describe, expect, it } from 'vitest';
import { CampaignService, type CampaignOwner } from '../../../../src/app/campaigns/service.ts';
import { parseIsbn } from '../../../../src/core/isbn.ts';
import { MemoryCampaignStore } from '../../../support/memory-campaign-store.ts';

const NOW = new Date('2027-01-10T12:00:00Z');
const AUDIT = { actorId: 'test', action: 'campaign.started', details: {} };

function isbn(text: string) {
  const parsed = parseIsbn(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.value;
}

const alice: CampaignOwner = {
  platform: 'slack',
  communityExternalId: 'T1',
  communityName: 'Writers',
  userExternalId: 'U1',
  displayName: 'alice',
};

async function seed() {
  const store = new MemoryCampaignStore();
  const service = new CampaignService(store, { defaultTimeZone: 'Europe/London' });
  const start = async (who: CampaignOwner, title: string, isbn13: string) => {
    const community = await store.ensureCommunity(who.platform, who.communityExternalId, { defaultTimeZone: 'UTC' });
    const member = await store.ensureMember(who.platform, who.userExternalId, who.displayName);
    return store.createCampaign(
      {
        communityId: community.id,
        memberId: member.id,
        title,
        isbn: isbn(isbn13),
        marketplace: 'US',
        printer: 'kdp',
        timeZone: 'UTC',
        releaseDate: '2027-06-01',
      },
      AUDIT,
      NOW,
    );
  };
  return { store, service, start };
}

describe('campaigns.listOwn', () => {
  it('lists only the member’s own campaigns in the community they are in, active by default', async () => {
    const { store, service, start } = await seed();
    const mine = await start(alice, 'Mine', '978-0-306-40615-7');
    const cancelled = await start(alice, 'Dropped', '978-1-4028-9462-6');
    await store.updateCampaign(cancelled.id, { state: 'cancelled' }, AUDIT, NOW);
    await start({ ...alice, userExternalId: 'U2', displayName: 'bob' }, 'Bob’s', '978-0-306-40615-7');
    await start({ ...alice, communityExternalId: 'T2' }, 'Elsewhere', '978-0-306-40615-7');

    expect((await service.listOwn(alice)).map((c) => c.title)).toEqual(['Mine']);
    expect((await service.listOwn(alice, ['cancelled'])).map((c) => c.id)).toEqual([cancelled.id]);
    expect((await service.listOwn(alice, ['active'])).map((c) => c.id)).toEqual([mine.id]);
  });

  it('starts the community (named, in the default zone) and the member on first use, with nothing listed', async () => {
    const { store, service } = await seed();
    expect(await service.listOwn(alice)).toEqual([]);
    const community = await store.ensureCommunity('slack', 'T1', { defaultTimeZone: 'UTC' });
    expect(community.name).toBe('Writers');
    expect(community.defaultTimeZone).toBe('Europe/London');
    expect(await store.findMember('slack', 'U1')).toMatchObject({ displayName: 'alice' });
  });
});
