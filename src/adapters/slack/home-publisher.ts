import type { webApi } from '@slack/bolt';
import type { Logger } from '../../infra/logger.ts';
import { loadHomeView, type HomeDeps } from './app-home.ts';
import { userName } from './slack-admin.ts';
import { slackErrorText } from './slack-errors.ts';
import type { WorkspaceDirectory } from './workspaces.ts';

export interface HomeTarget {
  teamId: string;
  userId: string;
  /** Known after a command or a button; an App Home visit carries only the id, so it is looked up. */
  displayName?: string | undefined;
}

/** Publishes a member's App Home: when they open it, and after anything that changes a campaign. */
export class HomePublisher {
  constructor(private readonly deps: HomeDeps & { logger: Logger; workspaces: WorkspaceDirectory }) {}

  async publish(client: webApi.WebClient, target: HomeTarget): Promise<void> {
    try {
      const displayName = target.displayName ?? (await userName(client, target.userId));
      if (!displayName) return;
      const teamName = this.deps.workspaces.get(target.teamId)?.teamName;
      const view = await loadHomeView(this.deps, { ...target, displayName, teamName });
      await client.views.publish({ user_id: target.userId, view });
    } catch (error) {
      this.deps.logger.warn({ user: target.userId, error: slackErrorText(error) }, 'App Home not published');
    }
  }
}
