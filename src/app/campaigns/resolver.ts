import { parseIsbn } from '../../core/isbn.ts';
import { UserError } from '../../core/errors.ts';
import type { CampaignRecord, CampaignState, CommunityRecord, MemberRecord } from '../ports.ts';
import type { CampaignStore } from './ports.ts';

/**
 * Finds the campaign a member means. `campaign` may be a title or an ISBN; when it is left out
 * and the member has exactly one campaign in the given states, that one is meant.
 */
export async function resolveOwnCampaign(
  store: CampaignStore,
  community: CommunityRecord,
  member: MemberRecord,
  query: string | undefined,
  states: readonly CampaignState[],
): Promise<CampaignRecord> {
  const own = await store.listMemberCampaigns(community.id, member.id, states);
  if (query === undefined) {
    if (own.length === 1) return own[0]!;
    if (own.length === 0) {
      throw new UserError({
        field: 'campaign',
        code: 'not-found',
        message:
          'You have no active campaign here yet. Start one with /preorder start title:"…" isbn:… release:YYYY-MM-DD.',
      });
    }
    throw new UserError({
      field: 'campaign',
      code: 'ambiguous',
      message: `You have ${own.length} campaigns; say which one with campaign:"title" or its ISBN.`,
      choices: own.map((c) => c.title),
    });
  }
  const matches = matchCampaigns(own, query);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UserError({
      field: 'campaign',
      code: 'ambiguous',
      message: `More than one of your campaigns matches "${query}"; use the full title or the ISBN.`,
      choices: matches.map((c) => `${c.title} (${c.isbn.isbn13})`),
    });
  }
  const isbn = parseIsbn(query);
  const others = await store.findCommunityCampaigns(
    community.id,
    isbn.ok ? { isbn13: isbn.value.isbn13 } : { title: query },
    states,
  );
  if (others.some((c) => c.memberId !== member.id)) {
    throw new UserError({
      field: 'campaign',
      code: 'forbidden',
      message: `"${query}" is another member's campaign; you can only change or view your own.`,
    });
  }
  throw new UserError({
    field: 'campaign',
    code: 'not-found',
    message: `None of your campaigns matches "${query}". Use a title or ISBN from /preorder status.`,
    choices: own.map((c) => c.title),
  });
}

/** The campaigns a member's words name: a campaign id (buttons), an ISBN, the exact title, or part of it. */
export function matchCampaigns(campaigns: CampaignRecord[], query: string): CampaignRecord[] {
  // Reminder buttons name the campaign by id: unambiguous even with a US and a UK campaign for one ISBN.
  const byId = campaigns.filter((c) => c.id === query.trim());
  if (byId.length === 1) return byId;
  const isbn = parseIsbn(query);
  if (isbn.ok) return campaigns.filter((c) => c.isbn.isbn13 === isbn.value.isbn13);
  const q = query.trim().toLowerCase();
  const exact = campaigns.filter((c) => c.title.toLowerCase() === q);
  if (exact.length > 0) return exact;
  return campaigns.filter((c) => c.title.toLowerCase().includes(q));
}
