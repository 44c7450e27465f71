import type { AttachmentPayload, RawFile } from 'discord.js';

import type { LoadedFile } from '../reply-files.ts';
import type { DiscordMessage } from './render-discord.ts';

/** Discord's default upload limit for a bot without boosts (interactions state their own). */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1_048_576;
const MAX_ALT_TEXT = 1024;

/** `attachment://name` only finds names of plain characters. */
export const attachmentName = (name: string): string => name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'file';

const alt = (text: string) => (text.length <= MAX_ALT_TEXT ? text : `${text.slice(0, MAX_ALT_TEXT - 1)}…`);

/**
 * The message with its files: the first image is shown inside the embed (`attachment://`), and a
 * file that could not be attached is named in the embed so the member knows it is missing.
 */
export function withFileNotes(message: DiscordMessage, loaded: readonly LoadedFile[], problems: readonly string[]) {
  const image = loaded.find((f) => f.file.contentType.startsWith('image/'));
  const [embed, ...rest] = message.embeds;
  if (!embed || (!image && problems.length === 0)) return message;
  const notes = problems.map((p) => `⚠️ ${p}`).join('\n');
  const description = [embed.description, notes].filter(Boolean).join('\n');
  return {
    ...message,
    embeds: [
      {
        ...embed,
        ...(description ? { description: description.slice(0, 4096) } : {}),
        ...(image ? { image: { url: `attachment://${attachmentName(image.file.name)}` } } : {}),
      },
      ...rest,
    ],
  };
}

/** For discord.js replies and edits (interaction webhooks). */
export const interactionFiles = (loaded: readonly LoadedFile[]): AttachmentPayload[] =>
  loaded.map((f) => ({ attachment: f.data, name: attachmentName(f.file.name), description: alt(f.file.description) }));

/** For a REST post (reminders): the files, and the `attachments` the message body names them by. */
export function restFiles(loaded: readonly LoadedFile[]): {
  files: RawFile[];
  attachments: { id: number; filename: string; description: string }[];
} {
  return {
    files: loaded.map((f) => ({ name: attachmentName(f.file.name), data: f.data, contentType: f.file.contentType })),
    attachments: loaded.map((f, id) => ({
      id,
      filename: attachmentName(f.file.name),
      description: alt(f.file.description),
    })),
  };
}
