import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import {
  asMember,
  expectNoPings,
  START_OPTIONS,
  startDiscordTestBot,
  USERS,
  type DiscordTestBot,
} from '../support/discord-harness.ts';

const EPHEMERAL = 64;
type Button = { custom_id: string; label: string };

describeEachBackend('Discord: reminder buttons, from a DM and from a server', (backend) => {
  const fresh = freshDatabase(backend);
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  /** Alice starts a campaign and gets the start DM; its buttons by label. */
  async function startDm(): Promise<{ buttons: Map<string, string>; campaignId: string }> {
    h = await startDiscordTestBot(fresh.db);
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    await h.bot.sweeper.drain();
    const [dm] = h.dmsTo(USERS.alice);
    const buttons = new Map<string, string>(
      dm!.body.components.flatMap((row: { components: Button[] }) => row.components.map((b) => [b.label, b.custom_id])),
    );
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    return { buttons, campaignId: campaign.id };
  }

  const progress = () =>
    fresh.db.prisma.milestoneProgress.findMany({
      select: { milestoneId: true, status: true },
      orderBy: { milestoneId: 'asc' },
    });

  it('marks a step done from the DM button, answering in the DM', async () => {
    const { buttons } = await startDm();
    const done = buttons.get('Done: Open an Amazon Advantage account')!;
    const result = await h.press(USERS.alice, done);
    expect(result.callback.body.type).toBe(4);
    // A DM is private already: the answer stays in the conversation.
    expect(result.ephemeral).toBe(false);
    expect(result.message.content).toMatch(/^✅ /);
    expect(await progress()).toEqual([{ milestoneId: 'aa-account', status: 'done' }]);
    expectNoPings(result.requests());
  });

  it('snoozes from the DM button and reminds again an hour later', async () => {
    const { buttons } = await startDm();
    const snooze = buttons.get('Snooze 1 h')!;
    const result = await h.press(USERS.alice, snooze);
    expect(result.message.embeds[0].title).toMatch(/snooz/i);
    const row = await fresh.db.prisma.reminder.findFirstOrThrow({ where: { kind: 'snooze' } });
    expect(row.dueAt.toISOString()).toBe('2027-01-10T13:00:00.000Z');
    await h.advanceTo('2027-01-10T13:00:00Z');
    expect(h.dmsTo(USERS.alice).at(-1)!.body.content).toBe('Snoozed reminder: Open an Amazon Advantage account');
  });

  it('explains the step from the "What does this mean?" button', async () => {
    const { buttons } = await startDm();
    const result = await h.press(USERS.alice, buttons.get('What does this mean?')!);
    expect(result.message.embeds[0].description.length).toBeGreaterThan(40);
    expect(result.message.embeds[0].title).not.toMatch(/^Problem/);
  });

  it("refuses a forged custom id naming another member's campaign, and commands buttons never carry", async () => {
    const { campaignId } = await startDm();
    const forged = await h.press(USERS.bob, `/preorder done aa-account campaign:${campaignId}`);
    expect(forged.message.embeds[0].title).toBe('Problem with campaign');
    expect(forged.message.embeds[0].description).toContain("These buttons belong to another member's campaign (alice)");
    const inServer = await h.press(asMember(USERS.bob), `/preorder edit campaign:${campaignId} release:2027-04-01`);
    expect(inServer.ephemeral).toBe(true);
    expect(inServer.message.embeds[0].description).toContain('That button is not one I know');
    // Cancel is a button (its confirmation), but only on one's own campaign.
    const cancel = await h.press(asMember(USERS.bob), `/preorder cancel campaign:${campaignId} confirm:yes`);
    expect(cancel.message.embeds[0].description).toContain("These buttons belong to another member's campaign (alice)");
    // Moderator buttons are known, but run only for moderators (admin-permissions.test.ts covers each).
    const admin = await h.press(asMember(USERS.bob), '/preorder-admin campaigns');
    expect(admin.message.embeds[0].description).toContain("for this community's moderators only");
    const adminCancel = await h.press(asMember(USERS.bob), '/preorder-admin settings channel:off');
    expect(adminCancel.message.embeds[0].description).toContain('That button is not one I know');
    const garbage = await h.press(USERS.bob, '~'.repeat(100));
    expect(garbage.message.embeds[0].title).toBe('Problem with action');
    expect(await progress()).toEqual([]);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    expect(campaign.state).toBe('active');
  });

  it('runs a reply button pressed in the server in that server, ephemerally', async () => {
    h = await startDiscordTestBot(fresh.db);
    const alice = asMember(USERS.alice);
    const started = await h.command(alice, 'preorder', 'start', START_OPTIONS);
    const statusButton = started.message.components[0].components.find((b: Button) => b.label === 'Status');
    const result = await h.press(alice, statusButton.custom_id);
    expect(result.callback.body.data.flags).toBe(EPHEMERAL);
    expect(result.message.embeds[0].title).toBe('Status of "The Salt Road"');
    // Without a campaign id, a DM press cannot know the server.
    const fromDm = await h.press(USERS.alice, statusButton.custom_id);
    expect(fromDm.message.embeds[0].description).toContain('only works in the server');
  });
});
