import { describe, expect, it } from 'vitest';
import { DISCORD_GLOBAL_LIMIT, GlobalLimit } from '../../support/fake-discord-limits.ts';
import { PostMessageLimiter, SLACK_POST_MESSAGE_LIMITS } from '../../support/fake-slack-limits.ts';

describe('the limits the fake platforms enforce (what the rate-limit tests and benchmark measure against)', () => {
  it("Discord: 50 requests in any second, then the global 429 with Retry-After; interaction replies don't count", () => {
    const limit = new GlobalLimit();
    for (let i = 0; i < DISCORD_GLOBAL_LIMIT; i++) expect(limit.refusal('/channels/1/messages', i * 10)).toBeNull();
    expect(limit.refusal('/interactions/1/token/callback', 600)).toBeNull();
    const refused = limit.refusal('/users/@me/channels', 600);
    expect(refused).toEqual({
      body: { message: 'You are being rate limited.', retry_after: 0.4, global: true, code: 0 },
      headers: { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    });
    // A sliding second: the first request leaves the window at 1000 ms, and one more fits.
    expect(limit.refusal('/channels/1/messages', 999)).not.toBeNull();
    expect(limit.refusal('/channels/1/messages', 1000)).toBeNull();
    expect(limit.refusal('/channels/1/messages', 1001)).not.toBeNull();
  });

  it('Slack chat.postMessage: one a second per channel, 300 a minute per workspace', () => {
    const limiter = new PostMessageLimiter(SLACK_POST_MESSAGE_LIMITS);
    expect(limiter.waitMs('D1', 'T1', 0)).toBe(0);
    expect(limiter.waitMs('D1', 'T1', 400)).toBe(600);
    expect(limiter.waitMs('D1', 'T1', 1000)).toBe(0);
    for (let i = 2; i < 300; i++) expect(limiter.waitMs(`D${i}`, 'T1', 1000)).toBe(0);
    expect(limiter.waitMs('D999', 'T1', 2000)).toBe(58_000);
    // Another workspace has its own minute.
    expect(limiter.waitMs('D999', 'T2', 2000)).toBe(0);
    expect(limiter.waitMs('D999', 'T1', 60_000)).toBe(0);
  });
});
