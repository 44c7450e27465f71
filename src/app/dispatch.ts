import { UserError, type FieldError } from '../core/errors.ts';
import { argsSchema, type AnyArgs, type CommandSpec, type Services } from './commands/define.ts';
import { fieldErrorOf } from './commands/option-kinds.ts';
import { checkCommandLength, parseCommandText } from './commands/parse-text.ts';
import { COMMANDS, findCommand } from './commands/registry.ts';
import { closestNames } from '../core/closest-names.ts';
import { ensureCommunityOf } from './community.ts';
import type { CommunityScope, RequestContext } from './context.ts';
import type { Actor, Clock, CommunityRecord } from './ports.ts';
import type { CampaignStore } from './campaigns/ports.ts';
import { reportFailure } from './failure-reply.ts';
import { reply, type Reply } from './reply.ts';

export interface DispatchLogger {
  debug(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Invocation {
  group: string;
  name: string;
  /** Raw option values as the platform delivered them (strings). */
  args: Record<string, unknown>;
}

/** Community ids remembered for stateless commands; more than this and the memory starts over. */
const KNOWN_COMMUNITIES = 10_000;

/** The community id adapters give a command asked in a DM, where there is no community. */
export const DM_COMMUNITY = 'dm';

/** Who pressed a button; `community` is known when the press came from a server channel. */
export interface ActionPresser extends Omit<Actor, 'communityExternalId' | 'communityName'> {
  community?: { communityExternalId: string; communityName?: string };
}

export interface DispatcherDeps {
  store: CampaignStore;
  services: Services;
  clock: Clock;
  logger: DispatchLogger;
  defaultTimeZone: string;
  /** Told about every command once it finishes (metrics). */
  onCommand?: (event: { command: string; outcome: string; ms: number }) => void;
}

/**
 * Runs a command in explicit stages: find the spec, check permission on the server side, validate
 * the arguments against the spec's schema, run the handler, and render expected failures in one
 * place. Adapters only translate platform input into an Invocation and render the Reply.
 */
export class Dispatcher {
  private readonly communityIds = new Map<string, string>();

  constructor(private readonly deps: DispatcherDeps) {}

  async dispatch(actor: Actor, invocation: Invocation): Promise<Reply> {
    const started = performance.now();
    const spec = findCommand(invocation.group, invocation.name);
    let outcome = 'ok';
    try {
      if (!spec) throw new UserError(unknownCommand(invocation.group, invocation.name));
      return await this.run(spec, actor, invocation.args);
    } catch (error) {
      if (error instanceof UserError) {
        outcome = error.error.code;
        return errorReply(error.error);
      }
      outcome = 'crash';
      return reportFailure(this.deps.logger, 'command failed', {
        err: error,
        command: `${invocation.group} ${invocation.name}`,
      });
    } finally {
      const event = {
        // Unknown names are not echoed into metrics labels: members type anything.
        command: spec ? `${spec.group} ${spec.name}` : `${invocation.group} unknown`,
        outcome,
        ms: Math.round((performance.now() - started) * 100) / 100,
      };
      // Per-command lines are debug so an interactive console stays readable at the default level.
      this.deps.logger.debug(event, 'command');
      this.deps.onCommand?.(event);
    }
  }

  /** For typed commands (console, and later Slack's text): `/preorder start title:"…" …`. */
  async dispatchText(actor: Actor, line: string): Promise<Reply> {
    const length = checkCommandLength(line);
    if (!length.ok) return errorReply(length.error);
    const glued = gluedCommand(line.trim());
    if (glued) return errorReply(glued);
    const match = /^\/(preorder(?:-admin)?)(?:\s+(\S+))?\s*(.*)$/is.exec(line.trim());
    if (!match) {
      return errorReply({
        field: 'command',
        code: 'invalid',
        message: 'Commands start with /preorder or /preorder-admin; try /preorder help.',
      });
    }
    const [, group, name = 'help', rest = ''] = match;
    const spec = findCommand(group!, name.toLowerCase());
    if (!spec) return this.dispatch(actor, { group: group!, name: name.toLowerCase(), args: {} });
    const parsed = parseCommandText(spec, rest);
    if (!parsed.ok) return errorReply(parsed.error);
    return this.dispatch(actor, { group: spec.group, name: spec.name, args: parsed.value });
  }

  /**
   * A button press on a reminder or reply. The action's command comes back from the platform (a
   * custom id or a button value), so it is untrusted: only the commands buttons carry are run,
   * and a campaign named by id must belong to the member who pressed. It then runs in the
   * campaign's own community, which a press from a DM has no other way to name.
   */
  async dispatchAction(presser: ActionPresser, command: string): Promise<Reply> {
    const match = /^\/(preorder(?:-admin)?)\s+(\S+)/i.exec(command.trim());
    const spec = match ? findCommand(match[1]!.toLowerCase(), match[2]!.toLowerCase()) : undefined;
    // Moderator buttons (the board, one campaign's view) run only where they were pressed, in a
    // server channel, and are checked like any moderator command.
    if (spec?.button === 'moderator') {
      if (presser.community) return this.dispatchText({ ...presser, ...presser.community }, command);
      return errorReply({
        field: 'action',
        code: 'invalid',
        message: 'Moderator buttons only work in the server; use /preorder-admin there.',
      });
    }
    if (spec?.button !== 'member') {
      return errorReply({
        field: 'action',
        code: 'invalid',
        message: 'That button is not one I know; try /preorder help.',
      });
    }
    const campaignId = /\bcampaign:([0-9a-f-]{36})\b/i.exec(command)?.[1];
    if (!campaignId) {
      if (presser.community) return this.dispatchText({ ...presser, ...presser.community }, command);
      if (spec.stateless) return this.dispatchText({ ...presser, communityExternalId: DM_COMMUNITY }, command);
      return errorReply({
        field: 'action',
        code: 'invalid',
        message: 'That button only works in the server; use the command there.',
      });
    }
    const { store } = this.deps;
    const campaign = await store.getCampaign(campaignId);
    // Looked up, not created: a stranger pressing a forwarded button leaves no member row behind.
    const member = await store.findMember(presser.platform, presser.userExternalId);
    if (!campaign) {
      return errorReply({ field: 'campaign', code: 'not-found', message: 'That campaign no longer exists.' });
    }
    if (campaign.memberId !== member?.id) {
      return errorReply({
        field: 'campaign',
        code: 'forbidden',
        message: `These buttons belong to another member's campaign (${campaign.memberName}); only they can use them.`,
      });
    }
    const community = await store.getCommunity(campaign.communityId);
    if (!community || community.platform !== presser.platform) {
      return errorReply({ field: 'campaign', code: 'not-found', message: 'That campaign no longer exists.' });
    }
    return this.dispatchText(
      {
        ...presser,
        communityExternalId: community.externalId,
        ...(community.name ? { communityName: community.name } : {}),
      },
      command,
    );
  }

  private async run(spec: CommandSpec, actor: Actor, rawArgs: Record<string, unknown>): Promise<Reply> {
    const { services } = this.deps;
    if (spec.stateless) {
      const args = validateArgs(spec, rawArgs);
      const where = actor.communityExternalId === DM_COMMUNITY ? null : await this.scope(actor);
      return spec.run(args, services, where);
    }
    // Permission before the arguments are read; arguments before the member row is written.
    const where = await this.where(actor, spec);
    const args = validateArgs(spec, rawArgs);
    return spec.run(await this.withMember(actor, where), args, services);
  }

  /**
   * Where a stateless command was asked. A community's id never changes, so it is remembered:
   * a FAQ answer then costs no database round trip unless it needs the member.
   */
  private async scope(actor: Actor): Promise<CommunityScope> {
    const { store, defaultTimeZone } = this.deps;
    const key = `${actor.platform}:${actor.communityExternalId}`;
    let communityId = this.communityIds.get(key);
    if (!communityId) {
      communityId = (await ensureCommunityOf(store, actor, { defaultTimeZone })).id;
      if (this.communityIds.size >= KNOWN_COMMUNITIES) this.communityIds.clear();
      this.communityIds.set(key, communityId);
    }
    return {
      communityId,
      now: this.deps.clock.now(),
      memberId: async () => (await store.ensureMember(actor.platform, actor.userExternalId, actor.displayName)).id,
    };
  }

  /** The community, and whether the actor moderates it; a moderator command stops here for anyone else. */
  private async where(actor: Actor, spec: CommandSpec): Promise<{ community: CommunityRecord; isModerator: boolean }> {
    const { store, defaultTimeZone } = this.deps;
    const community = await ensureCommunityOf(store, actor, { defaultTimeZone });
    const isModerator = isCommunityModerator(actor, community);
    if (spec.permission === 'moderator' && !isModerator) {
      throw new UserError({
        field: 'permission',
        code: 'forbidden',
        message: `/${spec.group} ${spec.name} is for this community's moderators only.`,
      });
    }
    return { community, isModerator };
  }

  private async withMember(
    actor: Actor,
    where: { community: CommunityRecord; isModerator: boolean },
  ): Promise<RequestContext> {
    const member = await this.deps.store.ensureMember(actor.platform, actor.userExternalId, actor.displayName);
    return { actor, ...where, member, now: this.deps.clock.now() };
  }
}

function validateArgs(spec: CommandSpec, rawArgs: Record<string, unknown>): AnyArgs {
  const parsed = argsSchema(spec).safeParse(rawArgs);
  if (!parsed.success) throw new UserError(toFieldError(spec, parsed.error.issues[0]!));
  return parsed.data;
}

export function isCommunityModerator(actor: Actor, community: CommunityRecord): boolean {
  if (actor.platformAdmin) return true;
  const allowed = new Set(community.moderatorRoleIds);
  return allowed.has(actor.userExternalId) || actor.roleIds.some((role) => allowed.has(role));
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  params?: unknown;
  input?: unknown;
  keys?: string[];
}

function toFieldError(spec: CommandSpec, issue: Issue): FieldError {
  const fromCore = fieldErrorOf(issue.params);
  if (fromCore) return fromCore;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys?.[0] ?? 'option';
    return {
      field: key,
      code: 'invalid',
      message: `${spec.name} has no option "${key}". Valid options: ${spec.options.map((o) => o.name).join(', ') || 'none'}.`,
    };
  }
  const field = String(issue.path[0] ?? 'input');
  const option = spec.options.find((o) => o.name === field);
  if (issue.input === undefined && option) {
    return {
      field,
      code: 'required',
      message: `${field} is required: ${option.description}. Example: ${spec.examples[0] ?? ''}`,
    };
  }
  return {
    field,
    code: 'invalid',
    message: `${field} should be text: ${option?.description ?? 'see /preorder help'}.`,
  };
}

function unknownCommand(group: string, name: string): FieldError {
  const known = COMMANDS.filter((c) => c.group === group).map((c) => c.name);
  const close = closestNames(name, known);
  const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `/${group} ${c}`).join(' or ')}?` : '';
  return {
    field: 'command',
    code: 'invalid',
    message: `/${group} has no "${name}" command.${hint} Available: ${known.join(', ') || 'none'}.`,
    choices: close.length > 0 ? close : known,
  };
}

/**
 * "/preorderstatus": the space after the group was left out. The rest is not run as typed (it
 * might be a different command than meant); the member is shown the spaced form to send.
 */
function gluedCommand(line: string): FieldError | undefined {
  const glued = /^\/(preorder-admin|preorder)([a-z][\w-]*)/i.exec(line);
  if (!glued) return undefined;
  const group = glued[1]!.toLowerCase();
  const typed = glued[2]!.toLowerCase();
  const known = COMMANDS.filter((c) => c.group === group).map((c) => c.name);
  const close = known.includes(typed) ? [typed] : closestNames(typed, known);
  const hint =
    close.length > 0 ? `Did you mean ${close.map((c) => `/${group} ${c}`).join(' or ')}?` : 'Try /preorder help.';
  return {
    field: 'command',
    code: 'invalid',
    message: `"/${group}${typed}" is not a command; put a space after /${group}. ${hint}`,
    choices: close.length > 0 ? close : known,
  };
}

/** The single place expected failures become member-facing text. */
export function errorReply(error: FieldError): Reply {
  const lines = [[error.message]];
  if (error.choices && error.choices.length > 0) lines.push([`Options: ${error.choices.join(' | ')}`]);
  return reply({
    tone: error.code === 'ambiguous' ? 'question' : 'error',
    title: error.code === 'ambiguous' ? `Which ${error.field} did you mean?` : `Problem with ${error.field}`,
    lines,
    problem: { field: error.field, code: error.code, message: error.message },
  });
}
