import { UserError } from '../../core/errors.ts';
import type { MentionRef } from '../../core/mention-ref.ts';
import type { RequestContext } from '../context.ts';
import type { MemberRecord } from '../ports.ts';
import type { ModerationStore } from './ports.ts';

/**
 * The external ids a typed reference may stand for. The console names its members
 * `member:<lowercased name>` (see consoleActor), so a console name is tried in that form too;
 * elsewhere a typed reference is a raw platform id or a display name.
 */
export function candidateIds(ctx: RequestContext, ref: MentionRef): string[] {
  if (ref.mention || ctx.actor.platform !== 'console' || ref.id.startsWith('member:')) return [ref.id];
  return [ref.id, `member:${ref.id.toLowerCase()}`];
}

/** Members a reference may mean: by id first, then by display name among people with data here. */
export function lookupMembers(store: ModerationStore, ctx: RequestContext, ref: MentionRef): Promise<MemberRecord[]> {
  return store.findMembers(ctx.community.id, ctx.actor.platform, {
    externalIds: candidateIds(ctx, ref),
    ...(ref.mention ? {} : { displayName: ref.label }),
  });
}

/** Exactly one member, or a friendly error naming the field. */
export async function requireMember(
  store: ModerationStore,
  ctx: RequestContext,
  ref: MentionRef,
  field: string,
): Promise<MemberRecord> {
  const found = await lookupMembers(store, ctx, ref);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new UserError({
      field,
      code: 'not-found',
      message: `I know no member "${ref.label}" here. Pick them from the list, mention them with @, or use the name they go by here.`,
    });
  }
  throw new UserError({
    field,
    code: 'ambiguous',
    message: `${found.length} members go by "${ref.label}"; pick the right one from the list or mention them with @.`,
    choices: found.map((m) => `${m.displayName} (${m.externalId})`),
  });
}

/** The names audit actor ids (`platform:externalId`) of the asker's platform go by; ids of people gone are left out. */
export async function actorNames(
  store: Pick<ModerationStore, 'findMembers'>,
  ctx: RequestContext,
  actorIds: readonly string[],
): Promise<Map<string, string>> {
  const prefix = `${ctx.actor.platform}:`;
  const ids = [...new Set(actorIds.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length)))];
  if (ids.length === 0) return new Map();
  const found = await store.findMembers(ctx.community.id, ctx.actor.platform, { externalIds: ids });
  return new Map(found.map((m) => [`${prefix}${m.externalId}`, m.displayName]));
}
