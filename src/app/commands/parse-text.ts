import { fail, ok, type Result } from '../../core/errors.ts';
import type { CommandSpec } from './define.ts';

/**
 * Turns typed command text (`title:"My Book" isbn:978… release:March 15, 2027`) into raw option
 * strings for the spec's schema. Accepts `key:value`, `key:"quoted value"`, `--key value` and
 * `--key=value`. Unquoted words after an option continue its value, so written dates need no
 * quotes; words before the first option fill the spec's positional option.
 */
export function parseCommandText(spec: CommandSpec, text: string): Result<Record<string, string>> {
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

interface Token {
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

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

/** Splits on whitespace; quotes may start a token or follow `key:` and keep spaces inside. */
function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
    if (i >= text.length) break;
    let word = '';
    let quoted = false;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      const close = QUOTES[ch];
      const startsValue = word === '' || word.endsWith(':') || word.endsWith('=');
      if (close && startsValue) {
        const end = text.indexOf(close, i + 1);
        if (end === -1)
          return fail('command', 'invalid', `A quote (${ch}) is not closed; close it so I can read the value.`);
        word += text.slice(i + 1, end);
        quoted = quoted || word === text.slice(i + 1, end);
        i = end + 1;
      } else {
        word += ch;
        i += 1;
      }
    }
    tokens.push({ text: word, quoted });
  }
  return ok(tokens);
}
