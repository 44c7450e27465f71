import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Dispatcher } from '../../app/dispatch.ts';
import { reportFailure } from '../../app/failure-reply.ts';
import type { Actor } from '../../app/ports.ts';
import { reply, type Reply } from '../../app/reply.ts';
import type { Logger } from '../../infra/logger.ts';
import { formCommand } from '../form-command.ts';
import {
  ACTION_FORM_ID,
  actionFormView,
  formFieldErrors,
  readActionFormContext,
  readFormButtonValue,
  readFormValues,
} from './action-form.ts';
import { changesCampaigns, commandLine, isSlashCommand, opensStartForm } from './command-text.ts';
import type { HomePublisher } from './home-publisher.ts';
import { ACTION_PREFIX, FORM_ACTION_PREFIX, renderReply, renderResponse } from './render-slack.ts';
import { postToResponseUrl } from './response-url.ts';
import { isWorkspaceAdmin } from './slack-admin.ts';
import { sendFilesToMember } from './slack-files.ts';
import {
  readModalContext,
  readStartSubmission,
  replyFieldError,
  START_MODAL_ID,
  startFormErrors,
  startModalView,
  TIMEZONE_ACTION,
  timeZoneOptions,
  type ViewValues,
} from './start-modal.ts';
import type { WorkspaceDirectory } from './workspaces.ts';
import { withinBudget } from '../within-budget.ts';
import type { WorkLimiter } from '../work-limiter.ts';

export interface ListenerDeps {
  dispatcher: Dispatcher;
  home: HomePublisher;
  workspaces: WorkspaceDirectory;
  logger: Logger;
  /** Runs work that continues after the ack, so stop() can let it finish. */
  track: <T>(work: Promise<T>) => Promise<T>;
  /** Work after an ack runs in one of its slots (see work-limiter.ts). */
  work: WorkLimiter;
  /** How long a form submission may wait for the service before the form is closed anyway. */
  formBudgetMs: number;
}

