import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CampaignState } from '../../src/app/ports.ts';
import type { CampaignStore } from '../../src/app/campaigns/ports.ts';
import {
  ALL_STATES,
  ENDS_IN_X,
  NO_ISBN10,
  SALT_ROAD,
  SECOND,
  T0,
  T1,
  T2,
  T3,
  at,
  audit,
  describeContract,
  ids,
  seed,
  unique,
  useSubject,
} from './campaign-store-implementations.ts';

const byId = (list: string[]) => [...list].sort();

/** The CampaignStore port: listing and finding campaigns. */
describeContract('CampaignStore queries', (implementation) => {
  describe('listMemberCampaigns', () => {
    const subject = useSubject(implementation);

    it("lists one member's campaigns in one community by release date, then creation time", async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const start = (title: string, releaseDate: string, isbn: typeof SALT_ROAD, now: Date) =>
        store.createCampaign(campaign({ title, releaseDate, isbn: { ...isbn } }), audit('campaign.started'), now);
      const may = await start('May', '2027-05-01', SALT_ROAD, T0);
      const marchLater = await start('March, created later', '2027-03-15', SECOND, T1);
      const marchEarlier = await start('March, created earlier', '2027-03-15', NO_ISBN10, T0);
      const april = await start('April', '2027-04-01', ENDS_IN_X, T2);
      await store.updateCampaign(april.id, { state: 'cancelled' }, audit('campaign.cancelled'), T3);
      const january = await store.createCampaign(
        campaign({ title: 'January', releaseDate: '2027-01-20', marketplace: 'UK' }),
        audit('campaign.started'),
        T3,
      );
      await store.updateCampaign(january.id, { state: 'completed' }, audit('campaign.completed'), T3);

      // Not Ann's, or not in this community.
      const bob = await store.ensureMember('discord', unique('bob'), 'Bob');
      await store.createCampaign(campaign({ memberId: bob.id, releaseDate: '2027-02-01' }), audit('x'), T0);
      const elsewhere = await store.ensureCommunity('discord', unique('guild'), { defaultTimeZone: 'UTC' });
      await store.createCampaign(campaign({ communityId: elsewhere.id, releaseDate: '2027-02-01' }), audit('x'), T0);

      const list = (states: readonly CampaignState[]) => store.listMemberCampaigns(community.id, member.id, states);
      expect(await list(['active'])).toEqual([
        await store.getCampaign(marchEarlier.id),
        await store.getCampaign(marchLater.id),
        await store.getCampaign(may.id),
      ]);
      expect(ids(await list(ALL_STATES))).toEqual([january.id, marchEarlier.id, marchLater.id, april.id, may.id]);
      expect(ids(await list(['cancelled']))).toEqual([april.id]);
      expect(ids(await list(['completed', 'cancelled']))).toEqual([january.id, april.id]);
      expect(await list([])).toEqual([]);
      expect(await store.listMemberCampaigns(community.id, randomUUID(), ALL_STATES)).toEqual([]);
    });

    it('breaks a tie on release date and creation time by id', async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const made: string[] = [];
      for (const isbn of [SALT_ROAD, SECOND, NO_ISBN10, ENDS_IN_X]) {
        made.push((await store.createCampaign(campaign({ isbn: { ...isbn } }), audit('campaign.started'), T0)).id);
      }
      expect(ids(await store.listMemberCampaigns(community.id, member.id, ['active']))).toEqual(byId(made));
    });
  });

  describe('listCommunityCampaigns', () => {
    const subject = useSubject(implementation);

    /** Three active campaigns by two members released in order, plus a cancelled one and one elsewhere. */
    async function threeCampaigns(store: CampaignStore) {
      const { community, campaign } = await seed(store);
      const bob = await store.ensureMember('discord', unique('bob'), 'Bob');
      const start = (overrides: Parameters<typeof campaign>[0], now: Date) =>
        store.createCampaign(campaign(overrides), audit('campaign.started'), now);
      const last = await start({ title: 'Last', releaseDate: '2027-06-01' }, T0);
      const first = await start({ title: 'First', releaseDate: '2027-04-01', memberId: bob.id }, T1);
      const middle = await start({ title: 'Middle', releaseDate: '2027-05-01', isbn: { ...SECOND } }, T0);
      const cancelled = await start({ title: 'Cancelled', releaseDate: '2027-04-15', isbn: { ...NO_ISBN10 } }, T0);
      await store.updateCampaign(cancelled.id, { state: 'cancelled' }, audit('campaign.cancelled'), T1);
      const elsewhere = await store.ensureCommunity('discord', unique('guild'), { defaultTimeZone: 'UTC' });
      await start({ communityId: elsewhere.id, releaseDate: '2027-01-01' }, T0);
      return { community, first, middle, last, cancelled };
    }

    it("lists everyone's campaigns in the community by release date, filtered by state", async () => {
      const { store } = subject();
      const { community, first, middle, last, cancelled } = await threeCampaigns(store);
      expect(await store.listCommunityCampaigns(community.id, ['active'], 50)).toEqual([
        await store.getCampaign(first.id),
        await store.getCampaign(middle.id),
        await store.getCampaign(last.id),
      ]);
      const all = await store.listCommunityCampaigns(community.id, ALL_STATES, 50);
      expect(ids(all)).toEqual([first.id, cancelled.id, middle.id, last.id]);
      expect(await store.listCommunityCampaigns(community.id, [], 50)).toEqual([]);
      expect(await store.listCommunityCampaigns(randomUUID(), ALL_STATES, 50)).toEqual([]);
    });

    it('breaks release-date ties by creation time, then id', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      const later = await store.createCampaign(campaign({ title: 'Later' }), audit('campaign.started'), T2);
      const earlier = await store.createCampaign(campaign({ isbn: { ...SECOND } }), audit('campaign.started'), T1);
      const tied: string[] = [];
      for (const isbn of [NO_ISBN10, ENDS_IN_X]) {
        tied.push((await store.createCampaign(campaign({ isbn: { ...isbn } }), audit('campaign.started'), T1)).id);
      }
      expect(ids(await store.listCommunityCampaigns(community.id, ['active'], 10))).toEqual([
        ...byId([earlier.id, ...tied]),
        later.id,
      ]);
    });

    it('takes at most `limit`, from the start of that order', async () => {
      const { store } = subject();
      const { community, first, middle, last } = await threeCampaigns(store);
      const take = async (limit: number) => ids(await store.listCommunityCampaigns(community.id, ['active'], limit));
      expect(await take(1)).toEqual([first.id]);
      expect(await take(2)).toEqual([first.id, middle.id]);
      expect(await take(3)).toEqual([first.id, middle.id, last.id]);
      expect(await take(1000)).toEqual([first.id, middle.id, last.id]);
      expect(await take(0)).toEqual([]);
    });
  });

  describe('findCommunityCampaigns', () => {
    const subject = useSubject(implementation);

    it('matches a whole title ignoring case, whoever owns the campaign, in the given states', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      const bob = await store.ensureMember('discord', unique('bob'), 'Bob');
      const salt = await store.createCampaign(campaign({ title: 'The Salt Road' }), audit('campaign.started'), T0);
      const cafe = await store.createCampaign(
        campaign({ title: 'Café Noir', memberId: bob.id, isbn: { ...SECOND } }),
        audit('campaign.started'),
        T0,
      );
      const tide = await store.createCampaign(
        campaign({ title: 'Tide Line', memberId: bob.id, isbn: { ...NO_ISBN10 } }),
        audit('campaign.started'),
        T0,
      );
      await store.updateCampaign(tide.id, { state: 'cancelled' }, audit('campaign.cancelled'), T1);
      const elsewhere = await store.ensureCommunity('discord', unique('guild'), { defaultTimeZone: 'UTC' });
      await store.createCampaign(campaign({ communityId: elsewhere.id }), audit('campaign.started'), T0);

      const find = async (title: string, states: readonly CampaignState[] = ['active']) =>
        ids(await store.findCommunityCampaigns(community.id, { title }, states));
      expect(await store.findCommunityCampaigns(community.id, { title: 'the salt road' }, ['active'])).toEqual([
        await store.getCampaign(salt.id),
      ]);
      expect(await find('THE SALT ROAD')).toEqual([salt.id]);
      expect(await find('CAFÉ NOIR')).toEqual([cafe.id]);
      expect(await find('café noir', ALL_STATES)).toEqual([cafe.id]);
      expect(await find('Salt Road')).toEqual([]);
      expect(await find('The Salt Road ')).toEqual([]);
      expect(await find('Cafe Noir')).toEqual([]);
      expect(await find('tide line')).toEqual([]);
      expect(await find('tide line', ['cancelled', 'completed'])).toEqual([tide.id]);
      expect(await find('the salt road', [])).toEqual([]);
    });

    it('takes %, _ and \\ in a title as themselves', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      const start = (title: string, isbn: typeof SALT_ROAD) =>
        store.createCampaign(campaign({ title, isbn: { ...isbn } }), audit('campaign.started'), T0);
      const cotton = await start('100% Cotton', SALT_ROAD);
      const snake = await start('Snake_Case', SECOND);
      const slash = await start('Back\\', NO_ISBN10);
      // Titles these would match if they were LIKE patterns.
      await start('100 percent cotton', ENDS_IN_X);
      await store.createCampaign(campaign({ title: 'SnakeXCase', marketplace: 'UK' }), audit('x'), T0);

      const find = async (title: string) =>
        ids(await store.findCommunityCampaigns(community.id, { title }, ['active']));
      expect(await find('100% cotton')).toEqual([cotton.id]);
      expect(await find('snake_case')).toEqual([snake.id]);
      expect(await find('back\\')).toEqual([slash.id]);
      expect(await find('%')).toEqual([]);
      expect(await find('_')).toEqual([]);
      expect(await find('100%')).toEqual([]);
      expect(await find('snake%')).toEqual([]);
      expect(await find('snake\\_case')).toEqual([]);
      expect(await find('100\\% cotton')).toEqual([]);
      expect(await find('back')).toEqual([]);
      expect(await find('\\')).toEqual([]);
    });

    it('matches an ISBN-13 exactly, and both conditions together when both are given', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      const bob = await store.ensureMember('discord', unique('bob'), 'Bob');
      const anns = await store.createCampaign(campaign({ title: 'Ann Edition' }), audit('campaign.started'), T0);
      const bobs = await store.createCampaign(campaign({ title: 'Bob Edition', memberId: bob.id }), audit('x'), T1);
      const other = await store.createCampaign(campaign({ title: 'Other', isbn: { ...SECOND } }), audit('x'), T0);
      const find = async (query: { isbn13?: string; title?: string }) =>
        ids(await store.findCommunityCampaigns(community.id, query, ['active']));

      expect(await find({ isbn13: SALT_ROAD.isbn13 })).toEqual([anns.id, bobs.id]);
      expect(await find({ isbn13: SECOND.isbn13 })).toEqual([other.id]);
      expect(await find({ isbn13: NO_ISBN10.isbn13 })).toEqual([]);
      expect(await find({ isbn13: SALT_ROAD.isbn10! })).toEqual([]);
      expect(await find({ isbn13: SALT_ROAD.isbn13, title: 'bob edition' })).toEqual([bobs.id]);
      expect(await find({ isbn13: SECOND.isbn13, title: 'bob edition' })).toEqual([]);
    });

    it('finds nothing for an empty or blank query', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const queries = [{}, { title: '' }, { title: '   ' }, { isbn13: '' }, { isbn13: ' ' }, { isbn13: '', title: '' }];
      for (const query of queries) {
        expect(await store.findCommunityCampaigns(community.id, query, ALL_STATES)).toEqual([]);
      }
      // A blank part does not widen the other part either.
      expect(
        await store.findCommunityCampaigns(community.id, { isbn13: SALT_ROAD.isbn13, title: '' }, ALL_STATES),
      ).toEqual([]);
      expect(
        await store.findCommunityCampaigns(community.id, { isbn13: '', title: 'The Salt Road' }, ALL_STATES),
      ).toEqual([]);
    });

    it('returns at most 20, by release date, then creation time, then id', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      const made: { id: string; releaseDate: string; createdAt: number }[] = [];
      for (let i = 0; i < 11; i++) {
        const member = await store.ensureMember('discord', unique('writer'), `Writer ${i}`);
        for (const marketplace of ['US', 'UK'] as const) {
          // Release dates and creation times repeat, so every tie-break is needed.
          const releaseDate = `2027-0${(i % 3) + 1}-15`;
          const now = at(T0, i % 2);
          const c = await store.createCampaign(
            campaign({ memberId: member.id, marketplace, releaseDate }),
            audit('x'),
            now,
          );
          made.push({ id: c.id, releaseDate, createdAt: now.getTime() });
        }
      }
      made.sort(
        (a, b) => a.releaseDate.localeCompare(b.releaseDate) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
      );
      const expected = made.slice(0, 20).map((c) => c.id);
      expect(ids(await store.findCommunityCampaigns(community.id, { isbn13: SALT_ROAD.isbn13 }, ['active']))).toEqual(
        expected,
      );
      expect(ids(await store.findCommunityCampaigns(community.id, { title: 'the salt road' }, ALL_STATES))).toEqual(
        expected,
      );
    });
  });
});
