import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleText } from '../../../src/adapters/console/console-text.ts';
import {
  decodeCustomId,
  decodeFormCustomId,
  encodeFormCustomId,
  MAX_CUSTOM_ID,
} from '../../../src/adapters/discord/custom-id.ts';
import { DiscordNotifier } from '../../../src/adapters/discord/discord-notifier.ts';
import { FormStore, formKey } from '../../../src/adapters/discord/form-store.ts';
import { renderButtons } from '../../../src/adapters/discord/render-discord.ts';
import { formCommand, quoteValue } from '../../../src/adapters/form-command.ts';
import { parseCommandText } from '../../../src/app/commands/parse-text.ts';
import { findCommand } from '../../../src/app/commands/registry.ts';
import type { PlatformStateStore } from '../../../src/app/ports.ts';
import { FakeDiscord } from '../../support/fake-discord.ts';
import { fileReply, logAction, sampleFiles } from '../../support/reply-file-fixtures.ts';

const CAMPAIGN = '0b7e3c1a-5d2f-4a6b-9c8d-1e2f3a4b5c6d';
const clock = { now: () => new Date('2027-01-10T12:00:00Z') };

describe('form submissions become typed commands', () => {
  it('appends each filled field as name:"value", in a quote the parser reads back exactly', () => {
    const values = ['12', 'say "hi"', `it's "both"`, `all "'” kinds’`];
    for (const value of values) {
      const line = formCommand('/preorder ask', [{ name: 'question', value }]);
      const parsed = parseCommandText(findCommand('preorder', 'ask')!, line.slice('/preorder ask'.length));
      // Only a value holding every kind of quote is changed: its straight double quotes turn curly.
      const expected = value.includes('”') && value.includes('’') ? value.replace(/"/g, '”') : value;
      expect(parsed.ok && parsed.value.question, value).toBe(expected);
    }
    expect(quoteValue('plain')).toBe('"plain"');
  });

  it('drops empty values, odd names and names the command already carries', () => {
    const line = formCommand(`/preorder log campaign:${CAMPAIGN}`, [
      { name: 'orders', value: ' 12 ' },
      { name: 'pos', value: '' },
      { name: 'campaign', value: 'Somebody Else' },
      { name: 'x y', value: '1' },
      { name: 'date', value: 'yester\nday' },
    ]);
    expect(line).toBe(`/preorder log campaign:${CAMPAIGN} orders:"12" date:"yester day"`);
  });
});

describe('Discord form buttons', () => {
  it('carry the form key and the command within 100 characters, and decode back', () => {
    const action = logAction(CAMPAIGN);
    const [row] = renderButtons([action]);
    const id = row!.components[0]!.custom_id;
    expect(id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(decodeFormCustomId(id)).toEqual({ formKey: formKey(action.form!), command: action.command });
    // A plain button is not mistaken for a form.
    expect(decodeFormCustomId(action.command)).toBeNull();
    expect(decodeCustomId(action.command)).toBe(action.command);
    const long = `/preorder snooze ingram-preorder-setup campaign:${CAMPAIGN} for:tomorrow`;
    const encoded = encodeFormCustomId('k'.repeat(11), long)!;
    expect(encoded.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(decodeFormCustomId(encoded)!.command).toBe(long);
    // A moderator's form button on a campaign's view (the longest admin command with a form).
    const admin = `/preorder-admin campaign campaign:${CAMPAIGN} action:shift`;
    const adminId = encodeFormCustomId('k'.repeat(11), `${admin} extra:padding`)!;
    expect(adminId.startsWith('!kkkkkkkkkkk^campaign c:')).toBe(true);
    expect(decodeFormCustomId(adminId)!.command).toBe(`${admin} extra:padding`);
  });

  it('keeps forms in the state store, so another process recalls them', async () => {
    const rows = new Map<string, string>();
    const state: PlatformStateStore = {
      get: async (key) => rows.get(key) ?? null,
      set: async (key, value) => void rows.set(key, value),
    };
    const action = logAction(CAMPAIGN);
    await new FormStore(state, clock).remember([action, action]);
    expect([...rows.keys()]).toEqual([`discord:form:${formKey(action.form!)}`]);
    expect(await new FormStore(state, clock).recall(formKey(action.form!))).toEqual(action.form);
    expect(await new FormStore(state, clock).recall('unknown-key')).toBeUndefined();
  });
});

describe('files in the console and in Discord reminders', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('the console names each file once, with the path it was saved to', async () => {
    const { files } = await sampleFiles();
    const text = consoleText(fileReply(files));
    expect(text).toContain(`📎 campaigns.csv saved to ${files[0]!.path}`);
    expect(text.match(/📎/g)).toHaveLength(2);
    expect(text).not.toContain('📎 campaigns.csv: All campaigns');
    expect(consoleText(fileReply([]))).toBe(fileReply([]).fallback);
  });

  it('a reminder DM carries its files as a multipart upload, then the files are deleted', async () => {
    fake = await FakeDiscord.start();
    const notifier = new DiscordNotifier({ token: 'fake-token', api: fake.apiUrl });
    const { files, bytes } = await sampleFiles();
    try {
      await notifier.deliver({
        platform: 'discord',
        to: { kind: 'dm', memberExternalId: '3100000000000000001', displayName: 'alice', communityExternalId: 'g' },
        reply: fileReply(files),
      });
    } finally {
      notifier.close();
    }
    const [post] = fake.calls('POST', /^\/channels\/\d+\/messages$/);
    expect(post!.files.map((f) => [f.name, f.bytes.equals(bytes.get(f.name)!)])).toEqual([
      ['campaigns.csv', true],
      ['timeline.png', true],
    ]);
    expect(post!.body.attachments).toEqual([
      { id: 0, filename: 'campaigns.csv', description: 'All campaigns' },
      { id: 1, filename: 'timeline.png', description: 'The timeline' },
    ]);
    expect(post!.body.embeds[0].image.url).toBe('attachment://timeline.png');
    expect(post!.body.allowed_mentions).toEqual({ parse: [] });
    expect(files.some((f) => existsSync(f.path))).toBe(false);
  });
});