/**
 * Every Slack entry point: slash commands, buttons, the forms buttons open, the start form, its
 * time zone type-ahead, App Home visits and the app being removed from a workspace. Each acks
 * first (Slack's 3-second deadline) and then does the work.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { dispatcher, home, logger, workspaces } = deps;
  const teamName = (teamId: string, fallback?: string) => workspaces.get(teamId)?.teamName ?? fallback;
  const refreshHome = (client: webApi.WebClient, teamId: string, userId: string, displayName: string) =>
    void deps.track(home.publish(client, { teamId, userId, displayName }));
  const logUploadFailure = (error: unknown) =>
    logger.warn(
      { error: (error as { data?: { error?: string } }).data?.error ?? (error as Error).message },
      'could not upload a reply file',
    );

  /**
   * A button press or a form submission, checked by dispatchAction. Who pressed is filled in as
   * for the slash command: Slack is asked whether they are a workspace admin on every moderator
   * press (never cached); member presses skip the round trip.
   */
  async function pressAction(
    client: webApi.WebClient,
    user: { id: string; name: string },
    teamId: string | undefined,
    domain: string | undefined,
    command: string,
  ): Promise<Reply> {
    const communityName = teamId ? teamName(teamId, domain) : undefined;
    try {
      const admin = /^\s*\/preorder-admin\b/i.test(command);
      return await dispatcher.dispatchAction(
        {
          platform: 'slack',
          userExternalId: user.id,
          displayName: user.name,
          platformAdmin: admin ? await isWorkspaceAdmin(client, user.id, logger) : false,
          roleIds: [],
          ...(teamId
            ? { community: { communityExternalId: teamId, ...(communityName ? { communityName } : {}) } }
            : {}),
        },
        command,
      );
    } catch (error) {
      return reportFailure(logger, 'button press failed', { err: error });
    }
  }

  /** Answers a press where it happened (the message's response_url), or by DM (App Home, no URL). */
  async function answerPress(
    client: webApi.WebClient,
    userId: string,
    answer: Reply,
    where: { respond?: RespondFn | undefined; responseUrl?: string | undefined },
  ): Promise<void> {
    const shown = await sendFilesToMember(client, userId, answer, { log: logUploadFailure });
    try {
      if (where.respond) await where.respond(renderResponse(shown));
      else if (where.responseUrl) await postToResponseUrl(where.responseUrl, renderResponse(shown));
      else await client.chat.postMessage({ channel: userId, ...renderReply(shown) });
    } catch (error) {
      logger.warn({ error: (error as Error).message }, 'could not answer a button press');
    }
  }

  app.command(/^\/preorder(-admin)?$/, async ({ command, ack, respond, client }) => {
    await ack();
    const name = command.command;
    if (!isSlashCommand(name)) return;
    if (opensStartForm(name, command.text)) {
      // The trigger id expires within 3 seconds: the form opens at once, not through the queue.
      await deps.track(openStartForm(client, command.trigger_id, command.channel_id, command.response_url, respond));
      return;
    }
    await deps.track(
      deps.work.run(async () => {
        try {
          const line = commandLine(name, command.text);
          const communityName = teamName(command.team_id, command.team_domain);
          const actor: Actor = {
            platform: 'slack',
            communityExternalId: command.team_id,
            ...(communityName ? { communityName } : {}),
            userExternalId: command.user_id,
            displayName: command.user_name,
            // Checked with Slack on every admin call; member commands skip the round trip.
            platformAdmin: name === '/preorder-admin' ? await isWorkspaceAdmin(client, command.user_id, logger) : false,
            roleIds: [],
          };
          const answer = await dispatcher.dispatchText(actor, line);
          await respond(
            renderResponse(await sendFilesToMember(client, command.user_id, answer, { log: logUploadFailure })),
          );
          if (answer.tone !== 'error' && changesCampaigns(line)) {
            refreshHome(client, command.team_id, command.user_id, command.user_name);
          }
        } catch (error) {
          const sorry = reportFailure(logger, 'slash command failed after the ack', { err: error, command: name });
          await respond(renderResponse(sorry)).catch(() => {});
        }
      }),
    );
  });

  async function openStartForm(
    client: webApi.WebClient,
    triggerId: string,
    channelId: string,
    responseUrl: string,
    respond: RespondFn,
  ): Promise<void> {
    try {
      await client.views.open({ trigger_id: triggerId, view: startModalView({ channelId, responseUrl }) });
    } catch (error) {
      logger.warn(
        { error: (error as { data?: { error?: string } }).data?.error ?? (error as Error).message },
        'views.open failed',
      );
      await respond(
        renderResponse(
          reply({
            tone: 'error',
            title: 'I could not open the form',
            lines: [
              'Type the campaign in one line instead, e.g. /preorder start title:"My Book" isbn:978-0-306-40615-7 release:2027-03-15',
            ],
          }),
        ),
      );
    }
  }

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      if (action.type !== 'button' || !action.value) return;
      const value = action.value;
      await deps.track(
        deps.work.run(async () => {
          const displayName = body.user.username ?? body.user.name ?? body.user.id;
          const teamId = body.team?.id ?? body.user.team_id;
          const answer = await pressAction(
            client,
            { id: body.user.id, name: displayName },
            teamId,
            body.team?.domain,
            value,
          );
          // Buttons on messages answer in place (ephemeral); App Home buttons answer by DM.
          await answerPress(client, body.user.id, answer, { respond: body.response_url ? respond : undefined });
          if (teamId && answer.tone !== 'error' && changesCampaigns(value)) {
            refreshHome(client, teamId, body.user.id, displayName);
          }
        }),
      );
    },
  );

  // A button with a form opens it at once: the trigger id expires within 3 seconds.
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^${FORM_ACTION_PREFIX}`) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      if (action.type !== 'button') return;
      const parsed = readFormButtonValue(action.value);
      const view =
        parsed &&
        actionFormView(parsed.form, {
          command: parsed.command,
          ...(body.response_url ? { responseUrl: body.response_url } : {}),
        });
      const cannotOpen = reply({
        tone: 'error',
        title: 'I could not open the form',
        lines: [parsed ? `Type the command instead: ${parsed.command} followed by the values.` : 'Try /preorder help.'],
      });
      if (!view) {
        if (body.response_url) await respond(renderResponse(cannotOpen)).catch(() => {});
        return;
      }
      await deps.track(
        client.views.open({ trigger_id: body.trigger_id, view }).then(
          () => undefined,
          async (error: unknown) => {
            logger.warn({ error: (error as { data?: { error?: string } }).data?.error }, 'views.open failed');
            if (body.response_url) await respond(renderResponse(cannotOpen)).catch(() => {});
          },
        ),
      );
    },
  );

  app.view(ACTION_FORM_ID, async ({ ack, body, view, client }) => {
    const context = readActionFormContext(view.private_metadata);
    if (!context) {
      await ack();
      return;
    }
    const values = view.state.values as ViewValues;
    const command = formCommand(context.command, readFormValues(values));
    const teamId = body.team?.id ?? body.user.team_id;
    const user = { id: body.user.id, name: body.user.name };
    const work = deps.track(pressAction(client, user, teamId, body.team?.domain, command));
    // As with the start form: a quick refusal about one of the fields stays in the form, under it.
    const early = await withinBudget(work, deps.formBudgetMs);
    const errors = early ? formFieldErrors(early, Object.keys(values)) : null;
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await deps.track(
      (async () => {
        const answer = early ?? (await work);
        await answerPress(client, body.user.id, answer, { responseUrl: context.responseUrl });
        if (teamId && answer.tone !== 'error' && changesCampaigns(command)) {
          refreshHome(client, teamId, body.user.id, body.user.name);
        }
      })(),
    );
  });

  app.options(TIMEZONE_ACTION, async ({ ack, body }) => {
    await ack(timeZoneOptions((body as { value?: string }).value ?? ''));
  });

  app.view(START_MODAL_ID, async ({ ack, body, view, client }) => {
    const raw = readStartSubmission(view.state.values as ViewValues);
    const formErrors = startFormErrors(raw);
    if (formErrors) {
      await ack({ response_action: 'errors', errors: formErrors });
      return;
    }
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const communityName = teamName(teamId, body.team?.domain);
    const actor: Actor = {
      platform: 'slack',
      communityExternalId: teamId,
      ...(communityName ? { communityName } : {}),
      userExternalId: body.user.id,
      displayName: body.user.name,
      platformAdmin: false,
      roleIds: [],
    };
    const work = deps.track(
      dispatcher
        .dispatch(actor, { group: 'preorder', name: 'start', args: raw })
        .catch((error: unknown) => reportFailure(logger, 'start form failed', { err: error })),
    );
    // A fast answer can still put an error under its field; a slow one closes the form and follows.
    const early = await withinBudget(work, deps.formBudgetMs);
    const fieldError = early ? replyFieldError(early) : null;
    if (fieldError) {
      await ack({ response_action: 'errors', errors: fieldError });
      return;
    }
    await ack();
    await deps.track(
      (async () => {
        const answer = early ?? (await work);
        const context = readModalContext(view.private_metadata);
        try {
          if (context.responseUrl) await postToResponseUrl(context.responseUrl, renderResponse(answer));
          else await client.chat.postMessage({ channel: body.user.id, ...renderReply(answer) });
        } catch (error) {
          logger.warn({ error: (error as Error).message }, 'could not post the plan after the start form');
          await client.chat.postMessage({ channel: body.user.id, ...renderReply(answer) }).catch(() => {});
        }
        if (answer.tone !== 'error') refreshHome(client, teamId, body.user.id, body.user.name);
      })(),
    );
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id;
    if (!teamId) return;
    await deps.track(home.publish(client, { teamId, userId: event.user }));
  });

  // Slack tells every install of the app when it is removed (Bolt skips authorize for these two):
  // the workspace's installation is forgotten, so its requests and reminders stop being served.
  const forget = async (teamId: string, reason: string) => {
    try {
      const removed = await workspaces.uninstall(teamId, reason);
      logger.info({ team: teamId, reason, removed }, 'Slack app removed from a workspace');
    } catch (error) {
      logger.error({ err: error, team: teamId, reason }, 'could not forget a Slack installation');
    }
  };

  app.event('app_uninstalled', async ({ body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    if (teamId) await deps.track(forget(teamId, 'app_uninstalled'));
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    // Only bot tokens matter: the app holds no user tokens.
    if (teamId && (event.tokens.bot ?? []).length > 0) await deps.track(forget(teamId, 'tokens_revoked'));
  });

  app.error(async (error) => {
    logger.error({ err: { message: error.message, code: (error as { code?: string }).code } }, 'Slack listener error');
  });
}
