import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../../src/app/commands/parse-text.ts';
import { startCommand } from '../../../../src/app/campaigns/commands.ts';
import {
  changesCampaigns,
  commandLine,
  opensStartForm,
  subcommandOf,
} from '../../../../src/adapters/slack/command-text.ts';

describe('Slack command text → the typed line dispatch parses', () => {
  it('joins command and text, undoing Slack’s &amp; &lt; &gt; escapes', () => {
    expect(commandLine('/preorder', 'start title:"Me &amp; You &lt;3&gt;" isbn:1')).toBe(
      '/preorder start title:"Me & You <3>" isbn:1',
    );
    expect(commandLine('/preorder', '   ')).toBe('/preorder');
    expect(commandLine('/preorder-admin', 'settings channel:<#C0123|general>')).toBe(
      '/preorder-admin settings channel:<#C0123|general>',
    );
  });

  it('gives the same arguments the console parser gives for key:value, quotes and --key value', () => {
    const line = commandLine(
      '/preorder',
      'start --title “The Salt Road” isbn:978-0-306-40615-7 release:March 15, 2027 --timezone=New York',
    );
    const rest = line.replace(/^\/preorder start /, '');
    const parsed = parseCommandText(startCommand, rest);
    expect(parsed).toEqual({
      ok: true,
      value: {
        title: 'The Salt Road',
        isbn: '978-0-306-40615-7',
        release: 'March 15, 2027',
        timezone: 'New York',
      },
    });
  });

  it('opens the form only for a bare start', () => {
    expect(opensStartForm('/preorder', 'start')).toBe(true);
    expect(opensStartForm('/preorder', '  START ')).toBe(true);
    expect(opensStartForm('/preorder', 'start title:x')).toBe(false);
    expect(opensStartForm('/preorder-admin', 'start')).toBe(false);
  });

  it('knows which commands change campaigns (App Home refresh)', () => {
    expect(subcommandOf('/preorder')).toBe('help');
    expect(subcommandOf('/preorder DONE aa-account')).toBe('done');
    expect(changesCampaigns('/preorder done aa-account')).toBe(true);
    expect(changesCampaigns('/preorder status')).toBe(false);
    expect(changesCampaigns('/preorder faq aa-fee')).toBe(false);
  });
});
