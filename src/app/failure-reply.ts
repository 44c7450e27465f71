import { randomUUID } from 'node:crypto';
import { reply, type Reply } from './reply.ts';

/**
 * What a member is told when something broke on our side, in dispatch or in an adapter around it:
 * one wording everywhere, naming the reference logged with the error.
 */
export function failureReply(ref: string): Reply {
  return reply({
    tone: 'error',
    title: 'Something went wrong on my side',
    lines: [
      [
        // Not "nothing changed": a failure can come after a change was saved (while answering).
        `I could not finish that. Before trying again, check whether it took effect (/preorder status shows your campaigns); if it keeps happening, tell a moderator (reference ${ref}).`,
      ],
    ],
  });
}

/**
 * Logs an unexpected failure under a fresh short reference and returns the reply naming it, so
 * the member can quote it to a moderator who then finds the log line.
 */
export function reportFailure(
  logger: { error(obj: object, msg: string): void },
  message: string,
  fields: { err: unknown } & Record<string, unknown>,
): Reply {
  const ref = randomUUID().slice(0, 8);
  logger.error({ ...fields, ref }, message);
  return failureReply(ref);
}
