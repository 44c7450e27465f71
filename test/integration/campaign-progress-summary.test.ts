import { expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';

const START = (title: string, isbn: string) =>
  `/preorder start title:"${title}" isbn:${isbn} release:2027-03-15 timezone:America/New_York`;

/** What the triggers should have written, recomputed from milestone_progress itself. */
async function expected(db: Database, campaignId: string) {
  const rows = await db.prisma.milestoneProgress.findMany({ where: { campaignId }, orderBy: { milestoneId: 'asc' } });
  return {
    progressMarks: rows.map((r) => r.milestoneId),
    progressDone: Object.fromEntries(
      rows.filter((r) => r.status === 'done').map((r) => [r.milestoneId, r.markedAt.getTime()]),
    ),
  };
}

const summary = (db: Database, id: string) =>
  db.prisma.campaign.findUniqueOrThrow({ where: { id }, select: { progressMarks: true, progressDone: true } });

describeEachBackend('campaign progress summary kept by triggers', (backend) => {
  const fresh = freshDatabase(backend);

  it('follows marks, skips and undos made through commands', async () => {
    const chat = createChat(fresh.db);
    await chat.say('you', START('The Salt Road', '978-0-306-40615-7'));
    const { id } = await fresh.db.prisma.campaign.findFirstOrThrow();
    expect(await summary(fresh.db, id)).toEqual({ progressMarks: [], progressDone: {} });

    await chat.say('you', '/preorder done aa-account');
    chat.clock.advance(60_000);
    await chat.say('you', '/preorder skip aa-images');
    await chat.say('you', '/preorder done aa-add-item');
    expect(await summary(fresh.db, id)).toEqual(await expected(fresh.db, id));
    expect((await summary(fresh.db, id)).progressMarks).toEqual(['aa-account', 'aa-add-item', 'aa-images']);

    await chat.say('you', '/preorder undo aa-account');
    const after = await summary(fresh.db, id);
    expect(after).toEqual(await expected(fresh.db, id));
    expect(after.progressMarks).toEqual(['aa-add-item', 'aa-images']);
    expect(Object.keys(after.progressDone as object)).toEqual(['aa-add-item']);
  });

  it('refreshes every campaign a bulk statement touches, once', async () => {
    const chat = createChat(fresh.db);
    await chat.say('you', START('The Salt Road', '978-0-306-40615-7'));
    await chat.say('you', START('Harbour Lights', '978-0-14-312774-1'));
    const ids = (await fresh.db.prisma.campaign.findMany({ orderBy: { title: 'asc' } })).map((c) => c.id);
    await fresh.db.prisma.milestoneProgress.createMany({
      data: ids.flatMap((campaignId) => [
        {
          campaignId,
          milestoneId: 'aa-account',
          status: 'done',
          markedAt: new Date('2027-01-11T10:00:00Z'),
          markedBy: 't',
        },
        {
          campaignId,
          milestoneId: 'aa-images',
          status: 'skipped',
          markedAt: new Date('2027-01-11T11:00:00Z'),
          markedBy: 't',
        },
      ]),
    });
    for (const id of ids) expect(await summary(fresh.db, id)).toEqual(await expected(fresh.db, id));
    await fresh.db.prisma.milestoneProgress.updateMany({
      where: { milestoneId: 'aa-images' },
      data: { status: 'done' },
    });
    for (const id of ids) expect(await summary(fresh.db, id)).toEqual(await expected(fresh.db, id));
    await fresh.db.prisma.milestoneProgress.deleteMany({ where: { campaignId: ids[0] } });
    expect(await summary(fresh.db, ids[0]!)).toEqual({ progressMarks: [], progressDone: {} });
    expect(await summary(fresh.db, ids[1]!)).toEqual(await expected(fresh.db, ids[1]!));

    // Deleting a campaign cascades to its marks; the trigger must not trip over the vanished row.
    await fresh.db.prisma.campaign.delete({ where: { id: ids[1] } });
    expect(await fresh.db.prisma.milestoneProgress.count({ where: { campaignId: ids[1] } })).toBe(0);
  });
});
