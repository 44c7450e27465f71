import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { findCommand } from '../../app/commands/registry.ts';
import type { CampaignRecord, CampaignState, Clock } from '../../app/ports.ts';
import { campaignTimeline } from '../../app/campaigns/plan-view.ts';
import type { CampaignService } from '../../app/campaigns/service.ts';
import type { FaqService } from '../../app/faq/service.ts';
import { getFaqEntry } from '../../core/faq/index.ts';
import { parseIsbn } from '../../core/isbn.ts';
import { MILESTONES } from '../../core/milestones.ts';
import { suggestTimeZones } from '../../core/timezone.ts';
import { clip, COMMAND_LIMITS } from './discord-limits.ts';

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface AutocompleteRequest {
  group: string;
  subcommand: string;
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
  /** The other options already filled in (campaign narrows milestone choices). */
  args: Record<string, string>;
  /** Who is typing, where: only their own campaigns are offered. */
  platform: 'discord';
  communityExternalId: string | null;
  communityName?: string | undefined;
  userExternalId: string;
  displayName: string;
}

export interface AutocompleteDeps {
  campaigns: Pick<CampaignService, 'listOwn'>;
  faq: Pick<FaqService, 'suggestTopics'>;
  clock: Clock;
}

const choice = (name: string, value: string): Choice => ({
  name: clip(name, COMMAND_LIMITS.choiceName),
  value: value.slice(0, COMMAND_LIMITS.choiceValue),
});
const normal = (text: string) => text.trim().toLowerCase();

/**
 * Choices for the option a member is typing. Unknown commands or options give none, and so does
 * anything that fails: autocomplete is a convenience, never an error message.
 */
export async function autocompleteChoices(req: AutocompleteRequest, deps: AutocompleteDeps): Promise<Choice[]> {
  const spec = findCommand(req.group, req.subcommand);
  const kind = spec?.options.find((o) => o.name === req.focused.name)?.kind;
  const query = req.focused.value ?? '';
  switch (kind) {
    case 'timezone':
      return suggestTimeZones(query, COMMAND_LIMITS.choices).map((zone) => choice(zone, zone));
    case 'topic':
      return deps.faq
        .suggestTopics(query, COMMAND_LIMITS.choices)
        .map((id) => choice(`${id} — ${getFaqEntry(id).title}`, id))
        .slice(0, COMMAND_LIMITS.choices);
    case 'campaign':
      return campaignChoices(req, deps, query);
    case 'milestone':
      return milestoneChoices(req, deps, query);
    default:
      return [];
  }
}

async function ownCampaigns(
  req: AutocompleteRequest,
  deps: AutocompleteDeps,
  states: readonly CampaignState[],
): Promise<CampaignRecord[]> {
  const { communityExternalId } = req;
  if (!communityExternalId) return [];
  return deps.campaigns.listOwn({ ...req, communityExternalId }, states);
}

function matchesCampaign(campaign: CampaignRecord, query: string): boolean {
  const q = normal(query);
  if (q === '' || campaign.id === query.trim()) return true;
  const digits = q.replace(/[\s-]/g, '');
  if (/^\d+x?$/.test(digits) && campaign.isbn.isbn13.includes(digits)) return true;
  return campaign.title.toLowerCase().includes(q);
}

async function campaignChoices(req: AutocompleteRequest, deps: AutocompleteDeps, query: string): Promise<Choice[]> {
  const states: CampaignState[] =
    req.subcommand === 'status' ? ['active', 'completed'] : req.subcommand === 'restore' ? ['cancelled'] : ['active'];
  const campaigns = await ownCampaigns(req, deps, states);
  // The id is the value: unambiguous even for a US and a UK campaign of one ISBN.
  return campaigns
    .filter((c) => matchesCampaign(c, query))
    .slice(0, COMMAND_LIMITS.choices)
    .map((c) => choice(`${c.title} · ${c.isbn.isbn13} · ${c.marketplace} · release ${c.releaseDate}`, c.id));
}

/** The campaign the member already named (id, ISBN or title), or their only one. */
function pickCampaign(campaigns: CampaignRecord[], named: string | undefined): CampaignRecord | undefined {
  if (!named?.trim()) return campaigns.length === 1 ? campaigns[0] : undefined;
  const byId = campaigns.find((c) => c.id === named.trim());
  if (byId) return byId;
  const isbn = parseIsbn(named);
  const matches = isbn.ok
    ? campaigns.filter((c) => c.isbn.isbn13 === isbn.value.isbn13)
    : campaigns.filter((c) => c.title.toLowerCase().includes(normal(named)));
  return matches.length === 1 ? matches[0] : undefined;
}

async function milestoneChoices(req: AutocompleteRequest, deps: AutocompleteDeps, query: string): Promise<Choice[]> {
  const q = normal(query);
  const fits = (id: string, title: string) => q === '' || id.includes(q) || title.toLowerCase().includes(q);
  const campaign = pickCampaign(await ownCampaigns(req, deps, ['active']), req.args.campaign);
  if (!campaign) {
    return MILESTONES.filter((m) => fits(m.id, m.title))
      .slice(0, COMMAND_LIMITS.choices)
      .map((m) => choice(`${m.id} — ${m.title}`, m.id));
  }
  const settled = new Set(campaign.progress.map((p) => p.milestoneId));
  // Undo reopens settled steps; everything else acts on open ones.
  const wanted = (id: (typeof MILESTONES)[number]['id']) =>
    req.subcommand === 'undo' ? settled.has(id) : !settled.has(id);
  return campaignTimeline(campaign, deps.clock.now())
    .filter((m) => wanted(m.id) && fits(m.id, m.title))
    .slice(0, COMMAND_LIMITS.choices)
    .map((m) => choice(`${m.id} — ${m.title}`, m.id));
}
