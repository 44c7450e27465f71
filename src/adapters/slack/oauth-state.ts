import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { TicketStateStore } from '../../app/ports.ts';

/**
 * The OAuth `state` as a single-use ticket. Bolt's default state is a signed token that stays
 * valid for ten minutes however often it is shown, so a state and its cookie could be replayed and
 * a second grant would replace the stored token. Here each state is a random id, signed with
 * SLACK_STATE_SECRET (a forged one is refused without a lookup) and kept in the database until it
 * is used: taking it deletes it in the same statement, so exactly one redirect can use it, in
 * whichever process it lands.
 */
const PREFIX = 'slack:oauth-state:';
const LIFETIME_MS = 10 * 60_000;

/** The install pages read this code (install-pages.ts): "start again from the install link". */
class InvalidOAuthState extends Error {
  readonly code = 'slack_oauth_invalid_state';
}

interface Ticket {
  installOptions: InstallURLOptions;
  issuedAt: string;
}

export class SingleUseStateStore implements StateStore {
  constructor(
    private readonly store: Pick<TicketStateStore, 'set' | 'take' | 'removeOlder'>,
    private readonly secret: string,
  ) {}

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    // Tickets never used (the visitor went away) go once they could no longer be.
    await this.store.removeOlder(PREFIX, new Date(now.getTime() - LIFETIME_MS));
    const id = randomBytes(24).toString('base64url');
    const ticket: Ticket = { installOptions, issuedAt: now.toISOString() };
    await this.store.set(PREFIX + id, JSON.stringify(ticket), now);
    return `${id}.${this.sign(id)}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [id, mac, ...rest] = state.split('.');
    if (!id || !mac || rest.length > 0 || !sameText(mac, this.sign(id))) {
      throw new InvalidOAuthState('the state was not issued by this app');
    }
    const stored = await this.store.take(PREFIX + id);
    if (!stored) throw new InvalidOAuthState('the state was already used, or has expired');
    const ticket = JSON.parse(stored) as Ticket;
    if (now.getTime() - Date.parse(ticket.issuedAt) > LIFETIME_MS) {
      throw new InvalidOAuthState('the state has expired');
    }
    return ticket.installOptions;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
