import { describe, expect, it } from 'vitest';
import { parseCommandText, tokenize } from '../../../../src/app/commands/parse-text.ts';
import { prng } from '../../../support/prng.ts';
import { doneCommand, startCommand } from '../../../../src/app/campaigns/commands.ts';
import { helpCommand } from '../../../../src/app/commands/registry.ts';
import { askCommand } from '../../../../src/app/faq/commands.ts';
import type { CommandSpec } from '../../../../src/app/commands/define.ts';

const parse = (spec: unknown, text: string) => parseCommandText(spec as CommandSpec, text);

describe('typed command text', () => {
  it('reads key:value, quoted values and --flags into the same object', () => {
    const a = parse(
      startCommand,
      'title:"My Book" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York',
    );
    const b = parse(
      startCommand,
      '--title "My Book" --isbn=978-0-306-40615-7 --release 2027-03-15 --timezone America/New_York',
    );
    const expected = {
      title: 'My Book',
      isbn: '978-0-306-40615-7',
      release: '2027-03-15',
      timezone: 'America/New_York',
    };
    expect(a).toEqual({ ok: true, value: expected });
    expect(b).toEqual({ ok: true, value: expected });
  });

  it('lets unquoted words continue a value, so written dates need no quotes', () => {
    const r = parse(startCommand, 'title:Salt and Stone isbn:0306406152 release:March 15, 2027 timezone:New York');
    expect(r).toEqual({
      ok: true,
      value: { title: 'Salt and Stone', isbn: '0306406152', release: 'March 15, 2027', timezone: 'New York' },
    });
  });

  it('keeps smart quotes and colons inside titles', () => {
    expect(parse(startCommand, 'title:“Book One: Rise” isbn:1')).toEqual({
      ok: true,
      value: { title: 'Book One: Rise', isbn: '1' },
    });
  });

  it('fills the positional option from leading words', () => {
    expect(parse(doneCommand, 'kdp-publish campaign:"My Book"')).toEqual({
      ok: true,
      value: { milestone: 'kdp-publish', campaign: 'My Book' },
    });
    expect(parse(askCommand, 'what is a PO: and why https://amazon.com/dp/x?')).toEqual({
      ok: true,
      value: { question: 'what is a PO: and why https://amazon.com/dp/x?' },
    });
  });

  it('names an unknown option, a repeated one and an unclosed quote', () => {
    expect(parse(startCommand, 'title:x colour:blue')).toMatchObject({ ok: false, error: { field: 'colour' } });
    expect(parse(startCommand, 'title:x title:y')).toMatchObject({ ok: false, error: { field: 'title' } });
    expect(parse(startCommand, 'title:"open')).toMatchObject({ ok: false, error: { field: 'command' } });
    expect(parse(helpCommand, 'extra words')).toMatchObject({ ok: false, error: { field: 'help' } });
  });
});

/** The tokenizer as it was (quadratic on long words), kept as the oracle the linear one must match. */
function referenceTokenize(text: string): { text: string; quoted: boolean }[] | 'unclosed' {
  const quotes: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
  const tokens: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
    if (i >= text.length) break;
    let word = '';
    let quoted = false;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      const close = quotes[ch];
      if (close && (word === '' || word.endsWith(':') || word.endsWith('='))) {
        const end = text.indexOf(close, i + 1);
        if (end === -1) return 'unclosed';
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
  return tokens;
}

/** The best of a few runs: one slow run on a busy two-core machine says nothing about the code. */
function bestMs(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('the tokenizer on long and tricky input', () => {
  it('splits exactly as the earlier tokenizer did, on thousands of generated lines', () => {
    const random = prng(13);
    const alphabet = ['a', 'b', ':', '=', '"', "'", '“', '”', '‘', '’', ' ', ' ', '\u00a0', '\t', 'x:', '--k'];
    for (let n = 0; n < 5_000; n++) {
      const length = Math.floor(random() * 24);
      const line = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const expected = referenceTokenize(line);
      const got = tokenize(line);
      if (expected === 'unclosed') expect(got, JSON.stringify(line)).toMatchObject({ ok: false });
      else expect(got, JSON.stringify(line)).toEqual({ ok: true, value: expected });
    }
  });

  it('refuses a 1 MB line by its length, naming the limit, before reading it', () => {
    const line = `title:"${'x'.repeat(1_048_576)}"`;
    const result = parse(startCommand, line);
    expect(result).toMatchObject({ ok: false, error: { field: 'command', code: 'invalid' } });
    expect(!result.ok && result.error.message).toMatch(/1,048,584 characters long; the limit is 4,000/);
    expect(bestMs(3, () => parse(startCommand, line))).toBeLessThan(50);
  });

  it('tokenizes a 1 MB single word in linear time: under 50 ms (64 KB first, so a quadratic one fails fast)', () => {
    // One long word is the worst case: the earlier tokenizer re-read the word on every character.
    for (const size of [65_536, 1_048_576]) {
      const word = `title:${'x'.repeat(size)}`;
      const result = tokenize(word);
      expect(result.ok && result.value[0]!.text.length).toBe(size + 6);
      expect(
        bestMs(3, () => tokenize(word)),
        `${size} characters`,
      ).toBeLessThan(50);
    }
  });
});
