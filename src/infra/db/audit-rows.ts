import type { AuditInput } from '../../app/ports.ts';
import type { Prisma } from './generated/client.ts';

/** The row an audit line is written as; a member's own settings belong to no community. */
export const auditRow = (
  audit: AuditInput,
  now: Date,
  about: { communityId?: string; campaignId?: string } = {},
): Prisma.AuditEntryUncheckedCreateInput => ({
  ...about,
  actorId: audit.actorId,
  action: audit.action,
  details: audit.details as Prisma.InputJsonValue,
  at: now,
});
