import type { Authorize, AuthorizeResult, webApi } from '@slack/bolt';

/** One workspace the bot is installed in: each is its own community (external id = team id). */
export interface Workspace {
  teamId: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  /** Never logged. */
  token: string;
}

/**
 * The workspaces this process can act in, by team id. Today that is the one workspace the bot
 * token belongs to (found with `auth.test` at start-up); an OAuth installation store would add
 * more behind the same two questions: "which token for team T?" and "is T ours?".
 */
export class WorkspaceDirectory {
  private readonly byTeam = new Map<string, Workspace>();

  constructor(workspaces: readonly Workspace[]) {
    for (const workspace of workspaces) this.byTeam.set(workspace.teamId, workspace);
  }

  /** Asks Slack who the token belongs to; a refused token stops start-up with a clear message. */
  static async fromToken(client: webApi.WebClient, token: string): Promise<WorkspaceDirectory> {
    let result: webApi.AuthTestResponse;
    try {
      result = await client.auth.test({ token });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      throw new Error(
        code
          ? `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.`
          : `Could not reach the Slack Web API to check SLACK_BOT_TOKEN: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (!result.team_id) throw new Error('Slack auth.test returned no team id for SLACK_BOT_TOKEN.');
    return new WorkspaceDirectory([
      {
        teamId: result.team_id,
        token,
        ...(result.team ? { teamName: result.team } : {}),
        ...(result.user_id ? { botUserId: result.user_id } : {}),
        ...(result.bot_id ? { botId: result.bot_id } : {}),
      },
    ]);
  }

  get(teamId: string | undefined): Workspace | undefined {
    return teamId ? this.byTeam.get(teamId) : undefined;
  }

  list(): Workspace[] {
    return [...this.byTeam.values()];
  }

  /** Bolt's authorize: requests from a workspace we hold no token for run no listener. */
  readonly authorize: Authorize<boolean> = async (source) => {
    const workspace = this.get(source.teamId);
    if (!workspace) throw new Error(`this app holds no token for workspace ${source.teamId ?? '(none)'}`);
    const result: AuthorizeResult = { botToken: workspace.token, teamId: workspace.teamId };
    if (workspace.botUserId) result.botUserId = workspace.botUserId;
    if (workspace.botId) result.botId = workspace.botId;
    return result;
  };
}
