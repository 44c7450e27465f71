import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CampaignRecord } from '../../src/app/ports.ts';
import {
  SECOND,
  T0,
  T1,
  T2,
  T3,
  audit,
  communityFields,
  describeContract,
  memberFields,
  seed,
  useSubject,
} from './campaign-store-implementations.ts';

/** The port promises no order for progress; compare it sorted by milestone. */
const sortedProgress = (c: CampaignRecord) =>
  [...c.progress].sort((a, b) => (a.milestoneId < b.milestoneId ? -1 : a.milestoneId > b.milestoneId ? 1 : 0));

/** The CampaignStore port: milestone progress, the audit trail, and copies in and out. */
describeContract('CampaignStore progress and audit', (implementation) => {
  describe('setMilestone', () => {
    const subject = useSubject(implementation);

    it('marks a step done, then skipped, then clears it, recording who and when', async () => {
      const { store, counts } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const before = await counts();

      const done = await store.setMilestone(created.id, 'aa-account', 'done', audit('milestone.done'), T1);
      expect(done).toEqual({
        ...created,
        updatedAt: T1,
        progress: [{ milestoneId: 'aa-account', status: 'done', markedAt: T1, markedBy: 'discord:ann' }],
      });
      expect(await store.getCampaign(created.id)).toEqual(done);

      const moderator = audit('milestone.skipped', {}, 'discord:moderator');
      const skipped = await store.setMilestone(created.id, 'aa-account', 'skipped', moderator, T2);
      expect(skipped).toEqual({
        ...created,
        updatedAt: T2,
        progress: [{ milestoneId: 'aa-account', status: 'skipped', markedAt: T2, markedBy: 'discord:moderator' }],
      });
      expect(await counts()).toEqual({ ...before, progress: before.progress + 1, audit: before.audit + 2 });

      const cleared = await store.setMilestone(created.id, 'aa-account', null, audit('milestone.undone'), T3);
      expect(cleared).toEqual({ ...created, updatedAt: T3, progress: [] });
      expect(await store.getCampaign(created.id)).toEqual(cleared);
      expect(await counts()).toEqual({ ...before, audit: before.audit + 3 });
    });

    it('keeps each milestone separately', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      await store.setMilestone(created.id, 'release-day', 'done', audit('milestone.done'), T1);
      await store.setMilestone(created.id, 'aa-images', 'skipped', audit('milestone.skipped'), T1);
      await store.setMilestone(created.id, 'kdp-publish', 'done', audit('milestone.done', {}, 'discord:bob'), T2);
      await store.setMilestone(created.id, 'aa-images', null, audit('milestone.undone'), T2);
      const latest = await store.setMilestone(created.id, 'release-day', 'skipped', audit('milestone.skipped'), T3);

      expect(sortedProgress(latest)).toEqual([
        { milestoneId: 'kdp-publish', status: 'done', markedAt: T2, markedBy: 'discord:bob' },
        { milestoneId: 'release-day', status: 'skipped', markedAt: T3, markedBy: 'discord:ann' },
      ]);
      expect(sortedProgress((await store.getCampaign(created.id))!)).toEqual(sortedProgress(latest));
      expect(latest.updatedAt).toEqual(T3);
    });

    it('clears a step that was never set without complaint, still auditing it', async () => {
      const { store, counts } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      const before = await counts();
      const cleared = await store.setMilestone(created.id, 'confirm-pos', null, audit('milestone.undone'), T1);
      expect(cleared).toEqual({ ...created, updatedAt: T1 });
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
      expect((await store.auditTrail(created.id)).at(-1)).toMatchObject({ action: 'milestone.undone', at: T1 });
    });

    it('fails for an unknown campaign, and writes nothing', async () => {
      const { store, counts } = subject();
      await seed(store);
      const before = await counts();
      await expect(
        store.setMilestone(randomUUID(), 'aa-account', 'done', audit('milestone.done'), T1),
      ).rejects.toThrow();
      await expect(
        store.setMilestone(randomUUID(), 'aa-account', null, audit('milestone.undone'), T1),
      ).rejects.toThrow();
      expect(await counts()).toEqual(before);
    });
  });

  describe('setDailyCheck', () => {
    const subject = useSubject(implementation);

    it('records a day once, lists days newest first, withdraws one, and audits each change', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started'), T0);
      expect(created.poConfirmedDays).toEqual([]);
      await store.setDailyCheck(created.id, '2027-02-01', true, audit('pos.confirmed'), T1);
      await store.setDailyCheck(created.id, '2027-02-03', true, audit('pos.confirmed'), T2);
      const again = await store.setDailyCheck(created.id, '2027-02-01', true, audit('pos.confirmed'), T2);
      expect(again.poConfirmedDays).toEqual(['2027-02-03', '2027-02-01']);
      expect(again.progress).toEqual([]);
      expect(again.updatedAt).toEqual(T2);
      const withdrawn = await store.setDailyCheck(created.id, '2027-02-03', false, audit('pos.unconfirmed'), T3);
      expect(withdrawn.poConfirmedDays).toEqual(['2027-02-01']);
      expect(await store.getCampaign(created.id)).toEqual(withdrawn);
      expect((await store.auditTrail(created.id)).map((a) => a.action)).toEqual([
        'campaign.started',
        'pos.confirmed',
        'pos.confirmed',
        'pos.confirmed',
        'pos.unconfirmed',
      ]);
    });
  });

  describe('auditTrail', () => {
    const subject = useSubject(implementation);

    it("lists a campaign's entries in the order they were written, with their details", async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const started = audit('campaign.started', { title: 'The Salt Road', release: '2027-03-15' });
      const created = await store.createCampaign(campaign(), started, T0);
      const other = await store.createCampaign(campaign({ isbn: { ...SECOND } }), audit('campaign.started'), T1);
      const step = { milestone: 'aa-account' };
      await store.setMilestone(created.id, 'aa-account', 'done', audit('milestone.done', step), T1);
      await store.updateCampaign(other.id, { title: 'Other, renamed' }, audit('campaign.edited'), T2);
      // The same instant: the order of writing still decides.
      const nested = { changes: { timeZone: ['America/New_York', 'UTC'] }, n: 1, ok: true, none: null };
      await store.updateCampaign(created.id, { timeZone: 'UTC' }, audit('campaign.edited', nested, 'slack:mod'), T2);
      await store.updateCampaign(created.id, {}, audit('campaign.edited', { n: 2, ratio: 0.5 }, 'slack:mod'), T2);
      await store.setMilestone(created.id, 'aa-account', null, audit('milestone.undone', step), T3);

      const entry = (actorId: string, action: string, details: Record<string, unknown>, when: Date) => ({
        actorId,
        action,
        details,
        at: when,
        campaignId: created.id,
      });
      expect(await store.auditTrail(created.id)).toEqual([
        entry('discord:ann', 'campaign.started', { title: 'The Salt Road', release: '2027-03-15' }, T0),
        entry('discord:ann', 'milestone.done', { milestone: 'aa-account' }, T1),
        entry(
          'slack:mod',
          'campaign.edited',
          { n: 1, ok: true, none: null, changes: { timeZone: ['America/New_York', 'UTC'] } },
          T2,
        ),
        entry('slack:mod', 'campaign.edited', { ratio: 0.5, n: 2 }, T2),
        entry('discord:ann', 'milestone.undone', { milestone: 'aa-account' }, T3),
      ]);
      expect((await store.auditTrail(other.id)).map((a) => [a.action, a.at])).toEqual([
        ['campaign.started', T1],
        ['campaign.edited', T2],
      ]);
    });

    it('is empty for an unknown campaign', async () => {
      const { store } = subject();
      expect(await store.auditTrail(randomUUID())).toEqual([]);
    });
  });

  describe('returned records are copies', () => {
    const subject = useSubject(implementation);

    it('changing a returned record does not change what is stored', async () => {
      const { store } = subject();
      const { community, member, campaign } = await seed(store);
      const created = await store.createCampaign(campaign(), audit('campaign.started', { tags: ['a'] }), T0);
      const marked = await store.setMilestone(created.id, 'aa-account', 'done', audit('milestone.done'), T1);
      const expectedCampaign = structuredClone(marked);
      const expectedCommunity = communityFields(structuredClone(community));
      const expectedMember = memberFields(structuredClone(member));
      const trail = await store.auditTrail(created.id);
      const expectedTrail = structuredClone(trail);

      marked.title = 'Scribbled';
      marked.isbn.isbn13 = '9790000000000';
      marked.createdAt.setTime(0);
      marked.progress[0]!.markedAt.setTime(0);
      marked.progress[0]!.status = 'skipped';
      marked.progress.push({ milestoneId: 'aa-images', status: 'done', markedAt: T1, markedBy: 'x' });
      community.moderatorRoleIds.push('role');
      community.name = 'Scribbled';
      member.displayName = 'Scribbled';
      trail[0]!.at.setTime(0);
      (trail[0]!.details.tags as string[]).push('b');
      trail[0]!.details.added = true;

      expect(await store.getCampaign(created.id)).toEqual(expectedCampaign);
      expect(
        communityFields(await store.ensureCommunity('discord', community.externalId, { defaultTimeZone: 'UTC' })),
      ).toEqual(expectedCommunity);
      expect(memberFields(await store.ensureMember('discord', member.externalId, 'Ann'))).toEqual(expectedMember);
      expect(await store.auditTrail(created.id)).toEqual(expectedTrail);
    });

    it('changing the inputs after a call does not change what is stored', async () => {
      const { store } = subject();
      const { campaign } = await seed(store);
      const input = campaign();
      const details = { tags: ['a'] };
      const now = new Date(T0);
      const created = await store.createCampaign(input, audit('campaign.started', details), now);
      const expected = structuredClone(created);

      input.isbn.isbn13 = '9790000000000';
      input.title = 'Scribbled';
      details.tags.push('b');
      now.setTime(0);
      const patch = { isbn: { ...SECOND } };
      const later = new Date(T1);
      const updated = await store.updateCampaign(created.id, patch, audit('campaign.edited'), later);
      patch.isbn.isbn13 = '9790000000000';
      later.setTime(0);

      expect(await store.getCampaign(created.id)).toEqual({ ...expected, isbn: SECOND, updatedAt: T1 });
      expect(updated.updatedAt).toEqual(T1);
      expect((await store.auditTrail(created.id)).map((a) => [a.details, a.at])).toEqual([
        [{ tags: ['a'] }, T0],
        [{}, T1],
      ]);
    });
  });
});
