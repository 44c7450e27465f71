import { z } from 'zod';
import type { CommunityScope, RequestContext } from '../context.ts';
import type { Reply } from '../reply.ts';
import type { CampaignService } from '../campaigns/service.ts';
import type { CommunitySettingsService } from '../moderation/settings-service.ts';
import type { ExportService } from '../exports/service.ts';
import type { CalendarFeedService } from '../exports/feed-service.ts';
import type { FaqAdminService } from '../faq/admin-service.ts';
import type { FaqService } from '../faq/service.ts';
import type { ReminderService } from '../reminders/service.ts';
import type { TrackingService } from '../tracking/service.ts';
import type { CampaignAdminService } from '../moderation/service.ts';
import type { ForgetService } from '../moderation/forget-service.ts';
import type { BoardService } from '../board/service.ts';
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
  communitySettings: CommunitySettingsService;
  faq: FaqService;
  reminders: ReminderService;
  tracking: TrackingService;
  exports: ExportService;
  calendarFeeds: CalendarFeedService;
  faqAdmin: FaqAdminService;
  campaignAdmin: CampaignAdminService;
  forget: ForgetService;
  board: BoardService;
  /** Help is derived from the command list, which services cannot import without a cycle. */
  help: (ctx: RequestContext) => Reply;
}

/**
 * What adapters and dispatch need to know about a command beyond its options. They read these,
 * so adding a command touches its spec and its service, never a list kept somewhere else.
 */
export interface CommandTraits {
  /**
   * Who may run it from a button. A button's command comes back from the client as text, so only
   * these are accepted: a member's (checked against the campaign it names) or a moderator's (run
   * where it was pressed and checked like a typed command). None: typed only.
   */
  readonly button?: 'member' | 'moderator';
  /** Discord defers the answer at once: it draws, writes a file or replans, which can outlast the 3 s deadline. */
  readonly defers?: boolean;
  /** It can change how the member's campaigns look, so Slack refreshes their App Home afterwards. */
  readonly changesCampaigns?: boolean;
}

interface CommandBase<O extends readonly OptionSpec[]> extends CommandTraits {
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

/** Any command's validated arguments: the values its options' kinds parse to. */
export type AnyArgs = ArgsOf<readonly OptionSpec[]>;

/** The zod schema for a command's arguments, built from its options; unknown keys are refused. */
const schemas = new WeakMap<CommandSpec, z.ZodType<AnyArgs>>();

export function argsSchema(spec: CommandSpec): z.ZodType<AnyArgs> {
  const cached = schemas.get(spec);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const option of spec.options) {
    const schema = optionSchema(option.kind, option.name);
    shape[option.name] = option.required ? schema : schema.optional();
  }
  // Each option's schema parses to its kind's value (optionSchema), so the object is the spec's ArgsOf.
  const schema = z.strictObject(shape) as z.ZodType<AnyArgs>;
  schemas.set(spec, schema);
  return schema;
}

export const usage = (spec: CommandSpec): string =>
  [
    `/${spec.group} ${spec.name}`,
    ...spec.options.map((o) => (o.required ? `${o.name}:<${o.kind}>` : `[${o.name}:<${o.kind}>]`)),
  ].join(' ');
