import type { FaqTopicId } from './topics.ts';

/**
 * One FAQ answer. Answers are written in the project's own words (facts from the practitioner
 * article, never its sentences); aliases are the ways members actually ask, and feed the matcher.
 */
export interface FaqEntry {
  id: FaqTopicId;
  /** Short heading, also shown in topic autocomplete. */
  title: string;
  /** 2–6 friendly, precise sentences. */
  answer: string;
  /** Whole questions or phrases members use for this topic. */
  aliases: string[];
  /** Distinctive single words or short terms. */
  keywords: string[];
  related: FaqTopicId[];
}
