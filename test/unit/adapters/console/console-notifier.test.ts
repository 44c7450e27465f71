import { describe, expect, it } from 'vitest';
import { ConsoleNotifier } from '../../../../src/adapters/console/console-notifier.ts';
import { reply } from '../../../../src/app/reply.ts';
import type { Delivery, Destination } from '../../../../src/app/reminders/ports.ts';

const message = reply({
  tone: 'info',
  title: 'Now open: Press Publish on KDP',
  lines: ['"Harbour Lights" (US) · Press Publish on KDP', 'Window: as soon as possible'],
  actions: [{ id: 'done:kdp-publish', label: 'Done', command: '/preorder done kdp-publish campaign:c1' }],
});

const delivery = (to: Destination): Delivery => ({ platform: 'console', to, reply: message });

function notifier(describeTime?: () => string) {
  const written: string[] = [];
  const n = new ConsoleNotifier((text) => written.push(text), describeTime);
  return { n, written };
}

const BODY = [
  '  │ Now open: Press Publish on KDP',
  '  │ "Harbour Lights" (US) · Press Publish on KDP',
  '  │ Window: as soon as possible',
  '  │ Actions: Done (/preorder done kdp-publish campaign:c1)',
].join('\n');

describe('ConsoleNotifier', () => {
  it('serves the console platform only', () => {
    expect(notifier().n.platforms).toEqual(['console']);
  });

  it('marks a DM with 📬 and the member name, then the indented fallback text', async () => {
    const { n, written } = notifier();
    await n.deliver(
      delivery({ kind: 'dm', memberExternalId: 'you', displayName: 'you', communityExternalId: 'local' }),
    );
    expect(written).toEqual([`📬 DM to you\n${BODY}\n`]);
  });

  it('marks a channel post with 📣 and the channel', async () => {
    const { n, written } = notifier();
    await n.deliver(delivery({ kind: 'channel', communityExternalId: 'local', channelId: 'announcements' }));
    expect(written).toEqual([`📣 Post in #announcements\n${BODY}\n`]);
  });

  it('names the one member a fallback channel post mentions', async () => {
    const { n, written } = notifier();
    await n.deliver(
      delivery({
        kind: 'channel',
        communityExternalId: 'local',
        channelId: 'announcements',
        mentionMemberExternalId: 'member:sam',
      }),
    );
    expect(written).toHaveLength(1);
    expect(written[0]!.split('\n')[0]).toBe('📣 Post in #announcements mentioning member:sam');
  });

  it('marks a note to the moderators with 🛡, with or without a channel', async () => {
    const { n, written } = notifier();
    await n.deliver(delivery({ kind: 'moderators', communityExternalId: 'local', channelId: 'mods' }));
    await n.deliver(delivery({ kind: 'moderators', communityExternalId: 'local', channelId: null }));
    expect(written).toEqual([`🛡 Note to the moderators\n${BODY}\n`, `🛡 Note to the moderators\n${BODY}\n`]);
  });

  it('stamps each header with the simulated time when there is one', async () => {
    const { n, written } = notifier(() => 'simulated Sat 28 Nov 2026, 09:00 UTC');
    await n.deliver(
      delivery({ kind: 'dm', memberExternalId: 'you', displayName: 'you', communityExternalId: 'local' }),
    );
    await n.deliver(
      delivery({
        kind: 'channel',
        communityExternalId: 'local',
        channelId: 'announcements',
        mentionMemberExternalId: 'ada',
      }),
    );
    await n.deliver(delivery({ kind: 'moderators', communityExternalId: 'local', channelId: null }));
    expect(written.map((w) => w.split('\n')[0])).toEqual([
      '📬 DM to you [simulated Sat 28 Nov 2026, 09:00 UTC]',
      '📣 Post in #announcements mentioning ada [simulated Sat 28 Nov 2026, 09:00 UTC]',
      '🛡 Note to the moderators [simulated Sat 28 Nov 2026, 09:00 UTC]',
    ]);
  });

  it('adds no stamp when the time description is empty (real time)', async () => {
    const { n, written } = notifier(() => '');
    await n.deliver(
      delivery({ kind: 'dm', memberExternalId: 'ada', displayName: 'Ada', communityExternalId: 'local' }),
    );
    expect(written[0]!.split('\n')[0]).toBe('📬 DM to Ada');
  });

  it('indents every line of the body, so a reply cannot pass for a new header', async () => {
    const { n, written } = notifier();
    const sneaky = reply({ title: 'Title', lines: ['📬 DM to everyone', 'second'] });
    await n.deliver({
      platform: 'console',
      to: { kind: 'dm', memberExternalId: 'you', displayName: 'you', communityExternalId: 'local' },
      reply: sneaky,
    });
    const lines = written[0]!.trimEnd().split('\n');
    expect(lines[0]).toBe('📬 DM to you');
    for (const line of lines.slice(1)) expect(line.startsWith('  │ ')).toBe(true);
    expect(lines).toContain('  │ 📬 DM to everyone');
  });
});
