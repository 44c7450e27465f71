import { SlidingWindow } from './sliding-window.ts';

/**
 * `chat.postMessage` limits as Slack documents them: about one message a second per channel, and
 * a workspace-wide limit of "several hundred messages per minute" (300 here, the low end).
 */
export interface PostMessageLimits {
  perChannelPerSecond: number;
  perWorkspacePerMinute: number;
}

export const SLACK_POST_MESSAGE_LIMITS: PostMessageLimits = { perChannelPerSecond: 1, perWorkspacePerMinute: 300 };

export class PostMessageLimiter {
  private readonly channels = new Map<string, SlidingWindow>();
  private readonly teams = new Map<string, SlidingWindow>();

  constructor(private readonly limits: PostMessageLimits) {}

  /** How long a message to `channel` of `team` must wait at `now`; 0 when it is served (and counted). */
  waitMs(channel: string, team: string, now: number): number {
    const windows = [
      windowOf(this.channels, channel, () => new SlidingWindow(this.limits.perChannelPerSecond, 1000)),
      windowOf(this.teams, team, () => new SlidingWindow(this.limits.perWorkspacePerMinute, 60_000)),
    ];
    const wait = Math.max(...windows.map((w) => w.waitMs(now)));
    if (wait === 0) for (const w of windows) w.add(now);
    return wait;
  }
}

function windowOf(map: Map<string, SlidingWindow>, key: string, make: () => SlidingWindow): SlidingWindow {
  const found = map.get(key) ?? make();
  map.set(key, found);
  return found;
}
