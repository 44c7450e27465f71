import type { SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Dispatcher } from '../../app/dispatch.ts';
import type { Reply } from '../../app/reply.ts';
import type { Logger } from '../../infra/logger.ts';
import { withinBudget } from '../within-budget.ts';
import type { WorkLimiter } from '../work-limiter.ts';
import { changesCampaigns } from './command-text.ts';
import type { HomePublisher } from './home-publisher.ts';
import type { SlackSender } from './slack-actor.ts';
import { slackErrorText } from './slack-errors.ts';
import { sendFilesToMember } from './slack-files.ts';
import type { WorkspaceDirectory } from './workspaces.ts';

/** What Slack's listeners share (see listeners.ts). */
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

/** After an answer that changed the sender's campaigns, their App Home is published again. */
export function refreshHomeAfter(
  deps: ListenerDeps,
  client: webApi.WebClient,
  sender: SlackSender,
  command: string,
  answer: Reply,
): void {
  if (!sender.teamId || answer.tone === 'error' || !changesCampaigns(command)) return;
  const target = { teamId: sender.teamId, userId: sender.userId, displayName: sender.displayName };
  deps
    .track(deps.home.publish(client, target))
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not refresh App Home'));
}

/** The answer to show in place, its files sent to the member's DM first (answers in place cannot carry files). */
export function withFilesSent(
  deps: ListenerDeps,
  client: webApi.WebClient,
  userId: string,
  answer: Reply,
): Promise<Reply> {
  return sendFilesToMember(client, userId, answer, {
    log: (error) => deps.logger.warn({ error: slackErrorText(error) }, 'could not upload a reply file'),
  });
}

/**
 * Acks a form submission once its answer is in or the budget is spent. A quick refusal about one
 * of the form's fields stays in the form, under that field (false); otherwise the form closes and
 * the answer follows (true).
 */
export async function ackForm(
  ack: SlackViewMiddlewareArgs<ViewSubmitAction>['ack'],
  work: Promise<Reply>,
  budgetMs: number,
  fieldErrors: (answer: Reply) => Record<string, string> | null,
): Promise<boolean> {
  const early = await withinBudget(work, budgetMs);
  const errors = early ? fieldErrors(early) : null;
  if (errors) {
    await ack({ response_action: 'errors', errors });
    return false;
  }
  await ack();
  return true;
}
