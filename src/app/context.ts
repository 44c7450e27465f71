import type { Actor, CommunityRecord, MemberRecord } from './ports.ts';

/** Everything a command handler knows about who is asking and where; built by dispatch. */
export interface RequestContext {
  actor: Actor;
  community: CommunityRecord;
  member: MemberRecord;
  isModerator: boolean;
  now: Date;
}

/** An audit actor id that stays readable after the member row is gone. */
export const auditActor = (ctx: RequestContext): string => `${ctx.actor.platform}:${ctx.actor.userExternalId}`;
