import type { webApi } from '@slack/bolt';
import type { Reply } from '../../app/reply.ts';
import { FILE_LIMITS } from './slack-limits.ts';
import { discardReplyFiles, readReplyFiles, withFileNotes, type LoadedFile } from '../reply-files.ts';

/**
 * Ephemeral messages and response_url answers cannot carry files, so a reply's files are uploaded
 * (files.getUploadURLExternal, the bytes to its upload_url, files.completeUploadExternal: the
 * Web API client's filesUploadV2) into the member's DM with the bot, the one place that is private
 * to them, and the reply says where they went. Returns the reply to show, without its files.
 */
export async function sendFilesToMember(
  client: webApi.WebClient,
  userId: string,
  answer: Reply,
  options: { token?: string; log?: (error: unknown) => void } = {},
): Promise<Reply> {
  if (answer.files.length === 0) return answer;
  const token = options.token ? { token: options.token } : {};
  const { loaded, problems } = await readReplyFiles(answer);
  const notes = [...problems];
  if (loaded.length > 0) {
    try {
      const opened = await client.conversations.open({ ...token, users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      await uploadFiles(client, channel, loaded, token);
      notes.unshift(
        `📎 ${loaded.map((f) => f.file.name).join(', ')}: sent to your direct messages with Pre-order Pal.`,
      );
      await discardReplyFiles(loaded.map((f) => f.file));
    } catch (error) {
      options.log?.(error);
      notes.unshift(
        `📎 ${loaded.map((f) => f.file.name).join(', ')} could not be sent to your direct messages; please try again.`,
      );
    }
  }
  return withFileNotes(answer, notes);
}

/** Uploads read files into one channel (a DM or the announcement channel), all in one share. */
export async function uploadFiles(
  client: webApi.WebClient,
  channel: string,
  loaded: readonly LoadedFile[],
  token: { token?: string } = {},
): Promise<void> {
  await client.filesUploadV2({
    ...token,
    channel_id: channel,
    file_uploads: loaded.map((f) => ({
      file: f.data,
      filename: f.file.name,
      title: f.file.name,
      alt_text: f.file.description.slice(0, FILE_LIMITS.altText),
    })),
  });
}
