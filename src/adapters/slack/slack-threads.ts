import type { webApi } from '@slack/bolt';
import type { Platform } from '../../app/ports.ts';
import { DeliveryError } from '../../app/reminders/ports.ts';
import { THREAD_TAG_NAMES, type ThreadLook, type ThreadPublisher, type ThreadRef } from '../../app/threads/ports.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { toDeliveryError } from './slack-errors.ts';
import type { WorkspaceDirectory } from './workspaces.ts';

/** The bot token of a workspace, or a permanent refusal that says why there is none. */
export async function workspaceToken(workspaces: WorkspaceDirectory, teamId: string): Promise<string> {
  const found = await workspaces.lookup(teamId);
  if (found.status === 'removed') {
    const { removed } = found;
    throw new DeliveryError(
      'permanent',
      `Pre-order Pal was removed from workspace ${removed.teamId} (${removed.reason} at ${removed.removedAt}); ` +
        'reminders resume once it is installed again through /slack/install',
    );
  }
  if (found.status === 'unknown')
    throw new DeliveryError('permanent', `this app holds no token for workspace ${teamId}`);
  return found.workspace.token;
}

/** The parent message: the campaign and its phase, kept current with chat.update. */
export function parentText(look: ThreadLook): string {
  const phase = THREAD_TAG_NAMES[look.phase] + (look.atRisk ? ` · ${THREAD_TAG_NAMES['at-risk']}` : '');
  return `📘 *${escapeMrkdwn(look.title)}* · ${phase}\nThis campaign's posts are in the thread below.`;
}

/** On Slack a campaign's thread is the replies to one parent message in the announcement channel. */
export class SlackThreads implements ThreadPublisher {
  readonly platforms: readonly Platform[] = ['slack'];

  constructor(
    private readonly client: webApi.WebClient,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  async open(teamId: string, channelId: string, look: ThreadLook): Promise<ThreadRef> {
    try {
      const token = await workspaceToken(this.workspaces, teamId);
      const posted = await this.client.chat.postMessage({ token, channel: channelId, text: parentText(look) });
      if (!posted.ts) throw new DeliveryError('transient', 'chat.postMessage returned no ts');
      return { channelId: posted.channel ?? channelId, threadId: posted.ts };
    } catch (error) {
      throw toDeliveryError(error, 'channel');
    }
  }

  async restyle(teamId: string, ref: ThreadRef, look: ThreadLook): Promise<void> {
    try {
      const token = await workspaceToken(this.workspaces, teamId);
      await this.client.chat.update({ token, channel: ref.channelId, ts: ref.threadId, text: parentText(look) });
    } catch (error) {
      throw toDeliveryError(error, 'channel');
    }
  }
}
