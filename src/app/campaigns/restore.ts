import { UserError } from '../../core/errors.ts';
import type { RequestContext } from '../context.ts';
import type { AuditRecord, CampaignRecord } from '../ports.ts';
import type { CampaignStore } from './ports.ts';
import { RESTORE_WINDOW_DAYS } from './replies.ts';
import { matchCampaigns } from './resolver.ts';

const DAY_MS = 86_400_000;
const CANCELLED = new Set(['campaign.cancelled', 'moderator.cancelled']);

interface Cancelled {
  campaign: CampaignRecord;
  at: Date;
  byModerator: boolean;
}

/** When a restore window that starts at `cancelledAt` closes. */
export const restoreDeadline = (cancelledAt: Date): Date =>
  new Date(cancelledAt.getTime() + RESTORE_WINDOW_DAYS * DAY_MS);

/** When and by whom a campaign was last cancelled: its audit trail says, in the same transaction as the change. */
function lastCancellation(campaign: CampaignRecord, trail: readonly AuditRecord[]): Cancelled {
  const line = [...trail].reverse().find((a) => CANCELLED.has(a.action));
  return {
    campaign,
    at: line?.at ?? campaign.updatedAt,
    byModerator: line?.action === 'moderator.cancelled',
  };
}

/**
 * The cancelled campaign of the member's that `query` names (or their only recent one), if it
 * may come back: cancelled by them, within the window. Anything else is a UserError saying why.
 */
export async function findRestorable(
  store: CampaignStore,
  ctx: RequestContext,
  query: string | undefined,
): Promise<Cancelled> {
  const cancelled = await Promise.all(
    (await store.listMemberCampaigns(ctx.community.id, ctx.member.id, ['cancelled'])).map(async (c) =>
      lastCancellation(c, await store.auditTrail(c.id)),
    ),
  );
  const recent = (c: Cancelled) => ctx.now.getTime() < restoreDeadline(c.at).getTime();
  let found: Cancelled;
  if (query === undefined) {
    const candidates = cancelled.filter(recent);
    if (candidates.length !== 1) {
      throw new UserError(
        candidates.length === 0
          ? {
              field: 'campaign',
              code: 'not-found',
              message: `You have no campaign here cancelled in the last ${RESTORE_WINDOW_DAYS} days. Start a new one with /preorder start.`,
            }
          : {
              field: 'campaign',
              code: 'ambiguous',
              message: `You cancelled ${candidates.length} campaigns lately; say which one with campaign:"title" or its ISBN.`,
              choices: candidates.map((c) => c.campaign.title),
            },
      );
    }
    found = candidates[0]!;
  } else {
    const matches = matchCampaigns(
      cancelled.map((c) => c.campaign),
      query,
    );
    if (matches.length !== 1) {
      throw new UserError({
        field: 'campaign',
        code: matches.length === 0 ? 'not-found' : 'ambiguous',
        message:
          matches.length === 0
            ? `None of your cancelled campaigns matches "${query}".`
            : `More than one of your cancelled campaigns matches "${query}"; use the full title or the ISBN.`,
        choices: (matches.length === 0 ? cancelled.map((c) => c.campaign) : matches).map((c) => c.title),
      });
    }
    found = cancelled.find((c) => c.campaign.id === matches[0]!.id)!;
  }
  if (found.byModerator) {
    throw new UserError({
      field: 'campaign',
      code: 'forbidden',
      message: `A moderator cancelled "${found.campaign.title}", so it is theirs to bring back, not mine; please ask them.`,
    });
  }
  if (!recent(found)) {
    throw new UserError({
      field: 'campaign',
      code: 'invalid',
      message: `"${found.campaign.title}" was cancelled more than ${RESTORE_WINDOW_DAYS} days ago, so it can no longer be restored. Start it again with /preorder start.`,
    });
  }
  return found;
}
