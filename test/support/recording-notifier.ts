import type { Clock, Platform } from '../../src/app/ports.ts';
import {
  DeliveryError,
  type Delivery,
  type DeliveryFailure,
  type Destination,
  type Notifier,
} from '../../src/app/reminders/ports.ts';
import type { Reply } from '../../src/app/reply.ts';

/** One call to `deliver`, accepted or refused. */
export interface RecordedDelivery {
  platform: Platform;
  to: Destination;
  kind: Destination['kind'];
  /** dm: the member's external id; channel: the channel id; moderators: the community's external id */
  target: string;
  /** channel posts that replace a refused DM name the member they are for */
  mention: string | undefined;
  title: string;
  /** the reply's plain-text fallback, title included */
  text: string;
  reply: Reply;
  /** the clock's time at delivery, when the notifier was given a clock */
  at: Date | null;
  /** why the notifier refused it; undefined for an accepted delivery */
  refused: DeliveryFailure | undefined;
}

interface Scripted {
  remaining: number;
  reason: DeliveryFailure;
  retryAfterMs: number | undefined;
  platformWide: boolean;
  match: (d: Delivery) => boolean;
}

export interface RecordingNotifierOptions {
  platforms?: readonly Platform[];
  /** stamps each recorded delivery with this clock's time */
  clock?: Clock;
}

/**
 * A scriptable fake Notifier for reminder tests. Every call is recorded; `deliveries` holds the
 * accepted ones, `refusals` the ones it answered with a DeliveryError. Failures are scripted:
 * `closeDms(id)` refuses every DM to that member with `dm-closed` until `openDms(id)`, and
 * `failNext(n, reason)` answers the next n matching deliveries with that reason (scripts are
 * consumed in the order they were added, one per delivery).
 */
export class RecordingNotifier implements Notifier {
  readonly platforms: readonly Platform[];
  readonly deliveries: RecordedDelivery[] = [];
  readonly refusals: RecordedDelivery[] = [];
  private readonly closed = new Set<string>();
  private readonly scripts: Scripted[] = [];
  private readonly clock: Clock | undefined;
  private hook: ((d: Delivery) => Promise<void> | void) | undefined;

  constructor(options: RecordingNotifierOptions = {}) {
    this.platforms = options.platforms ?? ['console'];
    this.clock = options.clock;
  }

  /** Refuses DMs to this member (`dm-closed`), as a platform does when the member blocks DMs. */
  closeDms(memberExternalId: string): this {
    this.closed.add(memberExternalId);
    return this;
  }

  openDms(memberExternalId: string): this {
    this.closed.delete(memberExternalId);
    return this;
  }

  /**
   * Answers the next `count` deliveries (only those `match` accepts, if given) with `reason`;
   * `rate-limited` carries `retryAfterMs`. `Infinity` fails every matching delivery from now on.
   */
  failNext(
    count: number,
    reason: Exclude<DeliveryFailure, 'dm-closed'>,
    options: { retryAfterMs?: number; platformWide?: boolean; match?: (d: Delivery) => boolean } = {},
  ): this {
    this.scripts.push({
      remaining: count,
      reason,
      retryAfterMs: options.retryAfterMs,
      platformWide: options.platformWide ?? false,
      match: options.match ?? (() => true),
    });
    return this;
  }

  /** Runs `fn` at the start of every delivery (to change the world mid-batch); undefined removes it. */
  onDeliver(fn: ((d: Delivery) => Promise<void> | void) | undefined): this {
    this.hook = fn;
    return this;
  }

  /** Drops the scripted failures (closed DMs stay closed). */
  recover(): this {
    this.scripts.length = 0;
    return this;
  }

  async deliver(delivery: Delivery): Promise<void> {
    await this.hook?.(delivery);
    const { to } = delivery;
    const record: RecordedDelivery = {
      platform: delivery.platform,
      to,
      kind: to.kind,
      target: to.kind === 'dm' ? to.memberExternalId : to.kind === 'channel' ? to.channelId : to.communityExternalId,
      mention: to.kind === 'channel' ? to.mentionMemberExternalId : undefined,
      title: delivery.reply.title,
      text: delivery.reply.fallback,
      reply: delivery.reply,
      at: this.clock ? this.clock.now() : null,
      refused: undefined,
    };
    if (to.kind === 'dm' && this.closed.has(to.memberExternalId)) {
      this.refusals.push({ ...record, refused: 'dm-closed' });
      throw new DeliveryError('dm-closed', `${to.memberExternalId} does not accept direct messages`);
    }
    const script = this.scripts.find((s) => s.remaining > 0 && s.match(delivery));
    if (script) {
      script.remaining--;
      this.refusals.push({ ...record, refused: script.reason });
      throw new DeliveryError(
        script.reason,
        `scripted ${script.reason} failure`,
        script.retryAfterMs,
        script.platformWide,
      );
    }
    this.deliveries.push(record);
  }

  /** Accepted DMs, to one member if given. */
  dms(memberExternalId?: string): RecordedDelivery[] {
    return this.deliveries.filter((d) => d.kind === 'dm' && (!memberExternalId || d.target === memberExternalId));
  }

  /** Accepted channel posts (announcements, digests and DM fallbacks). */
  posts(): RecordedDelivery[] {
    return this.deliveries.filter((d) => d.kind === 'channel');
  }

  /** Accepted notes to the moderators. */
  moderatorNotices(): RecordedDelivery[] {
    return this.deliveries.filter((d) => d.kind === 'moderators');
  }

  titles(list: readonly RecordedDelivery[] = this.deliveries): string[] {
    return list.map((d) => d.title);
  }

  /** Forgets what was recorded so far; scripts and closed DMs stay. */
  clear(): this {
    this.deliveries.length = 0;
    this.refusals.length = 0;
    return this;
  }
}
