import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  CodedError,
  SlackEventMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { ACTION_FORM_ID } from './action-form.ts';
import { CommandHandler } from './command-handler.ts';
import type { ListenerDeps } from './listener-shared.ts';
import { PressHandler } from './press-handler.ts';
import { ACTION_PREFIX, FORM_ACTION_PREFIX } from './render-slack.ts';
import { START_MODAL_ID, TIMEZONE_ACTION } from './start-modal.ts';

export type { ListenerDeps } from './listener-shared.ts';

/**
 * Every Slack entry point, each to its named handler: slash commands and the start form
 * (CommandHandler), buttons and the forms they open (PressHandler), App Home visits and the app
 * being removed from a workspace (below). Each acks first (Slack's 3-second deadline) and then
 * does the work.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const commands = new CommandHandler(deps);
  const presses = new PressHandler(deps);
  const workspace = new WorkspaceEvents(deps);

  app.command(/^\/preorder(-admin)?$/, (args) => commands.command(args));
  app.view<ViewSubmitAction>(START_MODAL_ID, (args) => commands.startFormSubmission(args));
  app.options(TIMEZONE_ACTION, (args) => commands.timeZoneOptions(args));

  const buttons = (prefix: string) => ({ type: 'block_actions' as const, action_id: new RegExp(`^${prefix}`) });
  app.action<BlockAction<ButtonAction>>(buttons(ACTION_PREFIX), (args) => presses.button(args));
  app.action<BlockAction<ButtonAction>>(buttons(FORM_ACTION_PREFIX), (args) => presses.formButton(args));
  app.view<ViewSubmitAction>(ACTION_FORM_ID, (args) => presses.formSubmission(args));

  app.event('app_home_opened', (args) => workspace.homeOpened(args));
  app.event('app_uninstalled', (args) => workspace.appUninstalled(args));
  app.event('tokens_revoked', (args) => workspace.tokensRevoked(args));
  app.error((error: CodedError) => workspace.listenerError(error));
}

type EventArgs<Type extends string> = SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs;

/** Events about a member's App Home or the whole workspace, rather than requests to answer. */
class WorkspaceEvents {
  constructor(private readonly deps: ListenerDeps) {}

  async homeOpened({ event, body, client }: EventArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home' || !body.team_id) return;
    await this.deps.track(this.deps.home.publish(client, { teamId: body.team_id, userId: event.user }));
  }

  // Slack tells every install of the app when it is removed (Bolt skips authorize for these two):
  // the workspace's installation is forgotten, so its requests and reminders stop being served.
  async appUninstalled({ body }: EventArgs<'app_uninstalled'>): Promise<void> {
    if (body.team_id) await this.deps.track(this.forget(body.team_id, 'app_uninstalled'));
  }

  async tokensRevoked({ event, body }: EventArgs<'tokens_revoked'>): Promise<void> {
    // Only bot tokens matter: the app holds no user tokens.
    if (body.team_id && (event.tokens.bot ?? []).length > 0) {
      await this.deps.track(this.forget(body.team_id, 'tokens_revoked'));
    }
  }

  listenerError(error: CodedError): Promise<void> {
    this.deps.logger.error({ err: { message: error.message, code: error.code } }, 'Slack listener error');
    return Promise.resolve();
  }

  private async forget(teamId: string, reason: string): Promise<void> {
    try {
      const removed = await this.deps.workspaces.uninstall(teamId, reason);
      this.deps.logger.info({ team: teamId, reason, removed }, 'Slack app removed from a workspace');
    } catch (error) {
      this.deps.logger.error({ err: error, team: teamId, reason }, 'could not forget a Slack installation');
    }
  }
}
