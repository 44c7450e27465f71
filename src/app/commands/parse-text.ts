import { fail, ok, type Result } from '../../core/errors.ts';
import type { CommandSpec } from './define.ts';

/**
 * The longest command line read. The longest single value (a moderator's FAQ answer) is 1,500
 * characters, so this leaves room for every option at once while a pasted novel is refused before
 * any parsing starts.
 */
export const MAX_COMMAND_LENGTH = 4_000;

/** Refuses an over-long line by its length alone, before any work proportional to its content. */
export function checkCommandLength(text: string): Result<string> {
  if (text.length <= MAX_COMMAND_LENGTH) return ok(text);
  const count = (n: number) => n.toLocaleString('en-US');
  return fail(
    'command',
    'invalid',
    `That command is ${count(text.length)} characters long; the limit is ${count(MAX_COMMAND_LENGTH)}. ` +
      'Please shorten it: each option has its own, smaller limit too.',
  );
}

/**
 * Turns typed command text (`title:"My Book" isbn:978… release:March 15, 2027`) into raw option
 * strings for the spec's schema. Accepts `key:value`, `key:"quoted value"`, `--key value` and
 * `--key=value`. Unquoted words after an option continue its value, so written dates need no
 * quotes; words before the first option fill the spec's positional option.
 */
export function parseCommandText(spec: CommandSpec, text: string): Result<Record<string, string>> {
  const tooLong = checkCommandLength(text);
  if (!tooLong.ok) return tooLong;
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const names = new Map(spec.options.map((o) => [o.name.toLowerCase(), o.name]));
  const positional = spec.options.find((o) => o.positional);
  const values = new Map<string, string[]>();
  let current: string | undefined;
  const append = (name: string, word: string) => values.get(name)!.push(word);

  for (let i = 0; i < tokens.value.length; i += 1) {
    const token = tokens.value[i]!;
    const option = token.quoted ? undefined : matchOption(token.text, names);
    if (option && option.kind === 'flag' && option.value === undefined) {
      const next = tokens.value[i + 1];
      if (!next) return fail(option.name, 'required', `--${option.name} needs a value.`);
      option.value = next.text;
      i += 1;
    }
    if (option) {
      if (values.has(option.name)) return fail(option.name, 'invalid', `${option.name} is given twice; give it once.`);
      values.set(option.name, option.value === '' || option.value === undefined ? [] : [option.value]);
      current = option.name;
      continue;
    }
    const target = current ?? positional?.name;
    const freeText = spec.options.find((o) => o.name === target)?.kind === 'question';
    if (!token.quoted && !freeText && /^(--[a-z]|[a-z][\w-]*:\S)/i.test(token.text)) {
      const key = token.text.replace(/^--/, '').split(/[:=]/)[0]!;
      return fail(
        key,
        'invalid',
        `${spec.name} has no option "${key}". Valid options: ${spec.options.map((o) => o.name).join(', ') || 'none'}.`,
      );
    }
    if (current) {
      append(current, token.text);
    } else if (positional) {
      if (!values.has(positional.name)) values.set(positional.name, []);
      append(positional.name, token.text);
      current = positional.name;
    } else {
      return fail(spec.name, 'invalid', `Unexpected "${token.text}". Usage: ${usageHint(spec)}`);
    }
  }
  const raw: Record<string, string> = {};
  for (const [name, words] of values) raw[name] = words.join(' ');
  return ok(raw);
}

const usageHint = (spec: CommandSpec) =>
  spec.options.length === 0 ? `/${spec.group} ${spec.name} takes no options.` : (spec.examples[0] ?? '');

export interface Token {
  text: string;
  quoted: boolean;
}

interface OptionToken {
  name: string;
  value: string | undefined;
  kind: 'pair' | 'flag';
}

function matchOption(text: string, names: Map<string, string>): OptionToken | undefined {
  const flag = /^--([a-z][\w-]*)(?:=(.*))?$/i.exec(text);
  if (flag) {
    const name = names.get(flag[1]!.toLowerCase());
    return name ? { name, value: flag[2], kind: 'flag' } : undefined;
  }
  const pair = /^([a-z][\w-]*):(.*)$/is.exec(text);
  if (pair) {
    const name = names.get(pair[1]!.toLowerCase());
    return name ? { name, value: pair[2], kind: 'pair' } : undefined;
  }
  return undefined;
}

/** Opening quote → its closing quote: straight quotes close themselves. */
const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
const COLON = 0x3a;
const EQUALS = 0x3d;
/** The next character that matters inside a word: whitespace ends it, a quote may open a value. */
const WORD_STOP = /[\s"'“‘]/g;
const WORD_START = /\S/g;

/**
 * Splits on whitespace; quotes may start a token or follow `key:` and keep spaces inside.
 * Linear in the length of the text: the regular expressions jump to the next character that
 * matters, words are sliced out of the text rather than grown a character at a time, and "does
 * the word so far end with : or =" is answered from the last character kept.
 */
export function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    WORD_START.lastIndex = i;
    const first = WORD_START.exec(text);
    if (!first) break;
    i = first.index;
    const parts: string[] = [];
    let empty = true;
    let tail = 0;
    let quoted = false;
    let run = i;
    for (;;) {
      WORD_STOP.lastIndex = i;
      const stop = WORD_STOP.exec(text);
      const close = stop ? CLOSING_QUOTE[stop[0]] : undefined;
      if (!stop || close === undefined) {
        i = stop ? stop.index : text.length;
        break;
      }
      const at = stop.index;
      const before = at > run ? text.charCodeAt(at - 1) : tail;
      if (!(empty && at === run) && before !== COLON && before !== EQUALS) {
        i = at + 1;
        continue;
      }
      if (at > run) {
        parts.push(text.slice(run, at));
        empty = false;
        tail = before;
      }
      const end = text.indexOf(close, at + 1);
      if (end === -1)
        return fail('command', 'invalid', `A quote (${stop[0]}) is not closed; close it so I can read the value.`);
      // A token is quoted when a quote opens it: `title:"x"` is still an option, `"title:x"` is text.
      quoted = quoted || empty;
      if (end > at + 1) {
        parts.push(text.slice(at + 1, end));
        empty = false;
        tail = text.charCodeAt(end - 1);
      }
      i = end + 1;
      run = i;
    }
    if (i > run) parts.push(text.slice(run, i));
    tokens.push({ text: parts.join(''), quoted });
  }
  return ok(tokens);
}
