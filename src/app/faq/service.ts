import { getFaqEntry, type FaqMatch, type FaqTopicId } from '../../core/faq/index.ts';
import type { CommunityScope } from '../context.ts';
import { DEFAULT_FAQ, sharedMatcher, type CommunityFaq, type CommunityFaqCache } from './community-faq.ts';
import type { FaqFeedbackStore } from './ports.ts';
import { reply, type Reply, type RichText } from '../reply.ts';

export interface AskResult {
  match: FaqMatch;
  answer: string;
}

const UNSURE =
  "I'm not sure which part of the pre-order process you mean. These topics are the closest; ask again with more detail or open one with /preorder faq <topic>.";
const KEPT = "I've kept your question for this community's moderators, so a future answer can be better.";

/**
 * Below this the answer is a guess worth a moderator's look, even when it was given: the matcher
 * answers from 0.3, and the sample questions it gets right sit mostly well above 0.5.
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

  async askIn(where: CommunityScope | null, question: string): Promise<Reply> {
    if (!where || !this.feedback) return this.askReply(question);
    const faq = await this.feedback.cache.get(where.communityId);
    const match = faq.matcher.match(question);
    let kept = false;
    if (match.topic === null || match.confidence < LOW_CONFIDENCE) {
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

  async topicIn(where: CommunityScope | null, topic: FaqTopicId): Promise<Reply> {
    if (!where || !this.feedback) return this.topicReply(topic);
    return topicAnswer(await this.feedback.cache.get(where.communityId), topic);
  }
}

function answerReply(faq: CommunityFaq, match: FaqMatch, kept: boolean): Reply {
  if (!match.topic) {
    return reply({
      tone: 'question',
      title: 'Not sure I know that one',
      lines: [
        [UNSURE],
        ...match.suggestions.map((id): RichText => [`• ${getFaqEntry(id).title} (/preorder faq ${id})`]),
        ...(kept ? [[KEPT]] : []),
      ],
    });
  }
  return topicAnswer(faq, match.topic, match.suggestions);
}

function topicAnswer(faq: CommunityFaq, topic: FaqTopicId, related?: readonly FaqTopicId[]): Reply {
  const entry = getFaqEntry(topic);
  const see = (related ?? entry.related).slice(0, 3);
  return reply({
    tone: 'info',
    title: entry.title,
    lines: [
      [faq.answerOf(topic)],
      ...(faq.isEdited(topic) ? [['(This answer was written by this community’s moderators.)']] : []),
      ...(see.length > 0 ? [[`Related: ${see.join(', ')} (open with /preorder faq <topic>)`]] : []),
    ],
  });
}
