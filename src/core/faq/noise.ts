/**
 * Messages that are not questions at all: greetings, thanks, chat filler and keyboard mashing.
 * They get a friendly pointer instead of an answer, and moderators never see them, so the
 * unanswered queue holds only real questions the FAQ could learn from.
 */
import { fold } from './normalize.ts';

/** Words that carry no question when they stand alone or only with each other. */
const FILLER: ReadonlySet<string> = new Set(
  (
    'hello hi hey hiya howdy yo morning afternoon evening night good everyone everybody all folks guys people ' +
    'there team thanks thank thx ty cheers ok okay k kk yes yeah yep yup no nope nah sure cool nice great ' +
    'lol lmao haha hehe hmm hm um uh oh wow test testing ping blah bye goodbye welcome sorry please pls you ' +
    'so much very really that this it was is helped helps helpful useful appreciate appreciated awesome perfect brilliant lovely'
  ).split(' '),
);

/** Letter runs typed by sliding along a keyboard row, forwards or backwards. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const onKeyboardRun = (word: string): boolean =>
  word.length >= 3 &&
  KEYBOARD_ROWS.some((row) => {
    const reversed = [...row].reverse().join('');
    return [row, reversed].some((line) =>
      [...word].every((_, i) => i === 0 || line.includes(word.slice(i - 1, i + 1))),
    );
  });

/** A word no language would write: a keyboard run, no vowel, or one letter over and over. */
function looksMashed(word: string): boolean {
  if (word.length < 3) return false;
  return onKeyboardRun(word) || !/[aeiouy]/.test(word) || /(.)\1\1/.test(word);
}

/**
 * True for a message with nothing to answer: no letters or digits at all, only filler words, or mostly
 * mashed keys (among words outside the FAQ's vocabulary). A short unknown real word ("taxes?") is not noise; it may be a question.
 */
export function isNoise(message: string, isDomainWord: (word: string) => boolean): boolean {
  // Digits count as content: "$99?" is a question about the fee.
  const words = fold(message).match(/[a-z0-9]+/g) ?? [];
  if (words.length === 0) return true;
  if (words.every((word) => FILLER.has(word))) return true;
  // "kdp" and "pdf" have no vowel either; only words the FAQ doesn't know can be mashing.
  const mashed = words.filter((word) => /^[a-z]+$/.test(word) && looksMashed(word) && !isDomainWord(word)).length;
  return mashed * 2 >= words.length;
}
