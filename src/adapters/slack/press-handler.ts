import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { reportFailure } from '../../app/failure-reply.ts';
import { reply, type Reply } from '../../app/reply.ts';
import { formCommand } from '../form-command.ts';
import {
  actionFormView,
  formFieldErrors,
  readActionFormContext,
  readFormButtonValue,
  readFormValues,
} from './action-form.ts';
import { ackForm, refreshHomeAfter, withFilesSent, type ListenerDeps } from './listener-shared.ts';
import { renderReply, renderResponse } from './render-slack.ts';
import { postToResponseUrl } from './response-url.ts';
import { interactionSender, slackPresser, type SlackSender } from './slack-actor.ts';
import { isWorkspaceAdmin } from './slack-admin.ts';
import { slackErrorText } from './slack-errors.ts';
import type { ViewValues } from './start-modal.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Where a press is answered: in place on a message, on a response_url, or else by DM (App Home). */
interface AnswerPlace {
  respond?: RespondFn | undefined;
  responseUrl?: string | undefined;
}

const MODERATOR_COMMAND = /^\s*\/preorder-admin\b/i;

/**
 * Buttons on replies, reminders and App Home, the forms some of them open, and those forms'
 * submissions. A button's command comes back from Slack, so it is untrusted: each runs through
 * dispatchAction, which checks it like any press.
 */
export class PressHandler {
  constructor(private readonly deps: ListenerDeps) {}

  async button({ ack, body, action, respond, client }: ButtonArgs): Promise<void> {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const command = action.value;
    const sender = interactionSender(body);
    await this.deps.track(
      this.deps.work.run(async () => {
        const answer = await this.press(client, sender, command);
        // Buttons on messages answer in place (ephemeral); App Home buttons answer by DM.
        await this.answer(client, sender, answer, { respond: body.response_url ? respond : undefined });
        refreshHomeAfter(this.deps, client, sender, command, answer);
      }),
    );
  }

  /** A button with a form opens it at once: the trigger id expires within 3 seconds. */
  async formButton({ ack, body, action, respond, client }: ButtonArgs): Promise<void> {
    await ack();
    if (action.type !== 'button') return;
    const parsed = readFormButtonValue(action.value);
    const responseUrl = body.response_url;
    const view =
      parsed && actionFormView(parsed.form, { command: parsed.command, ...(responseUrl ? { responseUrl } : {}) });
    const cannotOpen = async () => {
      if (!responseUrl) return;
      const hint = parsed
        ? `Type the command instead: ${parsed.command} followed by the values.`
        : 'Try /preorder help.';
      await respond(renderResponse(reply({ tone: 'error', title: 'I could not open the form', lines: [hint] }))).catch(
        () => {},
      );
    };
    if (!view) return cannotOpen();
    await this.deps.track(
      client.views.open({ trigger_id: body.trigger_id, view }).then(
        () => undefined,
        async (error: unknown) => {
          this.deps.logger.warn({ error: slackErrorText(error) }, 'views.open failed');
          await cannotOpen();
        },
      ),
    );
  }

  /** A submitted form: the button's command plus each field typed, run as a press. */
  async formSubmission({ ack, body, view, client }: ViewArgs): Promise<void> {
    const context = readActionFormContext(view.private_metadata);
    if (!context) {
      await ack();
      return;
    }
    const values = view.state.values as ViewValues;
    const command = formCommand(context.command, readFormValues(values));
    const sender = interactionSender(body);
    const work = this.deps.track(this.press(client, sender, command));
    // As with the start form: a quick refusal about one of the fields stays in the form, under it.
    const fieldNames = Object.keys(values);
    if (!(await ackForm(ack, work, this.deps.formBudgetMs, (answer) => formFieldErrors(answer, fieldNames)))) return;
    await this.deps.track(
      work.then(async (answer) => {
        await this.answer(client, sender, answer, { responseUrl: context.responseUrl });
        refreshHomeAfter(this.deps, client, sender, command, answer);
      }),
    );
  }

  /**
   * Runs a press through dispatchAction. Who pressed is filled in as for a slash command: Slack is
   * asked whether they are a workspace admin on every moderator press (never cached); member
   * presses skip the round trip.
   */
  private async press(client: webApi.WebClient, sender: SlackSender, command: string): Promise<Reply> {
    try {
      const platformAdmin = MODERATOR_COMMAND.test(command)
        ? await isWorkspaceAdmin(client, sender.userId, this.deps.logger)
        : false;
      const presser = slackPresser(sender, { workspaces: this.deps.workspaces, platformAdmin });
      return await this.deps.dispatcher.dispatchAction(presser, command);
    } catch (error) {
      return reportFailure(this.deps.logger, 'button press failed', { err: error });
    }
  }

  private async answer(
    client: webApi.WebClient,
    sender: SlackSender,
    answer: Reply,
    where: AnswerPlace,
  ): Promise<void> {
    const shown = await withFilesSent(this.deps, client, sender.userId, answer);
    try {
      if (where.respond) await where.respond(renderResponse(shown));
      else if (where.responseUrl) await postToResponseUrl(where.responseUrl, renderResponse(shown));
      else await client.chat.postMessage({ channel: sender.userId, ...renderReply(shown) });
    } catch (error) {
      this.deps.logger.warn({ error: (error as Error).message }, 'could not answer a button press');
    }
  }
}
