import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackErrorCode, slackErrorText, toDeliveryError } from '../../../../src/adapters/slack/slack-errors.ts';

const platform = (error: string) => ({ code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe('Slack errors → delivery failures', () => {
  it.each(['cannot_dm_bot', 'user_not_found', 'account_inactive', 'user_disabled'])('%s closes DMs', (code) => {
    expect(toDeliveryError(platform(code), 'dm').reason).toBe('dm-closed');
    // In a channel post the same word is not about the member's DMs.
    expect(toDeliveryError(platform(code), 'channel').reason).toBe('permanent');
  });

  it('rate limits carry Retry-After in milliseconds', () => {
    const limited = toDeliveryError({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 }, 'dm');
    expect([limited.reason, limited.retryAfterMs, limited.platformWide]).toEqual(['rate-limited', 30_000, true]);
    const body = toDeliveryError(
      { code: webApi.ErrorCode.PlatformError, data: { error: 'ratelimited', response_metadata: { retryAfter: 5 } } },
      'channel',
    );
    expect([body.reason, body.retryAfterMs, body.platformWide]).toEqual(['rate-limited', 5_000, true]);
  });

  it('network errors and 5xx are transient; other errors are permanent', () => {
    expect(toDeliveryError({ code: webApi.ErrorCode.RequestError, message: 'ECONNRESET' }, 'dm').reason).toBe(
      'transient',
    );
    expect(toDeliveryError({ code: webApi.ErrorCode.HTTPError, statusCode: 502 }, 'dm').reason).toBe('transient');
    expect(toDeliveryError({ code: webApi.ErrorCode.HTTPError, statusCode: 404 }, 'dm').reason).toBe('permanent');
    expect(toDeliveryError(platform('internal_error'), 'dm').reason).toBe('transient');
    expect(toDeliveryError(platform('not_allowed_token_type'), 'dm').reason).toBe('permanent');
    expect(toDeliveryError(platform('not_in_channel'), 'channel').reason).toBe('permanent');
    expect(toDeliveryError(new Error('boom'), 'dm').reason).toBe('transient');
  });
});

describe('slackErrorCode', () => {
  it('reads the code Slack answered with, and nothing from errors Slack never answered', () => {
    expect(slackErrorCode(platform('expired_trigger_id'))).toBe('expired_trigger_id');
    expect(slackErrorCode(new Error('socket hang up'))).toBeUndefined();
    expect(slackErrorCode({ data: { error: 42 } })).toBeUndefined();
    expect(slackErrorCode(undefined)).toBeUndefined();
    expect(slackErrorCode(null)).toBeUndefined();
  });

  it('gives log lines the code, else the message', () => {
    expect(slackErrorText(Object.assign(new Error('An API error occurred'), platform('not_in_channel')))).toBe(
      'not_in_channel',
    );
    expect(slackErrorText(new Error('socket hang up'))).toBe('socket hang up');
    expect(slackErrorText('plain words')).toBe('plain words');
  });
});
