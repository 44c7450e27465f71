import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../../src/adapters/discord/render-discord.ts';
import { readReplyFiles, withFileNotes } from '../../../src/adapters/reply-files.ts';
import { renderReply as renderSlack } from '../../../src/adapters/slack/render-slack.ts';
import { fileReply, sampleFiles } from '../../support/reply-file-fixtures.ts';

describe('a file that could not be sent is noted one way on every platform', () => {
  it('leaves out a file over the size limit, and one that vanished, each with a warning note', async () => {
    const { files } = await sampleFiles();
    await rm(files[0]!.path);
    const read = await readReplyFiles(fileReply(files), 10);
    expect(read.loaded).toEqual([]);
    expect(read.problems).toEqual([
      '⚠️ campaigns.csv could not be read; please ask again.',
      '⚠️ timeline.png is 0.0 MB, over the 0.0 MB this chat accepts.',
    ]);
  });

  it('puts the notes under the reply’s own lines and drops the files, for Discord and Slack alike', async () => {
    const { files } = await sampleFiles();
    const noted = withFileNotes(fileReply(files), ['⚠️ timeline.png could not be read; please ask again.']);
    expect(noted.files).toEqual([]);
    expect(noted.lines.map((line) => line.join(''))).toEqual([
      'Two files.',
      '⚠️ timeline.png could not be read; please ask again.',
    ]);
    expect(noted.fallback).not.toContain('📎');
    expect(noted.title).toBe('Your export is ready');
    expect(noted.visibility).toBe('private');
    expect(renderDiscord(noted).embeds[0]!.description).toBe(
      'Two files.\n⚠️ timeline.png could not be read; please ask again.',
    );
    expect(JSON.stringify(renderSlack(noted).blocks)).toContain('⚠️ timeline.png could not be read; please ask again.');
  });
});
