import { webApi } from '@slack/bolt';
import { DeliveryError, type Destination } from '../../app/reminders/ports.ts';

/** Errors that mean this member cannot get a DM from us: close their DMs, use the fallback, no retry. */
const DM_CLOSED = new Set([
  'cannot_dm_bot',
  'user_not_found',
  'users_not_found',
  'user_not_visible',
  'account_inactive',
  'user_disabled',
]);

/** Slack-side hiccups worth another try later. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface SlackErrorShape {
  code?: string;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

/** The error code Slack answered with (`not_in_channel`, `expired_trigger_id`…); undefined when it never answered. */
export function slackErrorCode(error: unknown): string | undefined {
  const code = (error as SlackErrorShape | null | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}

/** For a log line: Slack's error code when it answered with one, else what went wrong. */
export function slackErrorText(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Maps what the Web API client threw to the sweeper's vocabulary. The notifier's client neither
 * retries nor waits out rate limits itself (`retries: 0`, `rejectRateLimitedCalls`), so the
 * sweeper's back-off and Retry-After handling decide when to try again.
 */
export function toDeliveryError(error: unknown, kind: Destination['kind']): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as SlackErrorShape;
  switch (e.code) {
    // Slack's limits are per app and workspace, and its answer does not say which one was hit:
    // every send there waits (see PlatformPauses).
    case webApi.ErrorCode.RateLimitedError:
      return new DeliveryError('rate-limited', 'Slack rate limit', seconds(e.retryAfter), true);
    case webApi.ErrorCode.PlatformError: {
      const code = slackErrorCode(e) ?? 'unknown_error';
      if (code === 'ratelimited' || code === 'rate_limited')
        return new DeliveryError('rate-limited', code, seconds(e.data?.response_metadata?.retryAfter), true);
      if (kind === 'dm' && DM_CLOSED.has(code)) return new DeliveryError('dm-closed', code);
      if (TRANSIENT.has(code)) return new DeliveryError('transient', code);
      return new DeliveryError('permanent', code);
    }
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      if (status === 429) return new DeliveryError('rate-limited', 'HTTP 429', undefined, true);
      const reason = status >= 500 || status === 408 ? 'transient' : 'permanent';
      return new DeliveryError(reason, `HTTP ${status}`);
    }
    case webApi.ErrorCode.RequestError:
      return new DeliveryError('transient', `network: ${e.message ?? 'request failed'}`);
    default:
      return new DeliveryError('transient', e.message ?? String(error));
  }
}

const seconds = (value: number | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
