import { createFaqMatcher, getFaqEntry, type FaqMatch, type FaqTopicId } from '../../core/faq/index.ts';
import { reply, type Reply, type RichText } from '../reply.ts';

export interface AskResult {
  match: FaqMatch;
  answer: string;
}

const UNSURE =
  "I'm not sure which part of the pre-order process you mean. These topics are the closest; ask again with more detail or open one with /preorder faq <topic>.";

/** Answers process questions from the knowledge base; never invents an answer. */
export class FaqService {
  private readonly matcher = createFaqMatcher();

  ask(question: string): AskResult {
    const match = this.matcher.match(question);
    const answer = match.topic ? getFaqEntry(match.topic)!.answer : UNSURE;
    return { match, answer };
  }

  suggestTopics(query: string, limit = 25): FaqTopicId[] {
    return this.matcher.suggest(query, limit);
  }

  askReply(question: string): Reply {
    const { match, answer } = this.ask(question);
    if (!match.topic) {
      return reply({
        tone: 'question',
        title: 'Not sure I know that one',
        lines: [
          [answer],
          ...match.suggestions.map((id): RichText => [`• ${getFaqEntry(id)!.title} (/preorder faq ${id})`]),
        ],
      });
    }
    return this.topicReply(match.topic, match.suggestions);
  }

  topicReply(topic: FaqTopicId, related?: readonly FaqTopicId[]): Reply {
    const entry = getFaqEntry(topic)!;
    const see = (related ?? entry.related).slice(0, 3);
    return reply({
      tone: 'info',
      title: entry.title,
      lines: [
        [entry.answer],
        ...(see.length > 0 ? [[`Related: ${see.join(', ')} (open with /preorder faq <topic>)`]] : []),
      ],
    });
  }
}
