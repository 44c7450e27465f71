import type { SlackMessage } from './render-slack.ts';

/**
 * Posts to a `response_url` Slack gave us (a slash command's, carried through the start form),
 * valid for 30 minutes and five uses. Used when there is no Bolt `respond` at hand.
 */
export async function postToResponseUrl(
  url: string,
  message: SlackMessage & { response_type: 'ephemeral' | 'in_channel' },
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
}
