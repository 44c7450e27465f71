import { FAQ_ENTRIES, getFaqEntry, type FaqMatch, type FaqTopicId } from '../../core/faq/index.ts';
import type { CommunityFaq } from './community-faq.ts';
import { reply, type Reply, type ReplyAction, type RichText } from '../reply.ts';

/** How every FAQ reply reads: an answer, a "Did you mean…", a "not sure", or a pointer for chat. */

export const UNSURE =
  "I'm not sure which part of the pre-order process you mean. These topics are the closest; ask again with more detail or open one with /preorder faq <topic>.";
const KEPT = "I've kept your question for this community's moderators, so a future answer can be better.";
const DID_YOU_MEAN = 'I can read your question more than one way. Which of these did you mean?';
/** Questions that show what the FAQ covers; our own wording, all answered by the catalogue. */
const EXAMPLES = [
  '/preorder ask how much does Advantage cost?',
  '/preorder ask when do I press Publish on KDP?',
  '/preorder ask what do I do with new purchase orders?',
];
/** Two choices: the issue is telling two close topics apart, not browsing. */
const CHOICES = 2;

const topicAction = (id: FaqTopicId): ReplyAction => ({
  id: `faq:${id}`,
  label: getFaqEntry(id).title,
  command: `/preorder faq ${id}`,
});

const topicLine = (id: FaqTopicId): RichText => [`• ${getFaqEntry(id).title} (/preorder faq ${id})`];

export function answerReply(faq: CommunityFaq, match: FaqMatch, kept: boolean): Reply {
  if (match.topic) return topicAnswer(faq, match.topic, match.suggestions);
  if (match.kind === 'noise') return noiseReply();
  const keptLine = kept ? [[KEPT]] : [];
  if (match.kind === 'did-you-mean') {
    const choices = match.suggestions.slice(0, CHOICES);
    return reply({
      tone: 'question',
      title: 'Did you mean…?',
      lines: [[DID_YOU_MEAN], ...choices.map(topicLine), ...keptLine],
      actions: choices.map(topicAction),
    });
  }
  return reply({
    tone: 'question',
    title: 'Not sure I know that one',
    lines: [[UNSURE], ...match.suggestions.map(topicLine), ...keptLine],
  });
}

/** Greetings, thanks and keyboard mashing: a friendly pointer, nothing echoed back. */
export function noiseReply(): Reply {
  return reply({
    tone: 'info',
    title: 'Ask me about print pre-orders',
    lines: [
      ['I answer questions about setting up a print pre-order through Amazon Advantage. For example:'],
      ...EXAMPLES.map((example): RichText => [`• ${example}`]),
      ['Or see every topic with /preorder faq.'],
    ],
  });
}

/** `/preorder faq` with no topic: every topic id with its title, in catalogue order. */
export function topicListReply(): Reply {
  return reply({
    tone: 'info',
    title: `FAQ topics (${FAQ_ENTRIES.length})`,
    lines: [
      ['Open one with /preorder faq <topic>, or ask in your own words with /preorder ask.'],
      ...FAQ_ENTRIES.map((entry): RichText => [`• ${entry.id}: ${entry.title}`]),
    ],
  });
}

export function topicAnswer(faq: CommunityFaq, topic: FaqTopicId, related?: readonly FaqTopicId[]): Reply {
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
