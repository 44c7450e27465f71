import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { testBackends } from '../support/databases.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { APP_TOKEN, buttonsOf, startSlackBot } from '../support/slack-harness.ts';
import { blockActionsPayload, homeOpenedBody, slashCommandFields } from '../support/slack-requests.ts';

const SAM = { id: 'U0SAM', name: 'sam' };

describe('Slack Socket Mode end to end', () => {
  let db: Database;

  beforeAll(async () => {
    db = await testBackends()[0]!.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('connects through apps.connections.open, serves a command, a button and App Home, and disconnects cleanly', async () => {
    const fake = await FakeSlack.start();
    fake.addUser({ id: SAM.id, name: SAM.name });
    const s = await startSlackBot(db, { socketMode: true, fake });
    try {
      // start() resolved only once the socket said hello.
      expect(fake.socket.connected).toBe(true);
      expect(s.adapter.mode).toBe('socket');
      expect(s.adapter.port).toBeNull();
      expect(s.adapter.describe()).toMatch(/Socket Mode/);
      expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);

      const command = slashCommandFields(
        fake,
        SAM,
        'start title:"Socket Book" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York',
        { responseId: 'sock-1' },
      );
      const ack = await fake.socket.send('slash_commands', command);
      expect(ack).toEqual({});
      const [plan] = await fake.waitFor(() => fake.responsesTo('sock-1').length > 0 && fake.responsesTo('sock-1'));
      expect(String(plan!.text)).toContain('Pre-order plan for "Socket Book"');
      expect(await db.prisma.campaign.count()).toBe(1);

      const done = buttonsOf(plan!.blocks).find((b) => b.action_id.startsWith('pp:done:'))!;
      await fake.socket.send('interactive', blockActionsPayload(fake, SAM, done, { responseId: 'sock-2' }));
      const [marked] = await fake.waitFor(() => fake.responsesTo('sock-2').length > 0 && fake.responsesTo('sock-2'));
      expect(String(marked!.text)).not.toMatch(/^✗/);
      expect(await db.prisma.milestoneProgress.count()).toBe(1);

      fake.clear();
      await fake.socket.send('events_api', homeOpenedBody(SAM));
      const [publish] = await fake.waitFor(
        () => fake.callsTo('views.publish').length > 0 && fake.callsTo('views.publish'),
      );
      expect(JSON.stringify(publish!.params.view)).toContain('Socket Book');
    } finally {
      await s.bot.stop();
      // stop() returns once the client has closed its socket (Disconnected), so the fake can go
      // without a reconnect attempt; the server side sees the close frame a moment later.
      await fake.waitFor(() => !fake.socket.connected, 'the socket to close');
      await new Promise((r) => setTimeout(r, 200));
      await fake.close();
    }
    expect(fake.socket.connections).toBe(1);
  });
});
