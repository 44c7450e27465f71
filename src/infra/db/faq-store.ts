import { auditRow } from './audit-rows.ts';
import { isFaqTopicId, type FaqTopicId } from '../../core/faq/index.ts';
import type {
  CommunityFaqOverrides,
  FaqAnswerVersion,
  FaqFeedbackStore,
  FaqQuestionRecord,
  FaqQuestionStatus,
  NewFaqQuestion,
} from '../../app/faq/ports.ts';
import type { AuditInput } from '../../app/ports.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';

const withMember = { member: { select: { displayName: true } } } as const;
type QuestionRow = Prisma.FaqQuestionGetPayload<{ include: typeof withMember }>;

const topicOrNull = (topic: string | null): FaqTopicId | null => (topic && isFaqTopicId(topic) ? topic : null);

function toQuestion(row: QuestionRow): FaqQuestionRecord {
  return {
    id: row.id,
    text: row.text,
    guessedTopic: topicOrNull(row.guessedTopic),
    confidence: row.confidence,
    askedAt: row.askedAt,
    memberName: row.member?.displayName ?? null,
    status: row.status as FaqQuestionStatus,
  };
}

/** The FAQ feedback loop over Prisma: kept questions, community aliases and answer versions. */
export class PrismaFaqFeedbackStore implements FaqFeedbackStore {
  constructor(private readonly prisma: PrismaClient) {}

  async knowledge(communityId: string): Promise<CommunityFaqOverrides> {
    const [aliases, versions] = await Promise.all([
      this.prisma.faqAlias.findMany({ where: { communityId }, orderBy: { createdAt: 'asc' } }),
      // Newest first per topic; the first seen per topic wins below.
      this.prisma.faqAnswerVersion.findMany({ where: { communityId }, orderBy: { id: 'desc' } }),
    ]);
    const answers = new Map<FaqTopicId, string>();
    const seen = new Set<string>();
    for (const v of versions) {
      if (seen.has(v.topic)) continue;
      seen.add(v.topic);
      const topic = topicOrNull(v.topic);
      if (topic && v.text !== null) answers.set(topic, v.text);
    }
    return {
      aliases: aliases.flatMap((a) => {
        const topic = topicOrNull(a.topic);
        return topic ? [{ topic, text: a.text }] : [];
      }),
      answers,
    };
  }

  async recordQuestion(q: NewFaqQuestion): Promise<'recorded' | 'duplicate'> {
    const same = await this.prisma.faqQuestion.findFirst({
      where: { communityId: q.communityId, status: 'open', text: { equals: q.text, mode: 'insensitive' } },
      select: { id: true },
    });
    if (same) return 'duplicate';
    await this.prisma.faqQuestion.create({
      data: {
        communityId: q.communityId,
        memberId: q.memberId,
        text: q.text,
        guessedTopic: q.guessedTopic,
        confidence: q.confidence,
        askedAt: q.askedAt,
      },
    });
    return 'recorded';
  }

  async openQuestions(
    communityId: string,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; items: FaqQuestionRecord[] }> {
    const where = { communityId, status: 'open' };
    const [total, rows] = await Promise.all([
      this.prisma.faqQuestion.count({ where }),
      this.prisma.faqQuestion.findMany({
        where,
        include: withMember,
        orderBy: [{ askedAt: 'desc' }, { id: 'asc' }],
        skip: page.offset,
        take: page.limit,
      }),
    ]);
    return { total, items: rows.map(toQuestion) };
  }

  async findOpenQuestions(communityId: string, idPrefix: string): Promise<FaqQuestionRecord[]> {
    const rows = await this.prisma.faqQuestion.findMany({
      where: { communityId, status: 'open', id: { startsWith: idPrefix.toLowerCase() } },
      include: withMember,
      take: 5,
    });
    return rows.map(toQuestion);
  }

  async promote(communityId: string, questionId: string, topic: FaqTopicId, audit: AuditInput, now: Date) {
    await this.prisma.$transaction(async (tx) => {
      const question = await tx.faqQuestion.update({
        where: { id: questionId, communityId },
        data: { status: 'promoted', resolvedTopic: topic, resolvedBy: audit.actorId, resolvedAt: now },
      });
      // The same phrasing attached twice is one alias.
      await tx.faqAlias.upsert({
        where: { communityId_topic_text: { communityId, topic, text: question.text } },
        create: { communityId, topic, text: question.text, createdBy: audit.actorId, createdAt: now },
        update: {},
      });
      await tx.auditEntry.create({ data: auditRow(audit, now, { communityId }) });
    });
  }

  async dismiss(communityId: string, questionId: string, audit: AuditInput, now: Date) {
    await this.prisma.$transaction(async (tx) => {
      await tx.faqQuestion.update({
        where: { id: questionId, communityId },
        data: { status: 'dismissed', resolvedBy: audit.actorId, resolvedAt: now },
      });
      await tx.auditEntry.create({ data: auditRow(audit, now, { communityId }) });
    });
  }

  async answerHistory(communityId: string, topic: FaqTopicId): Promise<FaqAnswerVersion[]> {
    const rows = await this.prisma.faqAnswerVersion.findMany({
      where: { communityId, topic },
      orderBy: { id: 'desc' },
    });
    return rows.map((r) => ({ text: r.text, editedBy: r.editedBy, editedAt: r.editedAt }));
  }

  async saveAnswer(communityId: string, topic: FaqTopicId, text: string | null, audit: AuditInput, now: Date) {
    await this.prisma.$transaction([
      this.prisma.faqAnswerVersion.create({
        data: { communityId, topic, text, editedBy: audit.actorId, editedAt: now },
      }),
      this.prisma.auditEntry.create({ data: auditRow(audit, now, { communityId }) }),
    ]);
  }
}
