import type { AttachmentPayload, RawFile } from 'discord.js';

import type { LoadedFile } from '../reply-files.ts';
import { clip, MESSAGE_LIMITS } from './discord-limits.ts';
import type { DiscordMessage } from './render-discord.ts';

/** Discord's default upload limit for a bot without boosts (interactions state their own). */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1_048_576;

/** `attachment://name` only finds names of plain characters. */
export const attachmentName = (name: string): string => name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'file';

const alt = (text: string) => clip(text, MESSAGE_LIMITS.attachmentDescription);

/**
 * The first image of a message's files is shown inside its embed (`attachment://`). Notes about
 * files left out are already among the reply's lines (see withFileNotes in reply-files.ts).
 */
export function withEmbedImage(message: DiscordMessage, loaded: readonly LoadedFile[]): DiscordMessage {
  const image = loaded.find((f) => f.file.contentType.startsWith('image/'));
  const [embed, ...rest] = message.embeds;
  if (!embed || !image) return message;
  return {
    ...message,
    embeds: [{ ...embed, image: { url: `attachment://${attachmentName(image.file.name)}` } }, ...rest],
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
