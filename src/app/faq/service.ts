import { getFaqEntry, type FaqMatch, type FaqTopicId } from '../../core/faq/index.ts';
import type { CommunityScope } from '../context.ts';
import { DEFAULT_FAQ, sharedMatcher, type CommunityFaqCache } from './community-faq.ts';
import type { FaqFeedbackStore } from './ports.ts';
import type { Reply } from '../reply.ts';
import { UNSURE, answerReply, topicAnswer, topicListReply } from './replies.ts';

export interface AskResult {
  match: FaqMatch;
  answer: string;
}

/**
 * Below this the answer is a guess worth a moderator's look, even when it was given: the matcher
 * answers from 0.38, and the sample questions it gets right sit mostly well above 0.5.
 */
export const LOW_CONFIDENCE = 0.45;
/** Longer questions are kept cut to this; the queue is for reading, not archiving. */
const KEPT_QUESTION_LENGTH = 500;

export interface FaqFeedback {
  store: FaqFeedbackStore;
  cache: CommunityFaqCache;
}

/**
 * Answers process questions from the knowledge base and never invents an answer. Asked in a
 * community, it uses that community's taught aliases and answers, and keeps questions it could
 * not answer well for the moderators; from a DM it answers from the catalogue alone.
 */
export class FaqService {
  constructor(private readonly feedback?: FaqFeedback) {}

  ask(question: string): AskResult {
    const match = sharedMatcher().match(question);
    const answer = match.topic ? getFaqEntry(match.topic).answer : UNSURE;
    return { match, answer };
  }

  suggestTopics(query: string, limit = 25): FaqTopicId[] {
    return sharedMatcher().suggest(query, limit);
  }

  /** The catalogue's answer, with no community: used where no community is known (a DM). */
  askReply(question: string): Reply {
    return answerReply(DEFAULT_FAQ, DEFAULT_FAQ.matcher.match(question), false);
  }

  topicReply(topic: FaqTopicId, related?: readonly FaqTopicId[]): Reply {
    return topicAnswer(DEFAULT_FAQ, topic, related);
  }

  topicList(): Reply {
    return topicListReply();
  }

  async askIn(where: CommunityScope | null, question: string): Promise<Reply> {
    if (!where || !this.feedback) return this.askReply(question);
    const faq = await this.feedback.cache.get(where.communityId);
    const match = faq.matcher.match(question);
    let kept = false;
    // Greetings and mashed keys are answered with examples but never queued: moderators would
    // only have to dismiss them.
    if (match.kind !== 'noise' && (match.topic === null || match.confidence < LOW_CONFIDENCE)) {
      await this.feedback.store.recordQuestion({
        communityId: where.communityId,
        memberId: await where.memberId(),
        text: question.trim().slice(0, KEPT_QUESTION_LENGTH),
        guessedTopic: match.topic ?? match.suggestions[0] ?? null,
        confidence: match.confidence,
        askedAt: where.now,
      });
      kept = true;
    }
    return answerReply(faq, match, kept);
  }

  async topicIn(where: CommunityScope | null, topic: FaqTopicId | undefined): Promise<Reply> {
    if (topic === undefined) return this.topicList();
    if (!where || !this.feedback) return this.topicReply(topic);
    return topicAnswer(await this.feedback.cache.get(where.communityId), topic);
  }
}
