/**
 * Answers that would do harm if given to the wrong question, ruled out by meaning rather than
 * left to scores: each rule names a question shape and the topic it must never get.
 */
import type { FaqTopicId } from './topics.ts';

interface Guard {
  /** Why the answer would hurt, for the reader of this file. */
  why: string;
  applies: (tokens: ReadonlySet<string>) => boolean;
  never: FaqTopicId;
}

const mentionsKdpPublish = (t: ReadonlySet<string>): boolean => t.has('kdp') || t.has('publish');

export const GUARDS: readonly Guard[] = [
  {
    why: 'An author asking how far ahead to set up the pre-order who reads "36 to 48 hours" lists too late and loses the pre-order period.',
    applies: (t) => t.has('leadtime') && !mentionsKdpPublish(t),
    never: 'kdp-publish-timing',
  },
  {
    why: 'Someone who already pressed Publish needs to hear what that means now, not when to press it.',
    applies: (t) => (t.has('already') || t.has('accident')) && mentionsKdpPublish(t) && !t.has('when'),
    never: 'kdp-publish-timing',
  },
  {
    why: '"How many hours before release do I publish on KDP" asks for the publish window; the lead-time answer would leave the author without it.',
    applies: (t) => t.has('kdp') && t.has('publish'),
    never: 'setup-lead-time',
  },
];

/**
 * A request the bot itself would carry out ("can you remind me to confirm my POs") is about the
 * bot, whatever step it names: the bot's own topic goes first, level with the best, so the member
 * is asked which they meant rather than told how to confirm POs.
 */
export function preferBotRequests<T extends { topic: FaqTopicId; score: number }>(
  tokens: readonly string[],
  ranked: T[],
): T[] {
  const bot = ranked.find((r) => r.topic === 'bot-help');
  const best = ranked[0];
  if (!tokens.includes('botrequest') || !bot || !best || best === bot) return ranked;
  return [{ ...bot, score: best.score }, ...ranked.filter((r) => r !== bot)];
}

/** `ranked` without the topics a guard rules out for these question tokens (order kept). */
export function applyGuards<T extends { topic: FaqTopicId }>(tokens: readonly string[], ranked: T[]): T[] {
  const set = new Set(tokens);
  const banned = new Set(GUARDS.filter((guard) => guard.applies(set)).map((guard) => guard.never));
  return banned.size === 0 ? ranked : ranked.filter((r) => !banned.has(r.topic));
}
