/**
 * What a form submission becomes: the button's command with each filled field appended as
 * `name:"value"`, the same text a member could have typed. Field names come back from the platform
 * (a Discord text input's custom id, a Slack block id), so they are untrusted: only plain option
 * names are kept, and a name the command already carries is dropped, so a forged field can never
 * replace the campaign a button was bound to. Dispatch then checks the whole line like any other.
 */
/**
 * Our own cap on one form field (a Discord text input, a Slack plain-text input): each holds one
 * short option value, far inside both platforms' limits.
 */
export const FORM_VALUE_MAX_LENGTH = 300;

export interface FormValue {
  name: string;
  value: string;
}

const FIELD_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** Quote pairs the command parser understands; the first whose closing mark the value lacks is used. */
const QUOTES: readonly [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
];

/**
 * The parser has no escape character, so a value is wrapped in a quote it does not contain; a
 * value holding every kind has its straight double quotes turned into typographic ones.
 */
export function quoteValue(value: string): string {
  const pair = QUOTES.find(([, close]) => !value.includes(close));
  if (pair) return `${pair[0]}${value}${pair[1]}`;
  return `"${value.replace(/"/g, '”')}"`;
}

export function formCommand(command: string, values: readonly FormValue[]): string {
  const present = new Set([...command.matchAll(/(?:^|\s)(?:--)?([a-z][\w-]*)[:=]/gi)].map((m) => m[1]!.toLowerCase()));
  const parts = [command.trim()];
  for (const { name, value } of values) {
    const key = name.toLowerCase();
    // Single-line inputs: a pasted newline would otherwise end the option early.
    const text = value.replace(/\s+/g, ' ').trim();
    if (!FIELD_NAME.test(key) || present.has(key) || text === '') continue;
    present.add(key);
    parts.push(`${key}:${quoteValue(text)}`);
  }
  return parts.join(' ');
}
