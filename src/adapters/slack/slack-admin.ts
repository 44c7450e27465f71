import type { webApi } from '@slack/bolt';
import type { Logger } from '../../infra/logger.ts';
import { slackErrorText } from './slack-errors.ts';

/**
 * Whether a user is a workspace admin or owner, asked of Slack on every `/preorder-admin` call
 * (never cached, so a demoted admin loses access at once). A failed lookup counts as "no": the
 * community's moderator list, which dispatch checks, still lets listed moderators in.
 */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string, logger: Logger): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
  } catch (error) {
    logger.warn({ user: userId, error: slackErrorText(error) }, 'users.info failed; treating the user as a member');
    return false;
  }
}

/** A member's handle for display, when an event carries only their id (App Home). */
export async function userName(client: webApi.WebClient, userId: string): Promise<string | null> {
  const { user } = await client.users.info({ user: userId });
  return user?.name ?? user?.real_name ?? null;
}
