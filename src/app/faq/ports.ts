import type { FaqTopicId } from '../../core/faq/index.ts';
import type { AuditInput } from '../ports.ts';

/** What a community taught the bot: phrasings moderators attached to topics, and its own answers. */
export interface CommunityFaqOverrides {
  aliases: readonly { topic: FaqTopicId; text: string }[];
  /** the newest answer text per topic; topics without one use the catalogue's answer */
  answers: ReadonlyMap<FaqTopicId, string>;
}

export type FaqQuestionStatus = 'open' | 'promoted' | 'dismissed';

export interface FaqQuestionRecord {
  id: string;
  text: string;
  guessedTopic: FaqTopicId | null;
  confidence: number;
  askedAt: Date;
  /** null once the member has been forgotten or never existed */
  memberName: string | null;
  status: FaqQuestionStatus;
}

export interface NewFaqQuestion {
  communityId: string;
  memberId: string;
  text: string;
  guessedTopic: FaqTopicId | null;
  confidence: number;
  askedAt: Date;
}

export interface FaqAnswerVersion {
  /** null restores the catalogue's answer */
  text: string | null;
  editedBy: string | null;
  editedAt: Date;
}

export interface FaqFeedbackStore {
  knowledge(communityId: string): Promise<CommunityFaqOverrides>;
  /** Keeps a question; the same open text twice in a community is kept once. */
  recordQuestion(question: NewFaqQuestion): Promise<'recorded' | 'duplicate'>;
  openQuestions(
    communityId: string,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; items: FaqQuestionRecord[] }>;
  /** Open questions of the community whose id starts with `idPrefix` (ids are shown shortened). */
  findOpenQuestions(communityId: string, idPrefix: string): Promise<FaqQuestionRecord[]>;
  /** Adds the question's text as an alias of `topic` and closes it, audited, in one transaction. */
  promote(communityId: string, questionId: string, topic: FaqTopicId, audit: AuditInput, now: Date): Promise<void>;
  dismiss(communityId: string, questionId: string, audit: AuditInput, now: Date): Promise<void>;
  /** Newest first. */
  answerHistory(communityId: string, topic: FaqTopicId): Promise<FaqAnswerVersion[]>;
  saveAnswer(communityId: string, topic: FaqTopicId, text: string | null, audit: AuditInput, now: Date): Promise<void>;
}
