import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CampaignRecord, CampaignState } from '../../src/app/ports.ts';
import type { CampaignPatch } from '../../src/app/campaigns/ports.ts';
import {
  ALL_STATES,
  ENDS_IN_X,
  NO_ISBN10,
  SALT_ROAD,
  SECOND,
  T0,
  T1,
  T2,
  at,
  audit,
  communityFields,
  describeContract,
  expectConflict,
  ids,
  memberFields,
  seed,
  unique,
  useSubject,
} from './campaign-store-implementations.ts';

/** The CampaignStore port: communities, members, and creating and changing campaigns. */
describeContract('CampaignStore campaigns', (implementation) => {
  describe('ensureCommunity and ensureMember', () => {
    const subject = useSubject(implementation);

    it('creates a community with its defaults and later returns the same one, ignoring new defaults', async () => {
      const { store } = subject();
      const externalId = unique('guild');
      const first = await store.ensureCommunity('discord', externalId, {
        name: 'Writers',
        defaultTimeZone: 'Europe/London',
      });
      expect(communityFields(first)).toEqual({
        id: expect.any(String),
        platform: 'discord',
        externalId,
        name: 'Writers',
        defaultTimeZone: 'Europe/London',
        // A zone other than the UTC fallback was chosen by whoever configured it.
        timeZoneChosen: true,
        announcementChannelId: null,
        moderatorRoleIds: [],
        digestHour: 9,
        mutedPosts: [],
      });
      const again = await store.ensureCommunity('discord', externalId, { name: 'Renamed', defaultTimeZone: 'UTC' });
      expect(communityFields(again)).toEqual(communityFields(first));

      const unnamed = await store.ensureCommunity('discord', unique('guild'), { defaultTimeZone: 'UTC' });
      expect(unnamed.name).toBeNull();
      // UTC is the fallback of an unset DEFAULT_TIMEZONE: no zone was chosen, unless said so.
      expect(unnamed.timeZoneChosen).toBe(false);
      const utc = await store.ensureCommunity('discord', unique('guild'), {
        defaultTimeZone: 'UTC',
        timeZoneChosen: true,
      });
      expect(utc.timeZoneChosen).toBe(true);
      expect(unnamed.id).not.toBe(first.id);

      const withChannel = await store.ensureCommunity('console', unique('guild'), {
        defaultTimeZone: 'UTC',
        announcementChannelId: 'announcements',
      });
      expect(withChannel.announcementChannelId).toBe('announcements');
    });

    it('finds a member without creating one', async () => {
      const { store } = subject();
      const externalId = unique('user');
      expect(await store.findMember('discord', externalId)).toBeNull();
      const ann = await store.ensureMember('discord', externalId, 'Ann');
      expect(await store.findMember('discord', externalId)).toEqual(ann);
      expect(await store.findMember('slack', externalId)).toBeNull();
    });

    it('finds a community by id', async () => {
      const { store } = subject();
      const community = await store.ensureCommunity('slack', unique('team'), { defaultTimeZone: 'UTC' });
      expect(communityFields((await store.getCommunity(community.id))!)).toEqual(communityFields(community));
      expect(await store.getCommunity(randomUUID())).toBeNull();
    });

    it("changes a member's reminder settings and reopens closed DMs on request", async () => {
      const { store } = subject();
      const ann = await store.ensureMember('discord', unique('user'), 'Ann');
      const quiet = await store.updateMemberSettings(
        ann.id,
        { quietHours: { start: 22, end: 7 }, dmReminders: false, timeZone: 'Europe/London' },
        audit('member.settings'),
        T0,
      );
      expect(memberFields(quiet)).toEqual({
        ...memberFields(ann),
        quietHoursStart: 22,
        quietHoursEnd: 7,
        dmReminders: false,
        timeZone: 'Europe/London',
      });
      const cleared = await store.updateMemberSettings(
        ann.id,
        { quietHours: null, dmReminders: true, reopenDms: true },
        audit('member.settings'),
        T1,
      );
      expect(memberFields(cleared)).toEqual({ ...memberFields(ann), timeZone: 'Europe/London' });
    });

    it('keys communities on platform and external id, and concurrent calls agree on one', async () => {
      const { store } = subject();
      const externalId = unique('guild');
      const discord = await store.ensureCommunity('discord', externalId, { defaultTimeZone: 'UTC' });
      const slack = await store.ensureCommunity('slack', externalId, { defaultTimeZone: 'UTC' });
      expect(slack.id).not.toBe(discord.id);
      expect(slack.platform).toBe('slack');

      const raced = await Promise.all(
        [1, 2, 3].map(() => store.ensureCommunity('console', externalId, { defaultTimeZone: 'UTC' })),
      );
      expect(new Set(raced.map((c) => c.id)).size).toBe(1);
    });

    it('creates a member once and updates the display name when it changed', async () => {
      const { store } = subject();
      const externalId = unique('user');
      const ann = await store.ensureMember('discord', externalId, 'Ann');
      expect(memberFields(ann)).toEqual({
        id: expect.any(String),
        platform: 'discord',
        externalId,
        displayName: 'Ann',
        timeZone: null,
        dmReminders: true,
        quietHoursStart: null,
        quietHoursEnd: null,
        dmsClosedAt: null,
      });
      expect(memberFields(await store.ensureMember('discord', externalId, 'Ann'))).toEqual(memberFields(ann));

      const renamed = await store.ensureMember('discord', externalId, 'Ann Writer');
      expect(memberFields(renamed)).toEqual({ ...memberFields(ann), displayName: 'Ann Writer' });
      expect(memberFields(await store.ensureMember('discord', externalId, 'Ann Writer'))).toEqual(
        memberFields(renamed),
      );

      const elsewhere = await store.ensureMember('slack', externalId, 'Ann');
      expect(elsewhere.id).not.toBe(ann.id);
      const raced = await Promise.all([1, 2, 3].map(() => store.ensureMember('console', externalId, 'Ann')));
      expect(new Set(raced.map((m) => m.id)).size).toBe(1);
    });

    it("shows campaigns under their owner's current display name", async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      expect(created.memberName).toBe('Ann');

      await store.ensureMember(member.platform, member.externalId, 'Ann Writer');
      expect((await store.getCampaign(created.id))?.memberName).toBe('Ann Writer');
      expect((await store.listMemberCampaigns(community.id, member.id, ['active']))[0]?.memberName).toBe('Ann Writer');
    });
  });

  describe('createCampaign and getCampaign', () => {
    const subject = useSubject(implementation);

    it('stores every field and reads the same record back', async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const created = await store.createCampaign(
        campaign({ marketplace: 'UK', printer: 'ingramspark', timeZone: 'Europe/London' }),
        audit('campaign.started'),
        T0,
      );
      expect(created).toEqual({
        id: expect.any(String),
        communityId: community.id,
        memberId: member.id,
        memberName: 'Ann',
        title: 'The Salt Road',
        isbn: SALT_ROAD,
        marketplace: 'UK',
        printer: 'ingramspark',
        timeZone: 'Europe/London',
        releaseDate: '2027-03-15',
        state: 'active',
        createdAt: T0,
        updatedAt: T0,
        remindersPausedAt: null,
        progress: [],
        poConfirmedDays: [],
      });
      expect(await store.getCampaign(created.id)).toEqual(created);
    });

    it('gives the same record when the caller hands over the owner it just read', async () => {
      const { store } = subject();
      const { member, campaign } = await seed(store);
      const created = await store.createCampaign({ ...campaign(), owner: member }, audit('campaign.started'), T0);
      expect(created.memberName).toBe('Ann');
      expect(await store.getCampaign(created.id)).toEqual(created);
    });

    it('keeps isbn10 null for a 979 ISBN, and an ISBN-10 ending in X as it is', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const c979 = await store.createCampaign(
        campaign({ isbn: { ...NO_ISBN10 }, printer: 'createspace', releaseDate: '2027-12-31' }),
        audit('campaign.started'),
        T2,
      );
      expect(await store.getCampaign(c979.id)).toMatchObject({
        isbn: { isbn13: '9791090636071', isbn10: null },
        printer: 'createspace',
        releaseDate: '2027-12-31',
        createdAt: T2,
      });
      const x = await store.createCampaign(campaign({ isbn: { ...ENDS_IN_X } }), audit('campaign.started'), T2);
      expect((await store.getCampaign(x.id))?.isbn).toEqual(ENDS_IN_X);
    });

    it('returns null for an unknown id', async () => {
      const { store } = subject();
      expect(await store.getCampaign(randomUUID())).toBeNull();
    });

    it('refuses a second active campaign for the same ISBN and marketplace, and writes nothing', async () => {
      const { store, counts } = subject();
      const { community, member, campaign } = await seed(store);
      const first = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const uk = await store.createCampaign(campaign({ marketplace: 'UK' }), audit('campaign.started'), T1);
      const before = await counts();

      await expectConflict(
        store.createCampaign(campaign({ title: 'Another Title', printer: 'ingramspark' }), audit('x'), T1),
        SALT_ROAD.isbn13,
        'US',
      );
      await expectConflict(
        store.createCampaign(campaign({ marketplace: 'UK' }), audit('campaign.started'), T1),
        SALT_ROAD.isbn13,
        'UK',
      );
      expect(await counts()).toEqual(before);
      expect(ids(await store.listMemberCampaigns(community.id, member.id, ALL_STATES))).toEqual([first.id, uk.id]);
      expect(await store.auditTrail(first.id)).toHaveLength(1);
    });

    it('allows the same ISBN for another member and in another community', async () => {
      const { store } = subject();
      const { community, campaign } = await seed(store);
      await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const bob = await store.ensureMember('discord', unique('bob'), 'Bob');
      const bobs = await store.createCampaign(campaign({ memberId: bob.id }), audit('campaign.started'), T0);
      const elsewhere = await store.ensureCommunity('discord', unique('guild'), { defaultTimeZone: 'UTC' });
      const moved = await store.createCampaign(campaign({ communityId: elsewhere.id }), audit('campaign.started'), T0);
      expect([bobs.memberName, moved.communityId]).toEqual(['Bob', elsewhere.id]);
      expect(await store.findCommunityCampaigns(community.id, { isbn13: SALT_ROAD.isbn13 }, ['active'])).toHaveLength(
        2,
      );
    });

    it('lets a cancelled or completed campaign be followed by a new one with the same ISBN', async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const first = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      await store.updateCampaign(first.id, { state: 'cancelled' }, audit('campaign.cancelled'), T1);
      const second = await store.createCampaign(campaign({ title: 'Take Two' }), audit('campaign.started'), T1);
      await store.updateCampaign(second.id, { state: 'completed' }, audit('campaign.completed'), T2);
      const third = await store.createCampaign(campaign({ title: 'Take Three' }), audit('campaign.started'), T2);

      const all = await store.listMemberCampaigns(community.id, member.id, ALL_STATES);
      expect(all.map((c) => [c.id, c.state])).toEqual([
        [first.id, 'cancelled'],
        [second.id, 'completed'],
        [third.id, 'active'],
      ]);
    });

    it('admits exactly one of several concurrent duplicates', async () => {
      const { store, counts } = subject();
      const { campaign } = await seed(store);
      const before = await counts();
      const results = await Promise.allSettled(
        [0, 1, 2].map((i) => store.createCampaign(campaign({ title: `Race ${i}` }), audit('campaign.started'), T0)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') await expectConflict(Promise.reject(r.reason), SALT_ROAD.isbn13, 'US');
      }
      expect(await counts()).toEqual({ ...before, campaigns: before.campaigns + 1, audit: before.audit + 1 });
    });

    it('refuses an unknown community or member, and writes nothing', async () => {
      const { store, counts } = subject();
      const { campaign } = await seed(store);
      const before = await counts();
      await expect(
        store.createCampaign(campaign({ communityId: randomUUID() }), audit('campaign.started'), T0),
      ).rejects.toThrow();
      await expect(
        store.createCampaign(campaign({ memberId: randomUUID() }), audit('campaign.started'), T0),
      ).rejects.toThrow();
      expect(await counts()).toEqual(before);
    });
  });

  describe('updateCampaign', () => {
    const subject = useSubject(implementation);

    it('patches each field on its own and leaves the rest alone', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      let current = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const steps: [CampaignPatch, Partial<CampaignRecord>][] = [
        [{ title: 'The Salt Road (Second Edition)' }, { title: 'The Salt Road (Second Edition)' }],
        [{ isbn: { ...NO_ISBN10 } }, { isbn: NO_ISBN10 }],
        [{ isbn: { ...ENDS_IN_X } }, { isbn: ENDS_IN_X }],
        [{ marketplace: 'UK' }, { marketplace: 'UK' }],
        [{ timeZone: 'Asia/Tokyo' }, { timeZone: 'Asia/Tokyo' }],
        [{ releaseDate: '2027-06-30' }, { releaseDate: '2027-06-30' }],
        [{ state: 'completed' }, { state: 'completed' }],
      ];
      for (const [i, [patch, expected]] of steps.entries()) {
        const when = at(T1, i);
        const updated = await store.updateCampaign(current.id, patch, audit('campaign.edited'), when);
        expect(updated).toEqual({ ...current, ...expected, updatedAt: when });
        expect(await store.getCampaign(current.id)).toEqual(updated);
        current = updated;
      }
      expect(current).toMatchObject({ createdAt: T0, printer: 'kdp', memberName: 'Ann' });
      expect(await store.auditTrail(current.id)).toHaveLength(steps.length + 1);
    });

    it('patches several fields at once, and an empty patch still bumps updatedAt and audits', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const patch: CampaignPatch = {
        title: 'Renamed',
        isbn: SECOND,
        marketplace: 'UK',
        releaseDate: '2027-09-09',
        timeZone: 'UTC',
      };
      const updated = await store.updateCampaign(created.id, { ...patch, isbn: { ...SECOND } }, audit('x'), T1);
      expect(updated).toEqual({ ...created, ...patch, updatedAt: T1 });

      const touched = await store.updateCampaign(created.id, {}, audit('campaign.touched'), T2);
      expect(touched).toEqual({ ...updated, updatedAt: T2 });
      expect((await store.auditTrail(created.id)).map((a) => a.action)).toEqual([
        'campaign.started',
        'x',
        'campaign.touched',
      ]);
    });

    it('moves a campaign between states, and back to active when nothing clashes', async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const list = async (states: readonly CampaignState[]) =>
        ids(await store.listMemberCampaigns(community.id, member.id, states));

      for (const [i, state] of (['cancelled', 'active', 'completed', 'active', 'cancelled'] as const).entries()) {
        const updated = await store.updateCampaign(created.id, { state }, audit(`campaign.${state}`), at(T1, i));
        expect(updated.state).toBe(state);
        expect(await list([state])).toEqual([created.id]);
        expect(await list(ALL_STATES.filter((s) => s !== state))).toEqual([]);
      }
    });

    it('refuses a patch that would make a second active campaign, and writes nothing', async () => {
      const { store, counts } = subject();
      const { campaign } = await seed(store);
      const salt = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const second = await store.createCampaign(campaign({ isbn: { ...SECOND } }), audit('campaign.started'), T0);
      const saltUk = await store.createCampaign(campaign({ marketplace: 'UK' }), audit('campaign.started'), T0);
      const parked = await store.createCampaign(campaign({ isbn: { ...ENDS_IN_X } }), audit('campaign.started'), T0);
      await store.updateCampaign(parked.id, { state: 'cancelled' }, audit('campaign.cancelled'), T0);
      // A cancelled campaign does not count: it may take the ISBN of an active one.
      const parkedSalt = await store.updateCampaign(parked.id, { isbn: { ...SALT_ROAD } }, audit('x'), T0);
      expect(parkedSalt.state).toBe('cancelled');
      const before = await counts();
      const snapshot = await Promise.all([second, saltUk, parked].map((c) => store.getCampaign(c.id)));

      const edit = (id: string, patch: CampaignPatch) => store.updateCampaign(id, patch, audit('campaign.edited'), T1);
      await expectConflict(edit(second.id, { isbn: { ...SALT_ROAD } }), SALT_ROAD.isbn13, 'US');
      await expectConflict(edit(saltUk.id, { marketplace: 'US', title: 'Changed' }), SALT_ROAD.isbn13, 'US');
      await expectConflict(edit(second.id, { isbn: { ...SALT_ROAD }, marketplace: 'UK' }), SALT_ROAD.isbn13, 'UK');
      await expectConflict(edit(parked.id, { state: 'active' }), SALT_ROAD.isbn13, 'US');
      expect(await counts()).toEqual(before);
      expect(await Promise.all([second, saltUk, parked].map((c) => store.getCampaign(c.id)))).toEqual(snapshot);

      // Once the active one is cancelled, the other may come back.
      await store.updateCampaign(salt.id, { state: 'cancelled' }, audit('campaign.cancelled'), T2);
      expect((await store.updateCampaign(parked.id, { state: 'active' }, audit('campaign.resumed'), T2)).state).toBe(
        'active',
      );
    });

    it('does not count a campaign against itself', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const same = await store.updateCampaign(
        created.id,
        { isbn: { ...SALT_ROAD }, marketplace: 'US', state: 'active' },
        audit('campaign.edited'),
        T1,
      );
      expect(same).toEqual({ ...created, updatedAt: T1 });
    });

    it('fails for an unknown campaign, and writes nothing', async () => {
      const { store, counts } = subject();
      await seed(store);
      const before = await counts();
      await expect(store.updateCampaign(randomUUID(), { title: 'X' }, audit('campaign.edited'), T1)).rejects.toThrow();
      expect(await counts()).toEqual(before);
    });
  });
});
