import { fail, ok } from '../../core/errors.ts';
import type { Parser } from './parsers.ts';

/** Option kinds of the moderators' FAQ commands, spread into OPTION_KINDS (option-kinds.ts). */
/** Question ids are shown shortened; any prefix of four or more characters is taken back. */
const parseQuestionId: Parser<string> = (input, field) => {
  const id = input.trim().toLowerCase();
  return /^[0-9a-f][0-9a-f-]{3,35}$/.test(id)
    ? ok(id)
    : fail(field, 'invalid', `${field} is a question id from /preorder-admin unanswered, e.g. 3f2a9c1e.`);
};

/** Long enough for the catalogue's longest answers with room to spare; short enough for one message. */
const MAX_ANSWER = 1500;

const parseAnswer: Parser<string> = (input, field) => {
  const text = input.trim();
  if (text === '') return fail(field, 'required', `${field} is empty; write the answer members should see.`);
  if (text.length > MAX_ANSWER) {
    return fail(field, 'invalid', `${field} is ${text.length} characters long; keep it under ${MAX_ANSWER}.`);
  }
  return ok(text);
};

export const FAQ_KINDS = {
  'question-id': { parse: parseQuestionId, hint: 'a question id from /preorder-admin unanswered' },
  answer: { parse: parseAnswer, hint: `the answer text, up to ${MAX_ANSWER} characters` },
} as const;
