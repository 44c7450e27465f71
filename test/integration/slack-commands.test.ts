import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { FAKE_TEAM } from '../support/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

type Answer = { response_type?: string; text?: string; blocks?: unknown[] };

describeEachBackend('Slack slash commands, the start form and App Home over signed HTTP', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot(fresh.db);
    s.fake.addUser({ id: SAM.id, name: SAM.name });
  });
  afterEach(async () => {
    await s.close();
  });

  /** Sends a command and waits for what it posts to its response_url. */
  async function command(text: string, options: { command?: string; user?: typeof SAM } = {}): Promise<Answer> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    const sent = await s.slack.command(options.user ?? SAM, text, { responseId: id, ...options });
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return answer as Answer;
  }

  it('start with arguments: acks empty at once, then the plan arrives ephemeral, with Slack dates and the zone', async () => {
    const answer = await command(START);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Pre-order plan for "The Salt Road"');
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    expect(blocks).toContain('America/New_York');
    expect(blocks).toContain('"type":"header"');
    const campaigns = await fresh.db.prisma.campaign.findMany({ include: { community: true, member: true } });
    expect(campaigns.map((c) => [c.title, c.community.externalId, c.community.name, c.member.externalId])).toEqual([
      ['The Salt Road', FAKE_TEAM.id, FAKE_TEAM.name, SAM.id],
    ]);
    // The member's App Home follows the change, without asking Slack who they are.
    const [publish] = await s.fake.waitFor(
      () => s.fake.callsTo('views.publish').length > 0 && s.fake.callsTo('views.publish'),
    );
    expect(publish!.params.user_id).toBe(SAM.id);
    expect(JSON.stringify(publish!.params.view)).toContain('The Salt Road');
    expect(s.fake.callsTo('users.info')).toEqual([]);
  });

  it('bad input: an ephemeral error naming the field, and nothing stored', async () => {
    const answer = await command('start title:"Bad" isbn:978-0-306-40615-8 release:2027-03-15');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/^✗ Problem with isbn/);
    expect(JSON.stringify(answer.blocks)).toContain('Problem with isbn');
    const missing = await command('start title:"Bad" release:2027-03-15');
    expect(missing.text).toMatch(/isbn is required/);
    expect(await fresh.db.prisma.campaign.count()).toBe(0);
  });

  it('status shows the plan; --key value and quoted values parse like the console', async () => {
    const started = await command(
      'start --title "The Salt Road" --isbn 978-0-306-40615-7 release:2027-03-15 --timezone "America/Los_Angeles"',
    );
    expect(started.text).toContain('Pre-order plan for "The Salt Road"');
    expect((await fresh.db.prisma.campaign.findFirstOrThrow()).timeZone).toBe('America/Los_Angeles');
    const status = await command('status campaign:"The Salt Road"');
    expect(status.text).toContain('Status of "The Salt Road"');
    expect(status.text).toContain('steps settled');
    const help = await command('');
    expect(help.text).toContain('Pre-order Pal: commands');
  });

  it('start without arguments opens the form; submitting it creates the campaign and posts the plan', async () => {
    const trigger = 'trigger-form-1';
    const sent = await s.slack.command(SAM, 'start', { triggerId: trigger, responseId: 'form-origin' });
    expect(sent.status).toBe(200);
    const [open] = await s.fake.waitFor(() => s.fake.callsTo('views.open').length > 0 && s.fake.callsTo('views.open'));
    expect(open!.params.trigger_id).toBe(trigger);
    const view = open!.params.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(view.callback_id).toBe('pp-start');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'title',
      'isbn',
      'release',
      'timezone',
      'marketplace',
      'printer',
    ]);

    const submitted = await s.slack.submit(SAM, {
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: {
        title: { value: { type: 'plain_text_input', value: 'Form Book & Co' } },
        isbn: { value: { type: 'plain_text_input', value: '0-8044-2957-X' } },
        release: { value: { type: 'datepicker', selected_date: '2027-06-01' } },
        timezone: { 'pp-timezone': { type: 'external_select', selected_option: { value: 'Europe/London' } } },
        marketplace: { value: { type: 'static_select', selected_option: { value: 'UK' } } },
        printer: { value: { type: 'static_select', selected_option: { value: 'kdp' } } },
      },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    expect([
      campaign.title,
      campaign.timeZone,
      campaign.marketplace,
      campaign.releaseDate.toISOString().slice(0, 10),
    ]).toEqual(['Form Book & Co', 'Europe/London', 'UK', '2027-06-01']);
    const [plan] = await s.fake.waitFor(
      () => s.fake.responsesTo('form-origin').length > 0 && s.fake.responsesTo('form-origin'),
    );
    expect((plan as Answer).text).toContain('Pre-order plan for "Form Book &amp; Co"');
  });

  it('the form puts errors under their fields: schema errors and the service’s own', async () => {
    const values = (isbn: string, release: string, zone?: string) => ({
      title: { value: { type: 'plain_text_input', value: 'Form Book' } },
      isbn: { value: { type: 'plain_text_input', value: isbn } },
      release: { value: { type: 'datepicker', selected_date: release } },
      ...(zone ? { timezone: { 'pp-timezone': { type: 'external_select', selected_option: { value: zone } } } } : {}),
    });
    const bad = await s.slack.submit(SAM, { callback_id: 'pp-start', values: values('12345', '2027-06-01') });
    expect(bad.status).toBe(200);
    const body = JSON.parse(bad.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['isbn']);
    // No zone from the form, the member or the community: the service asks for one, under the zone select.
    const zoneless = await s.slack.submit(SAM, {
      callback_id: 'pp-start',
      values: values('0-8044-2957-X', '2027-06-01'),
    });
    const zonelessBody = JSON.parse(zoneless.body) as { response_action: string; errors: Record<string, string> };
    expect(zonelessBody.response_action).toBe('errors');
    expect(Object.keys(zonelessBody.errors)).toEqual(['timezone']);
    expect(zonelessBody.errors.timezone).toMatch(/time zone/i);
    // A release date already past is the service's refusal, still shown under the date picker.
    const past = await s.slack.submit(SAM, {
      callback_id: 'pp-start',
      values: values('0-8044-2957-X', '2026-12-01', 'Europe/London'),
    });
    const pastBody = JSON.parse(past.body) as { response_action: string; errors: Record<string, string> };
    expect(pastBody.response_action).toBe('errors');
    expect(Object.keys(pastBody.errors)).toEqual(['release']);
    expect(await fresh.db.prisma.campaign.count()).toBe(0);
  });

  it('the time zone select suggests zones as the member types', async () => {
    const sent = await s.slack.suggest(SAM, 'pp-timezone', 'lond');
    expect(sent.status).toBe(200);
    const { options } = JSON.parse(sent.body) as { options: { value: string }[] };
    expect(options[0]!.value).toBe('Europe/London');
  });

  it('a title with <!everyone>, @channel or a user mention never pings, in replies or in DMs', async () => {
    // Typed, it is refused at the door, and the refusal does not echo it.
    const refused = await command('start title:"<!everyone> hi" isbn:978-0-306-40615-7 release:2027-03-15');
    expect(refused.text).toMatch(/^✗ Problem with title/);
    expect(JSON.stringify(refused)).not.toContain('<!everyone>');
    // An older row holding such a title (defence in depth) still renders inert everywhere.
    await command(START);
    await fresh.db.prisma.campaign.updateMany({ data: { title: '<!everyone> @channel <@U0BOSS> & <!here> *bold*' } });
    const status = await command('status');
    await s.bot.sweeper.drain();
    const [dm] = await s.fake.waitFor(
      () => s.fake.callsTo('chat.postMessage').length > 0 && s.fake.callsTo('chat.postMessage'),
    );
    expect(status.text).toContain('&lt;\u200B!everyone&gt; @\u200Bchannel &lt;\u200B@U0BOSS&gt; &amp;');
    for (const message of [status, dm!.params]) {
      const all = JSON.stringify(message);
      expect(all).toContain('U0BOSS');
      expect(all).not.toMatch(/<!(?!date\^)/);
      expect(all).not.toMatch(/<@/);
      expect(all).not.toMatch(/@(everyone|here|channel)/);
    }
    expect(dm!.params).not.toHaveProperty('link_names');
  });

  it('App Home: opening the tab publishes the member’s campaigns and next steps', async () => {
    await command(START);
    // The start refreshes App Home after its ack; let that publish land before watching the visit's.
    await s.fake.waitFor(() => s.fake.callsTo('views.publish').length > 0);
    s.fake.clear();
    const sent = await s.slack.homeOpened(SAM);
    expect(sent.status).toBe(200);
    const [publish] = await s.fake.waitFor(
      () => s.fake.callsTo('views.publish').length > 0 && s.fake.callsTo('views.publish'),
    );
    const view = publish!.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('The Salt Road');
    expect(text).toContain('aa-account');
    expect(text).toContain('/preorder status campaign:');
    // The visit carries only the user id, so the name comes from users.info.
    expect(s.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([SAM.id]);
  });

  it('never logs the bot token, app token or signing secret, even at trace level', async () => {
    await s.close();
    s = await startSlackBot(fresh.db, { logLevel: 'trace' });
    await command(START);
    await s.bot.sweeper.drain();
    const logs = s.logs.join('');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) expect(logs).not.toContain(secret);
  });
});
