import { FORMER_MEMBER, FORMER_MODERATOR, type DataScope, type MemberDataCounts } from '../../app/moderation/ports.ts';
import type { MemberRecord } from '../../app/ports.ts';
import { withDetails } from './campaign-rows.ts';
import type { Prisma } from './generated/client.ts';
import { replanRow, type ReminderPolicy } from './reminder-sync.ts';

type Tx = Prisma.TransactionClient;

const actorIdOf = (member: MemberRecord) => `${member.platform}:${member.externalId}`;
/** What a redacted audit line keeps: that something happened, not about whom. */
const REDACTED = { redacted: 'about a member whose data was deleted' };
/** Audit actions only a moderator takes (on another member's campaign, every action is one). */
const MODERATOR_ACTIONS = ['moderator.', 'community.', 'faq.', 'member.forgotten'];

interface DataWhere {
  campaignIds: string[];
  /** Audit lines that are the member's own data: about their campaigns, or their own settings. */
  audit: Prisma.AuditEntryWhereInput;
  /** Lines they wrote in others' trails (another member's campaign, the community's settings). */
  keptAudit: Prisma.AuditEntryWhereInput;
  reminders: Prisma.ReminderWhereInput;
  faqQuestions: Prisma.FaqQuestionWhereInput;
}

/**
 * Deletes a member's own data in scope and takes their name off what stays (others' audit trails,
 * moderator work), inside the caller's transaction. Returns what it counted before deleting.
 */
export async function forgetMemberData(
  tx: Tx,
  member: MemberRecord,
  scope: DataScope,
  policy: ReminderPolicy,
  now: Date,
): Promise<MemberDataCounts> {
  const counts = await countMemberData(tx, member, scope);
  const where = await dataWhere(tx, member, scope, counts.memberRow);
  await redactLinesAbout(tx, member, scope);
  await renameKeptLines(tx, where);
  await deleteOwnData(tx, where);
  // Their calendar links go too (the member row's cascade covers only a forget everywhere).
  await tx.calendarFeed.deleteMany({
    where: { memberId: member.id, ...(scope === 'everywhere' ? {} : { communityId: scope.communityId }) },
  });
  await unnameModeratorWork(tx, actorIdOf(member), scope, now);
  await tx.$executeRawUnsafe(
    `UPDATE "communities" SET "moderator_role_ids" = array_remove("moderator_role_ids", $1)
      WHERE $1 = ANY("moderator_role_ids") AND ($2::text IS NULL OR "id" = $2)`,
    member.externalId,
    scope === 'everywhere' ? null : scope.communityId,
  );
  if (counts.memberRow) await tx.member.delete({ where: { id: member.id } });
  else await replanElsewhere(tx, member, policy, now);
  return counts;
}

