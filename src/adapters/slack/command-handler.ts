import type {
  AllMiddlewareArgs,
  RespondFn,
  SlackCommandMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { reportFailure } from '../../app/failure-reply.ts';
import { reply, type Reply } from '../../app/reply.ts';
import { commandLine, isSlashCommand, opensStartForm, type SlashCommand } from './command-text.ts';
import { ackForm, refreshHomeAfter, withFilesSent, type ListenerDeps } from './listener-shared.ts';
import { renderReply, renderResponse } from './render-slack.ts';
import { postToResponseUrl } from './response-url.ts';
import { commandSender, interactionSender, slackActor, type SlackSender } from './slack-actor.ts';
import { isWorkspaceAdmin } from './slack-admin.ts';
import { slackErrorText } from './slack-errors.ts';
import {
  readModalContext,
  readStartSubmission,
  replyFieldError,
  startFormErrors,
  startModalView,
  timeZoneOptions,
} from './start-modal.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const START_LINE = '/preorder start';

const formWouldNotOpen = reply({
  tone: 'error',
  title: 'I could not open the form',
  lines: [
    'Type the campaign in one line instead, e.g. /preorder start title:"My Book" isbn:978-0-306-40615-7 release:2027-03-15',
  ],
});

/**
 * Slack's slash commands, and the start form a bare `/preorder start` opens instead. Each acks
 * first (Slack's 3-second deadline) and then does the work.
 */
export class CommandHandler {
  constructor(private readonly deps: ListenerDeps) {}

  async command({ command, ack, respond, client }: CommandArgs): Promise<void> {
    await ack();
    const name = command.command;
    if (!isSlashCommand(name)) return;
    if (opensStartForm(name, command.text)) {
      // The trigger id expires within 3 seconds: the form opens at once, not after other work.
      await this.deps.track(this.openStartForm(client, command.trigger_id, command, respond));
      return;
    }
    const sender = commandSender(command);
    await this.deps.track(this.deps.work.run(() => this.answer(client, name, command.text, sender, respond)));
  }

  /** The start form's time zone type-ahead: Slack asks as the member types. */
  async timeZoneOptions({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'>): Promise<void> {
    await ack(timeZoneOptions(body.value ?? ''));
  }

  /** The start form: its answers go through the same schema and service as typed arguments. */
  async startFormSubmission({ ack, body, view, client }: ViewArgs): Promise<void> {
    const raw = readStartSubmission(view.state.values);
    const formErrors = startFormErrors(raw);
    if (formErrors) {
      await ack({ response_action: 'errors', errors: formErrors });
      return;
    }
    const sender = interactionSender(body);
    const actor = slackActor(sender, { workspaces: this.deps.workspaces });
    const work = this.deps.track(
      this.deps.dispatcher
        .dispatch(actor, { group: 'preorder', name: 'start', args: raw })
        .catch((error: unknown) => reportFailure(this.deps.logger, 'start form failed', { err: error })),
    );
    // A fast answer can still put an error under its field; a slow one closes the form and follows.
    if (!(await ackForm(ack, work, this.deps.formBudgetMs, replyFieldError))) return;
    const responseUrl = readModalContext(view.private_metadata).responseUrl;
    await this.deps.track(work.then((answer) => this.postPlan(client, sender, answer, responseUrl)));
  }

  private async answer(
    client: webApi.WebClient,
    name: SlashCommand,
    text: string,
    sender: SlackSender,
    respond: RespondFn,
  ): Promise<void> {
    try {
      const line = commandLine(name, text);
      // Checked with Slack on every admin call; member commands skip the round trip.
      const platformAdmin =
        name === '/preorder-admin' ? await isWorkspaceAdmin(client, sender.userId, this.deps.logger) : false;
      const actor = slackActor(sender, { workspaces: this.deps.workspaces, platformAdmin });
      const answer = await this.deps.dispatcher.dispatchText(actor, line);
      await respond(renderResponse(await withFilesSent(this.deps, client, sender.userId, answer)));
      refreshHomeAfter(this.deps, client, sender, line, answer);
    } catch (error) {
      const sorry = reportFailure(this.deps.logger, 'slash command failed after the ack', {
        err: error,
        command: name,
      });
      await respond(renderResponse(sorry)).catch(() => {});
    }
  }

  private async openStartForm(
    client: webApi.WebClient,
    triggerId: string,
    where: { channel_id: string; response_url: string },
    respond: RespondFn,
  ): Promise<void> {
    try {
      const view = startModalView({ channelId: where.channel_id, responseUrl: where.response_url });
      await client.views.open({ trigger_id: triggerId, view });
    } catch (error) {
      this.deps.logger.warn({ error: slackErrorText(error) }, 'views.open failed');
      await respond(renderResponse(formWouldNotOpen));
    }
  }

  /** The plan goes where `/preorder start` was typed, or by DM when that cannot be reached. */
  private async postPlan(
    client: webApi.WebClient,
    sender: SlackSender,
    answer: Reply,
    responseUrl: string | undefined,
  ): Promise<void> {
    try {
      if (responseUrl) await postToResponseUrl(responseUrl, renderResponse(answer));
      else await client.chat.postMessage({ channel: sender.userId, ...renderReply(answer) });
    } catch (error) {
      this.deps.logger.warn({ error: (error as Error).message }, 'could not post the plan after the start form');
      await client.chat.postMessage({ channel: sender.userId, ...renderReply(answer) }).catch(() => {});
    }
    refreshHomeAfter(this.deps, client, sender, START_LINE, answer);
  }
}
