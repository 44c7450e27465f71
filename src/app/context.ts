import type { Actor, CommunityRecord, MemberRecord } from './ports.ts';

/** Everything a command handler knows about who is asking and where; built by dispatch. */
export interface RequestContext {
  actor: Actor;
  community: CommunityRecord;
  member: MemberRecord;
  isModerator: boolean;
  now: Date;
}

/**
 * Where a stateless command (a FAQ answer) was asked, built without a database round trip when
 * the community is known: the member row is only looked up (or created) if the command needs it.
 */
export interface CommunityScope {
  communityId: string;
  now: Date;
  memberId(): Promise<string>;
}

/** An audit actor id that stays readable after the member row is gone. */
export const auditActor = (ctx: RequestContext): string => `${ctx.actor.platform}:${ctx.actor.userExternalId}`;
