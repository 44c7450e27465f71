import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError } from '../../app/reminders/ports.ts';

/**
 * Interaction and webhook URLs carry the interaction token in their path; it is a credential for
 * 15 minutes, so it never reaches the logs.
 */
export function redactUrl(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?]+/g, '/$1/$2/[token]');
}

/** The parts of a discord.js or network error that are safe and useful in a log line. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return {
      name: error.name,
      code: error.code,
      status: error.status,
      method: error.method,
      url: redactUrl(error.url),
      message: error.message,
    };
  }
  if (error instanceof HTTPError) {
    return {
      name: error.name,
      status: error.status,
      method: error.method,
      url: redactUrl(error.url),
      message: error.message,
    };
  }
  if (error instanceof RateLimitError) {
    return { name: error.name, route: error.route, retryAfterMs: error.retryAfter, global: error.global };
  }
  if (error instanceof Error)
    return { name: error.name, message: redactUrl(error.message), code: (error as { code?: unknown }).code };
  return { message: String(error) };
}

/**
 * Maps what Discord answered to the sweeper's vocabulary: closed DMs are final and use the
 * fallback, a rate limit waits for Retry-After, server trouble and network failures are retried
 * with back-off, any other refusal is permanent.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    // A global limit (Discord's 50 requests a second per bot, or its 429) holds every send; a
    // route's limit only that route.
    return new DeliveryError(
      'rate-limited',
      `${error.global ? 'global rate limit' : 'rate limited'} on ${error.route}`,
      Math.max(0, error.retryAfter),
      error.global,
    );
  }
  if (error instanceof DiscordAPIError) {
    if (error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
      return new DeliveryError('dm-closed', 'the member does not accept direct messages from this bot');
    }
    if (error.status === 429) return new DeliveryError('rate-limited', 'rate limited');
    if (error.status >= 500) return new DeliveryError('transient', `Discord answered ${error.status}`);
    return new DeliveryError('permanent', `Discord refused (${error.status}, code ${error.code}): ${error.message}`);
  }
  if (error instanceof HTTPError) {
    if (error.status >= 500) return new DeliveryError('transient', `Discord answered ${error.status}`);
    return new DeliveryError('permanent', `Discord refused (${error.status})`);
  }
  const message = error instanceof Error ? redactUrl(error.message) : String(error);
  return new DeliveryError('transient', `could not reach Discord: ${message}`);
}
