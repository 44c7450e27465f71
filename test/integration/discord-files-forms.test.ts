import { existsSync } from 'node:fs';
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
import { eventually, fileReply, formReply, sampleFiles } from '../support/reply-file-fixtures.ts';

const EPHEMERAL = 64;
const MODAL = 9;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachBackend('Discord: files as attachments, forms as modals', (backend) => {
  const fresh = freshDatabase(backend, { platformState: true });
  let h: DiscordTestBot;

  afterEach(async () => {
    await h?.stop();
  });

  async function aliceCampaign(): Promise<string> {
    await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    return (await fresh.db.prisma.campaign.findFirstOrThrow()).id;
  }

  it('sends a reply’s files as attachments with their bytes, shows the image in the embed, then deletes them', async () => {
    h = await startDiscordTestBot(fresh.db);
    const { files, bytes } = await sampleFiles();
    // faq answers directly (status, which draws a chart, is always deferred).
    h.bot.app.services.faq.topicIn = async () => fileReply(files);
    const result = await h.command(asMember(USERS.alice), 'preorder', 'faq', { topic: 'aa-fee' });
    expect(result.callback.body.type).toBe(4);
    expect(result.ephemeral).toBe(true);
    expect(result.files.map((f) => f.name)).toEqual(['campaigns.csv', 'timeline.png']);
    for (const f of result.files) expect(f.bytes.equals(bytes.get(f.name)!)).toBe(true);
    // payload_json names each part by its index, with the alt text.
    expect(result.message.attachments).toEqual([
      { id: '0', description: 'All campaigns' },
      { id: '1', description: 'The timeline' },
    ]);
    expect(result.files.map((f) => f.field)).toEqual(['files[0]', 'files[1]']);
    expect(result.message.embeds[0].image.url).toBe('attachment://timeline.png');
    expectNoPings(result.requests());
    await eventually(() => files.every((f) => !existsSync(f.path)), 'the sent files are deleted');
  });

  it('attaches files to the edit of a deferred reply too', async () => {
    h = await startDiscordTestBot(fresh.db);
    const { files, bytes } = await sampleFiles();
    // `start` is always deferred first, so its answer is an edit of the original response.
    h.bot.app.services.campaigns.start = async () => fileReply(files.slice(0, 1));
    const result = await h.command(asMember(USERS.alice), 'preorder', 'start', START_OPTIONS);
    expect(result.callback.body.type).toBe(5);
    expect(result.files.map((f) => [f.name, f.bytes.equals(bytes.get(f.name)!)])).toEqual([['campaigns.csv', true]]);
    expect(result.message.embeds[0].image).toBeUndefined();
    expectNoPings(result.requests());
  });

  it('a form button opens a modal; the submission logs the typed figures; a restart keeps the form', async () => {
    h = await startDiscordTestBot(fresh.db);
    const campaignId = await aliceCampaign();
    h.bot.app.services.campaigns.status = async () => formReply(campaignId);
    const alice = asMember(USERS.alice);
    const status = await h.command(alice, 'preorder', 'status');
    const button = status.message.components[0].components[0];
    expect(button.label).toBe("Log today's numbers");
    expect(button.custom_id.length).toBeLessThanOrEqual(100);

    // The press is answered with the modal itself: never deferred first.
    const pressed = await h.press(alice, button.custom_id);
    expect(pressed.callback.body.type).toBe(MODAL);
    const modal = pressed.callback.body.data;
    expect(modal.title).toBe("Log today's numbers");
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    const inputs = modal.components.map((row: Json) => row.components[0]);
    expect(inputs.map((i: Json) => [i.custom_id, i.label, i.required, i.style])).toEqual([
      ['orders', 'Customer orders', true, 1],
      ['pos', 'Units on purchase orders', true, 1],
    ]);
    expect(inputs[0].placeholder).toBe('the total Advantage shows');
    expect(inputs[1].value).toBe('0');

    const submitted = await h.submitModal(alice, modal.custom_id, { orders: '12', pos: '30' });
    expect(submitted.ephemeral).toBe(true);
    expect(submitted.message.embeds[0].title).not.toMatch(/^Problem/);
    const logs = await fresh.db.prisma.orderLog.findMany({ select: { campaignId: true, orders: true, pos: true } });
    expect(logs).toEqual([{ campaignId, orders: 12, pos: 30 }]);
    expectNoPings(submitted.requests());

    // Another process (here: after a restart) opens the same form from the stored copy.
    await h.stop();
    h = await startDiscordTestBot(fresh.db);
    const again = await h.press(alice, button.custom_id);
    expect(again.callback.body.type).toBe(MODAL);
    expect(again.callback.body.data.components).toHaveLength(2);
  });

  it("refuses a forged modal submission for someone else's campaign, and a field that tries to rebind it", async () => {
    h = await startDiscordTestBot(fresh.db);
    const campaignId = await aliceCampaign();
    h.bot.app.services.campaigns.status = async () => formReply(campaignId);
    const status = await h.command(asMember(USERS.alice), 'preorder', 'status');
    const pressed = await h.press(asMember(USERS.alice), status.message.components[0].components[0].custom_id);
    const modalId = pressed.callback.body.data.custom_id;

    const forged = await h.submitModal(asMember(USERS.bob), modalId, { orders: '99', pos: '99' });
    expect(forged.callback.body.data.flags).toBe(EPHEMERAL);
    expect(forged.message.embeds[0].title).toBe('Problem with campaign');
    expect(forged.message.embeds[0].description).toContain("These buttons belong to another member's campaign (alice)");
    const fromDm = await h.submitModal(USERS.bob, modalId, { orders: '99', pos: '99' });
    expect(fromDm.message.embeds[0].title).toBe('Problem with campaign');

    // A forged input named like an option the command already carries is dropped, not appended.
    const rebind = await h.submitModal(asMember(USERS.alice), modalId, {
      campaign: 'Someone else',
      orders: '5',
      pos: '6',
    });
    expect(rebind.message.embeds[0].title).not.toMatch(/^Problem/);
    expect(await fresh.db.prisma.orderLog.findMany({ select: { orders: true, pos: true } })).toEqual([
      { orders: 5, pos: 6 },
    ]);
  });
});
