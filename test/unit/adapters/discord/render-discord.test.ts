import { describe, expect, it } from 'vitest';
import { clipMarkdown, renderReply, renderRichText } from '../../../../src/adapters/discord/render-discord.ts';
import { at, link, onDate, reply } from '../../../../src/app/reply.ts';

const instant = new Date('2027-03-15T04:00:00Z');

describe('rendering a Reply for Discord', () => {
  it('shows times as Discord timestamps and calendar dates written out, the zone named at the first', () => {
    expect(renderRichText(['Opens ', at(instant, 'America/New_York'), '.'])).toBe(
      'Opens <t:1805083200:F> (America/New\\_York).',
    );
    // A release day is the campaign's own date: Discord's date token would show 14 March in California.
    expect(renderRichText([onDate(instant, 'Europe/London')])).toBe('Mon 15 Mar 2027 (Europe/London)');
    const later = new Date('2027-03-16T04:00:00Z');
    expect(renderRichText([at(instant, 'America/New_York'), ' until ', at(later, 'America/New_York')])).toBe(
      '<t:1805083200:F> (America/New\\_York) until <t:1805169600:F>',
    );
  });

  it("names a one-zone reply's zone once, in its first line or field", () => {
    const later = new Date('2027-03-16T04:00:00Z');
    const message = renderReply(
      reply({
        title: 'Plan',
        lines: [['Opens ', at(instant, 'America/New_York')]],
        fields: [{ label: 'Closes', value: [at(later, 'America/New_York')] }],
      }),
    );
    const embed = message.embeds[0]!;
    expect(embed.description).toBe('Opens <t:1805083200:F> (America/New\\_York)');
    expect(embed.fields?.[0]?.value).toBe('<t:1805169600:F>');
  });

  it('escapes markdown and breaks mentions in every string a member could have written', () => {
    const hostile = '@everyone **Salt** <@123456789012345678> _road_ [x](https://evil.example) # head';
    const message = renderReply(
      reply({
        title: hostile,
        lines: [[hostile]],
        fields: [{ label: hostile, value: [hostile] }],
      }),
    );
    const texts = [
      message.content,
      message.embeds[0]!.title!,
      message.embeds[0]!.description!,
      message.embeds[0]!.fields![0]!.name,
      message.embeds[0]!.fields![0]!.value,
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/@everyone/);
      expect(text).not.toMatch(/<@\d/);
      expect(text).not.toMatch(/(^|[^\\])\*\*/);
      expect(text).toContain('\\_road\\_');
      expect(text).toContain('\\[x\\]');
    }
  });

  it('renders links as masked links with an escaped label, and channels as channel links', () => {
    expect(renderRichText([link('https://www.amazon.com/dp/0306406152', 'Amazon *page*')])).toBe(
      '[Amazon \\*page\\*](https://www.amazon.com/dp/0306406152)',
    );
    expect(renderRichText([link('https://a.example/x_(y)', 'https://a.example/x_(y)')])).toBe(
      'https://a.example/x_%28y%29',
    );
    expect(renderRichText([link('javascript:alert(1)', 'click')])).toBe('click javascript:alert(1)');
    expect(renderRichText([{ channel: '2200000000000000001' }])).toBe('<#2200000000000000001>');
  });

  it('colours by tone, puts the headline in content and turns actions into button rows', () => {
    const actions = Array.from({ length: 12 }, (_, i) => ({
      id: i === 0 ? 'done:aa-account' : `faq:${i}`,
      label: `Action ${i}`,
      command: `/preorder faq topic-${i}`,
    }));
    const message = renderReply(reply({ tone: 'error', title: 'Problem with isbn', actions }));
    expect(message.content).toBe('❌ Problem with isbn');
    expect(message.embeds[0]!.color).toBe(0xed4245);
    expect(message.components.map((row) => row.components.length)).toEqual([5, 5, 2]);
    const first = message.components[0]!.components[0]!;
    expect(first).toMatchObject({ type: 2, style: 3, label: 'Action 0', custom_id: '/preorder faq topic-0' });
    // Duplicate commands would give duplicate custom ids, which Discord refuses.
    const twice = renderReply(
      reply({
        title: 't',
        actions: [
          { id: 'a', label: 'A', command: '/preorder status' },
          { id: 'b', label: 'B', command: '/preorder status' },
        ],
      }),
    );
    expect(twice.components[0]!.components).toHaveLength(1);
  });

  it('puts the one deliberate mention first when asked, and only a numeric id', () => {
    expect(renderReply(reply({ title: 'Tomorrow: KDP' }), { mentionUserId: '3100000000000000001' }).content).toBe(
      '<@3100000000000000001> Tomorrow: KDP',
    );
    expect(renderReply(reply({ title: 'x' }), { mentionUserId: 'everyone' }).content).toBe('x');
  });

  it("stays inside Discord's embed limits without cutting a timestamp or an escape in half", () => {
    const long = reply({
      title: 'T'.repeat(400),
      lines: Array.from({ length: 200 }, () => ['word '.repeat(10), at(instant, 'UTC')]),
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `Field ${i}`, value: ['v'.repeat(2000)] })),
    });
    const embed = renderReply(long).embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    const total =
      embed.title!.length +
      embed.description!.length +
      embed.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.fields!.at(-1)!.value).toMatch(/more not shown/);
    expect(embed.description).not.toMatch(/<t:[^>]*…$/);
    expect(clipMarkdown('abc <t:1805083200:F> def', 10)).toBe('abc …');
    expect(clipMarkdown('abcdefgh\\*ij', 10)).toBe('abcdefgh…');
  });
});
