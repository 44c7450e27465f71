import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/app/commands/parse-text.ts';
import { askCommand, doneCommand, helpCommand, startCommand } from '../../../src/app/commands/specs.ts';
import type { CommandSpec } from '../../../src/app/commands/define.ts';

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