/** Lines about them that are not theirs (a moderator adding them, say) keep only that they happened. */
async function redactLinesAbout(tx: Tx, member: MemberRecord, scope: DataScope): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE "audit_log" SET "details" = $1::jsonb
      WHERE (strpos("details"::text, $2) > 0 OR strpos("details"::text, $3) > 0)
        AND ($4::text IS NULL OR "community_id" = $4)`,
    JSON.stringify(REDACTED),
    JSON.stringify(member.externalId),
    JSON.stringify(member.id),
    scope === 'everywhere' ? null : scope.communityId,
  );
}

/** What they did in others' trails stays, under a name that is no longer theirs; never deleted. */
async function renameKeptLines(tx: Tx, where: DataWhere): Promise<void> {
  const kept = await tx.auditEntry.findMany({
    where: where.keptAudit,
    select: { id: true, action: true, campaignId: true },
  });
  const byModerator = (line: (typeof kept)[number]) =>
    line.campaignId !== null || MODERATOR_ACTIONS.some((prefix) => line.action.startsWith(prefix));
  for (const [actor, lines] of [
    [FORMER_MODERATOR, kept.filter(byModerator)],
    [FORMER_MEMBER, kept.filter((line) => !byModerator(line))],
  ] as const) {
    if (lines.length > 0) {
      await tx.auditEntry.updateMany({ where: { id: { in: lines.map((l) => l.id) } }, data: { actorId: actor } });
    }
  }
}

async function deleteOwnData(tx: Tx, where: DataWhere): Promise<void> {
  const ofCampaigns = { campaignId: { in: where.campaignIds } };
  await tx.auditEntry.deleteMany({ where: where.audit });
  await tx.reminder.deleteMany({ where: where.reminders });
  await tx.faqQuestion.deleteMany({ where: where.faqQuestions });
  await tx.orderLog.deleteMany({ where: ofCampaigns });
  await tx.milestoneProgress.deleteMany({ where: ofCampaigns });
  await tx.campaign.deleteMany({ where: { id: { in: where.campaignIds } } });
}

/** What they did as a moderator elsewhere stays, without their name on it. */
async function unnameModeratorWork(tx: Tx, actorId: string, scope: DataScope, now: Date): Promise<void> {
  const inScope = scope === 'everywhere' ? {} : { communityId: scope.communityId };
  const campaignInScope = scope === 'everywhere' ? {} : { campaign: { communityId: scope.communityId } };
  await tx.faqQuestion.updateMany({ where: { resolvedBy: actorId, ...inScope }, data: { resolvedBy: null } });
  await tx.faqAlias.updateMany({ where: { createdBy: actorId, ...inScope }, data: { createdBy: null } });
  await tx.faqAnswerVersion.updateMany({ where: { editedBy: actorId, ...inScope }, data: { editedBy: null } });
  await tx.campaign.updateMany({
    where: { remindersPausedBy: actorId, ...inScope },
    data: { remindersPausedBy: null, updatedAt: now },
  });
  await tx.orderLog.updateMany({ where: { loggedBy: actorId, ...campaignInScope }, data: { loggedBy: null } });
  await tx.milestoneProgress.updateMany({
    where: { markedBy: actorId, ...campaignInScope },
    data: { markedBy: 'deleted member' },
  });
}

/**
 * Their morning rows are shared by all their campaigns and stored under the community that planned
 * them first, maybe this one: the campaigns left elsewhere plan theirs again.
 */
async function replanElsewhere(tx: Tx, member: MemberRecord, policy: ReminderPolicy, now: Date): Promise<void> {
  const rest = await tx.campaign.findMany({ where: { memberId: member.id, state: 'active' }, include: withDetails });
  for (const row of rest) await replanRow(tx, row, policy, now);
}

async function dataWhere(tx: Tx, member: MemberRecord, scope: DataScope, memberRow: boolean): Promise<DataWhere> {
  const inScope = scope === 'everywhere' ? {} : { communityId: scope.communityId };
  const campaigns = await tx.campaign.findMany({ where: { memberId: member.id, ...inScope }, select: { id: true } });
  const campaignIds = campaigns.map((c) => c.id);
  const actorId = actorIdOf(member);
  return {
    campaignIds,
    audit: {
      OR: [
        { campaignId: { in: campaignIds } },
        // Their own settings changes belong to no community; they go with the member row.
        ...(memberRow ? [{ actorId, communityId: null }] : []),
      ],
    },
    keptAudit: {
      actorId,
      communityId: scope === 'everywhere' ? { not: null } : scope.communityId,
      OR: [{ campaignId: null }, { campaignId: { notIn: campaignIds } }],
    },
    reminders: { OR: [{ campaignId: { in: campaignIds } }, { memberId: member.id, ...inScope }] },
    faqQuestions: { memberId: member.id, ...inScope },
  };
}

export async function countMemberData(tx: Tx, member: MemberRecord, scope: DataScope): Promise<MemberDataCounts> {
  const elsewhere =
    scope === 'everywhere'
      ? 0
      : (await tx.campaign.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } })) +
        (await tx.faqQuestion.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } })) +
        (await tx.reminder.count({ where: { memberId: member.id, communityId: { not: scope.communityId } } }));
  const memberRow = elsewhere === 0;
  const where = await dataWhere(tx, member, scope, memberRow);
  const byCampaign = { campaignId: { in: where.campaignIds } };
  return {
    campaigns: where.campaignIds.length,
    milestoneProgress: await tx.milestoneProgress.count({ where: byCampaign }),
    orderLogs: await tx.orderLog.count({ where: byCampaign }),
    reminders: await tx.reminder.count({ where: where.reminders }),
    faqQuestions: await tx.faqQuestion.count({ where: where.faqQuestions }),
    auditEntries: await tx.auditEntry.count({ where: where.audit }),
    auditKept: await tx.auditEntry.count({ where: where.keptAudit }),
    memberRow,
    calendarLinks: await tx.calendarFeed.count({
      where: { memberId: member.id, ...(scope === 'everywhere' ? {} : { communityId: scope.communityId }) },
    }),
  };
}
