import type { ActionPresser } from '../../app/dispatch.ts';
import type { Actor } from '../../app/ports.ts';
import type { WorkspaceDirectory } from './workspaces.ts';

/** Who sent a Slack request and from which workspace, whichever payload it came in. */
export interface SlackSender {
  /** Absent only from payloads that name no workspace. */
  teamId: string | undefined;
  /** The workspace's subdomain: its name for as long as the directory knows no better one. */
  teamDomain: string | undefined;
  userId: string;
  displayName: string;
}

/** A slash command's payload. */
export interface CommandPayload {
  team_id: string;
  team_domain: string;
  user_id: string;
  user_name: string;
}

/** The part of a button press or a form submission that says who sent it. */
export interface InteractionPayload {
  team: { id: string; domain?: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
}

export const commandSender = (command: CommandPayload): SlackSender => ({
  teamId: command.team_id,
  teamDomain: command.team_domain,
  userId: command.user_id,
  displayName: command.user_name,
});

/** Enterprise Grid payloads may name the workspace only on the user; the handle falls back to the id. */
export const interactionSender = (body: InteractionPayload): SlackSender => ({
  teamId: body.team?.id ?? body.user.team_id,
  teamDomain: body.team?.domain,
  userId: body.user.id,
  displayName: body.user.username ?? body.user.name ?? body.user.id,
});

export interface SlackActorOptions {
  workspaces: Pick<WorkspaceDirectory, 'get'>;
  /** Asked of Slack by the caller, only for moderator commands (see slack-admin.ts). */
  platformAdmin?: boolean;
}

/**
 * The sender as dispatch's Actor: the workspace is the community, named as the workspace
 * directory knows it. Slack has no roles; moderators are listed by user id.
 */
export function slackActor(sender: SlackSender, options: SlackActorOptions): Actor {
  const communityName = options.workspaces.get(sender.teamId)?.teamName ?? sender.teamDomain;
  return {
    platform: 'slack',
    communityExternalId: sender.teamId ?? '',
    ...(communityName ? { communityName } : {}),
    userExternalId: sender.userId,
    displayName: sender.displayName,
    platformAdmin: options.platformAdmin ?? false,
    roleIds: [],
  };
}

/** The sender of a button press: the workspace it came from, when the payload names one. */
export function slackPresser(sender: SlackSender, options: SlackActorOptions): ActionPresser {
  const { communityExternalId, communityName, ...person } = slackActor(sender, options);
  if (!sender.teamId) return person;
  return { ...person, community: { communityExternalId, ...(communityName ? { communityName } : {}) } };
}
