import type { Delivery, Notifier } from '../../app/reminders/ports.ts';
import type { Platform } from '../../app/ports.ts';
import { consoleText } from './console-text.ts';

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  │ ${line}`)
    .join('\n');

/** Prints what the bot would send, marked as a DM, a channel post or a note to moderators. */
export class ConsoleNotifier implements Notifier {
  readonly platforms: readonly Platform[] = ['console'];
  constructor(
    private readonly write: (text: string) => void,
    private readonly describeTime: () => string = () => '',
  ) {}

  deliver(delivery: Delivery): Promise<void> {
    const when = this.describeTime();
    const stamp = when ? ` [${when}]` : '';
    const { to } = delivery;
    const header =
      to.kind === 'dm'
        ? `📬 DM to ${to.displayName}${stamp}`
        : to.kind === 'channel'
          ? `📣 ${to.threadLabel ? `[${to.threadLabel}] ` : ''}Post in #${to.channelId}${to.mentionMemberExternalId ? ` mentioning ${to.mentionMemberExternalId}` : ''}${stamp}`
          : `🛡 Note to the moderators${stamp}`;
    this.write(`${header}\n${indent(consoleText(delivery.reply))}\n`);
    return Promise.resolve();
  }
}
