import { existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { eventually, fileReply, formReply, sampleFiles } from '../support/reply-file-fixtures.ts';
import { buttonsOf, startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const BOB = { id: 'U0BOB', name: 'bob' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

type Answer = { response_type?: string; text?: string; blocks?: unknown[] };
type View = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachBackend('Slack: files uploaded to the DM, forms as modals', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot(fresh.db);
    s.fake.addUser({ id: SAM.id, name: SAM.name });
    s.fake.addUser({ id: BOB.id, name: BOB.name });
  });
  afterEach(async () => {
    await s.close();
  });

  async function command(text: string, user = SAM): Promise<Answer> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    expect((await s.slack.command(user, text, { responseId: id })).status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return answer as Answer;
  }

  async function samCampaign(): Promise<string> {
    await command(START);
    return (await fresh.db.prisma.campaign.findFirstOrThrow()).id;
  }

  it('uploads a reply’s files into the member’s DM (three-step upload) and says so in the ephemeral answer', async () => {
    const { files, bytes } = await sampleFiles();
    s.bot.app.services.campaigns.status = async () => fileReply(files);
    const answer = await command('status');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('campaigns.csv, timeline.png: sent to your direct messages with Pre-order Pal');
    const dm = `D${SAM.id}`;
    expect(s.fake.callsTo('conversations.open').map((c) => c.params.users)).toEqual([SAM.id]);
    const shared = s.fake.shared(dm);
    expect(shared.map((f) => [f.name, f.title, f.bytes.equals(bytes.get(f.name)!)])).toEqual([
      ['campaigns.csv', 'campaigns.csv', true],
      ['timeline.png', 'timeline.png', true],
    ]);
    expect(shared[1]!.altText).toBe('The timeline');
    expect(s.fake.shared().length).toBe(2);
    // Each file got its upload URL before its bytes, and one completion shared them in the DM.
    expect(
      s.fake.callsTo('files.getUploadURLExternal').map((c) => [c.params.filename, Number(c.params.length)]),
    ).toEqual([
      ['campaigns.csv', bytes.get('campaigns.csv')!.length],
      ['timeline.png', bytes.get('timeline.png')!.length],
    ]);
    expect(s.fake.callsTo('files.completeUploadExternal').map((c) => c.params.channel_id)).toEqual([dm]);
    await eventually(() => files.every((f) => !existsSync(f.path)), 'the uploaded files are deleted');
  });

  it('tells the member when the upload failed, and still answers', async () => {
    const { files } = await sampleFiles();
    s.bot.app.services.campaigns.status = async () => fileReply(files.slice(0, 1));
    s.fake.fail('files.completeUploadExternal', { error: 'not_in_channel' });
    const answer = await command('status');
    expect(answer.text).toContain('campaigns.csv could not be sent to your direct messages');
    expect(answer.text).toContain('Your export is ready');
    expect(s.fake.shared()).toEqual([]);
  });

  it('a form button opens a modal; the submission logs the typed figures and answers where it was pressed', async () => {
    const campaignId = await samCampaign();
    s.bot.app.services.campaigns.status = async () => formReply(campaignId);
    const status = await command('status');
    const [button] = buttonsOf(status.blocks);
    expect(button!.action_id).toBe('ppf:log');
    expect(button!.text.text).toBe("Log today's numbers");

    await s.slack.press(SAM, button!, { responseId: 'pressed-here' });
    const [open] = await s.fake.waitFor(() => s.fake.callsTo('views.open').length > 0 && s.fake.callsTo('views.open'));
    const view = open!.params.view as View;
    expect(view.callback_id).toBe('pp-action-form');
    expect(view.title.text).toBe("Log today's numbers");
    expect(view.blocks.map((b) => [b.block_id, b.optional, b.element.type])).toEqual([
      ['orders', false, 'plain_text_input'],
      ['pos', false, 'plain_text_input'],
    ]);
    expect(view.blocks[1]!.element.initial_value).toBe('0');

    const submitted = await s.slack.submit(SAM, {
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: { orders: { value: { type: 'plain_text_input', value: '12' } }, pos: { value: { value: '30' } } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    const [answer] = await s.fake.waitFor(
      () => s.fake.responsesTo('pressed-here').length > 0 && s.fake.responsesTo('pressed-here'),
    );
    expect((answer as Answer).response_type).toBe('ephemeral');
    expect((answer as Answer).text).not.toMatch(/^✗/);
    const logs = await fresh.db.prisma.orderLog.findMany({ select: { campaignId: true, orders: true, pos: true } });
    expect(logs).toEqual([{ campaignId, orders: 12, pos: 30 }]);
  });

  it('shows a refused figure under its input and keeps the form open', async () => {
    const campaignId = await samCampaign();
    const metadata = JSON.stringify({ command: `/preorder log campaign:${campaignId}` });
    const submitted = await s.slack.submit(SAM, {
      callback_id: 'pp-action-form',
      private_metadata: metadata,
      values: { orders: { value: { value: '-3' } }, pos: { value: { value: '30' } } },
    });
    const body = JSON.parse(submitted.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['orders']);
    expect(body.errors.orders).toContain('negative');
    expect(await fresh.db.prisma.orderLog.count()).toBe(0);
  });

  it("refuses a forged submission for someone else's campaign, answering by DM when there is no response_url", async () => {
    const campaignId = await samCampaign();
    const submitted = await s.slack.submit(BOB, {
      callback_id: 'pp-action-form',
      private_metadata: JSON.stringify({ command: `/preorder log campaign:${campaignId}` }),
      values: { orders: { value: { value: '99' } }, pos: { value: { value: '99' } } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    const dm = await s.fake.waitFor(() => s.fake.callsTo('chat.postMessage').find((c) => c.params.channel === BOB.id));
    expect(String(dm.params.text)).toContain("These buttons belong to another member's campaign (sam)");
    expect(await fresh.db.prisma.orderLog.count()).toBe(0);
  });
});
