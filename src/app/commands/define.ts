import { z } from 'zod';
import type { CommunityScope, RequestContext } from '../context.ts';
import type { Reply } from '../reply.ts';
import type { CampaignService } from '../services/campaign-service.ts';
import type { CommunityService } from '../services/community-service.ts';
import type { ExportService } from '../exports/export-service.ts';
import type { FaqAdminService } from '../faq/faq-admin-service.ts';
import type { FaqService } from '../services/faq-service.ts';
import type { ReminderService } from '../services/reminder-service.ts';
import type { TrackingService } from '../tracking/tracking-service.ts';
import type { CampaignAdminService } from '../moderation/campaign-admin-service.ts';
import type { MemberDataService } from '../moderation/member-data-service.ts';
import type { BoardService } from '../board/board-service.ts';
import { optionSchema, type KindValue, type OptionKind } from './option-kinds.ts';

export type CommandGroup = 'preorder' | 'preorder-admin';
export type Permission = 'member' | 'moderator';

export interface OptionSpec<K extends OptionKind = OptionKind> {
  readonly name: string;
  readonly kind: K;
  readonly description: string;
  readonly required?: boolean;
  /** Text before the first `key:` in a typed command fills this option (the rest of the line for `question`). */
  readonly positional?: boolean;
}

export type ArgsOf<O extends readonly OptionSpec[]> = {
  [P in O[number] as P['name']]: P['required'] extends true ? KindValue<P['kind']> : KindValue<P['kind']> | undefined;
};

export interface Services {
  campaigns: CampaignService;
  community: CommunityService;
  faq: FaqService;
  reminders: ReminderService;
  tracking: TrackingService;
  exports: ExportService;
  faqAdmin: FaqAdminService;
  moderation: CampaignAdminService;
  memberData: MemberDataService;
  board: BoardService;
  /** Help is derived from the command list, which services cannot import without a cycle. */
  help: (ctx: RequestContext) => Reply;
}

interface CommandBase<O extends readonly OptionSpec[]> {
  readonly group: CommandGroup;
  readonly name: string;
  readonly description: string;
  readonly options: O;
  readonly examples: readonly string[];
  readonly permission: Permission;
}

/** A command about the member's own data: dispatch loads who and where before running it. */
export interface ContextCommand<O extends readonly OptionSpec[] = readonly OptionSpec[]> extends CommandBase<O> {
  readonly stateless?: false;
  run(ctx: RequestContext, args: ArgsOf<O>, services: Services): Promise<Reply> | Reply;
}

/**
 * A command that needs no member or community of its own (FAQ answers), so it also answers in a
 * DM. Asked in a community it learns where (`where`), e.g. for the community's own answers;
 * from a DM `where` is null.
 */
export interface StatelessCommand<O extends readonly OptionSpec[] = readonly OptionSpec[]> extends CommandBase<O> {
  readonly stateless: true;
  readonly permission: 'member';
  run(args: ArgsOf<O>, services: Services, where: CommunityScope | null): Promise<Reply> | Reply;
}

export type CommandSpec<O extends readonly OptionSpec[] = readonly OptionSpec[]> =
  ContextCommand<O> | StatelessCommand<O>;

/** Keeps the option list as literal data so handler argument types are inferred from it. */
export function defineCommand<const O extends readonly OptionSpec[]>(spec: ContextCommand<O>): ContextCommand<O>;
export function defineCommand<const O extends readonly OptionSpec[]>(spec: StatelessCommand<O>): StatelessCommand<O>;
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** The zod schema for a command's arguments, built from its options; unknown keys are refused. */
const schemas = new WeakMap<CommandSpec, z.ZodType<Record<string, unknown>>>();

export function argsSchema(spec: CommandSpec): z.ZodType<Record<string, unknown>> {
  const cached = schemas.get(spec);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const option of spec.options) {
    const schema = optionSchema(option.kind, option.name);
    shape[option.name] = option.required ? schema : schema.optional();
  }
  const schema = z.strictObject(shape);
  schemas.set(spec, schema);
  return schema;
}

export const usage = (spec: CommandSpec): string =>
  [
    `/${spec.group} ${spec.name}`,
    ...spec.options.map((o) => (o.required ? `${o.name}:<${o.kind}>` : `[${o.name}:<${o.kind}>]`)),
  ].join(' ');
