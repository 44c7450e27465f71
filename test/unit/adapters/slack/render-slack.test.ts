import { describe, expect, it } from 'vitest';
import { renderReply, renderResponse, richMrkdwn, segmentMrkdwn } from '../../../../src/adapters/slack/render-slack.ts';
import { escapeMrkdwn, truncate } from '../../../../src/adapters/slack/mrkdwn.ts';
import { at, link, onDate, reply } from '../../../../src/app/reply.ts';

const ZW = '\u200B';

describe('Reply → Block Kit', () => {
  it('escapes &, < and > and breaks mass mentions in every string', () => {
    expect(escapeMrkdwn('<!everyone> & <@U1> @here')).toBe(`&lt;${ZW}!everyone&gt; &amp; &lt;${ZW}@U1&gt; @${ZW}here`);
    const message = renderReply(
      reply({
        title: 'Plan for <!channel>',
        lines: [['Hi <@U999> & friends']],
        fields: [{ label: '<b>', value: ['*x*'] }],
        actions: [{ id: 'status', label: '<!here>', command: '/preorder status' }],
      }),
    );
    const all = JSON.stringify(message);
    expect(all).not.toMatch(/<[!@#]/);
    expect(message.text).toContain('Plan for &lt;');
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  });

  it('shows instants with Slack’s date token plus the campaign’s local time and zone; dates written out', () => {
    const instant = new Date('2027-03-15T04:00:00Z');
    expect(segmentMrkdwn(at(instant, 'America/New_York'))).toBe(
      `<!date^${instant.getTime() / 1000}^{date_short_pretty} {time}|Mon 15 Mar 2027, 00:00 EDT (America/New_York)> (Mon 15 Mar 2027, 00:00 EDT, America/New_York)`,
    );
    // Named once in a line: the second time gives the campaign's local time only.
    const later = new Date('2027-03-16T04:00:00Z');
    expect(richMrkdwn([at(instant, 'America/New_York'), ' until ', at(later, 'America/New_York')])).toMatch(
      /America\/New_York\) until <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> \(Tue 16 Mar 2027, 00:00 EDT\)$/,
    );
    expect(segmentMrkdwn(onDate(instant, 'America/New_York'))).toBe('Mon 15 Mar 2027 (America/New_York)');
    expect(segmentMrkdwn(link('https://www.amazon.com/dp/0306406152', 'the listing'))).toBe(
      '<https://www.amazon.com/dp/0306406152|the listing>',
    );
    expect(segmentMrkdwn(link('javascript:alert(1)', 'x'))).toBe('x');
    expect(segmentMrkdwn({ channel: 'C0123ABC' })).toBe('<#C0123ABC>');
    expect(segmentMrkdwn({ channel: '<!here>' })).toBe(`#&lt;${ZW}!here&gt;`);
  });

  it('turns actions into buttons carrying the command, with unique action ids', () => {
    const message = renderReply(
      reply({
        title: 'Reminder',
        actions: [
          { id: 'done:aa-account', label: 'Done', command: '/preorder done aa-account campaign:abc' },
          { id: 'done:aa-account', label: 'Done again', command: '/preorder done aa-account' },
        ],
      }),
    );
    const actions = message.blocks.at(-1) as { type: string; elements: { action_id: string; value: string }[] };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => e.value)).toEqual([
      '/preorder done aa-account campaign:abc',
      '/preorder done aa-account',
    ]);
    expect(new Set(actions.elements.map((e) => e.action_id)).size).toBe(2);
    expect(actions.elements.every((e) => e.action_id.startsWith('pp:'))).toBe(true);
  });

  it('keeps within Slack limits: fields in sections of ten, header under 150, blocks under 50', () => {
    const many = reply({
      title: 'x'.repeat(400),
      lines: Array.from({ length: 80 }, (_, i) => [`line ${i} `.repeat(30)]),
      fields: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: ['v'] })),
      actions: [{ id: 'status', label: 'Status', command: '/preorder status' }],
    });
    const { blocks } = renderReply(many);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect((blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(150);
    const fieldSections = blocks.filter((b) => 'fields' in b) as { fields: unknown[] }[];
    expect(fieldSections.map((b) => b.fields.length)).toEqual([10, 10, 3]);
    expect(blocks.at(-1)!.type).toBe('actions');
    for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });

  it('truncates without cutting an entity or a <…> token in half', () => {
    expect(truncate('abc &amp; def', 7)).toBe('abc …');
    expect(truncate('see <https://x.y|z> now', 10)).toBe('see …');
  });

  it('answers ephemeral when private and in the channel when public, never replacing the original', () => {
    expect(renderResponse(reply({ title: 'x' }))).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
    });
    expect(renderResponse(reply({ title: 'x', visibility: 'public' })).response_type).toBe('in_channel');
  });

  it('puts the one deliberate mention first, in the text and the blocks', () => {
    const message = renderReply(reply({ title: 'Tomorrow', lines: ['Press publish'] }), { mentionUserId: 'U0SAM' });
    expect(message.text.startsWith('<@U0SAM> ')).toBe(true);
    expect(JSON.stringify(message.blocks).match(/<@U0SAM>/g)).toHaveLength(1);
  });
});
