import { describe, expect, it } from 'vitest';
import { TITLE_MAX_LENGTH, validateTitle } from '../../../src/core/title.ts';
import { error } from '../../support/results.ts';

describe('validateTitle: allowed', () => {
  it.each([
    'The Girl Who Lived: A Novel',
    "Don't Look Back?",
    'Salt & Stone',
    'Love @ First Sight',
    'Love <3 Forever',
    'A > B',
    '#1 Fan',
    '#MeToo Stories',
    'Wait—What?! (Book 2)',
    'Ready_Player One',
    'Star* Struck',
    'The Case of the 1/2 Moon; or, Why Not!',
    "L'Étranger",
    'Кот и Пёс',
    'Sunny Days ☀️ and 🌧️',
    'Tom | Jerry',
    '[Redacted] Diaries',
    'Before - After',
    'A'.repeat(TITLE_MAX_LENGTH),
  ])('%s', (title) => {
    expect(validateTitle(title)).toEqual({ ok: true, value: title });
  });

  it('trims and collapses whitespace, tabs included', () => {
    expect(validateTitle('  The   Girl\tWho \u00a0Lived  ')).toEqual({
      ok: true,
      value: 'The Girl Who Lived',
    });
  });

  it('drops a trailing newline picked up when pasting', () => {
    expect(validateTitle('Salt & Stone\n')).toEqual({ ok: true, value: 'Salt & Stone' });
  });

  it('normalises to NFC so the same title is stored the same way', () => {
    expect(validateTitle('Cafe\u0301 Stories')).toEqual({ ok: true, value: 'Caf\u00e9 Stories' });
  });
});

describe('validateTitle: required and length', () => {
  it.each(['', '   ', '\t\n'])('asks for a title when empty: %j', (input) => {
    expect(error(validateTitle(input))).toMatchObject({ field: 'title', code: 'required' });
  });

  it('allows exactly 200 characters and refuses 201 and 500, saying the limit and the length', () => {
    expect(validateTitle('x'.repeat(200)).ok).toBe(true);
    for (const length of [201, 500]) {
      const e = error(validateTitle('x'.repeat(length)));
      expect(e).toMatchObject({ field: 'title', code: 'invalid' });
      expect(e.message).toContain('at most 200 characters');
      expect(e.message).toContain(`has ${length}`);
    }
  });

  it('measures length after collapsing spaces', () => {
    expect(validateTitle(`${'x'.repeat(100)}      ${'y'.repeat(99)}`).ok).toBe(true);
  });

  it('counts characters as a member sees them, not UTF-16 units', () => {
    expect(validateTitle('😀'.repeat(200)).ok).toBe(true);
    expect(error(validateTitle('😀'.repeat(201))).message).toContain('has 201');
  });
});

describe('validateTitle: refused', () => {
  const refused: [string, string, RegExp][] = [
    ['mass mention', 'Hello @everyone', /@-mention of everyone, here or channel/],
    ['mass mention, any case', 'Hi @EveryOne', /@-mention/],
    ['@here', 'Over @here', /@-mention/],
    ['@channel', 'To the @Channel', /@-mention/],
    ['Discord user mention', 'By <@123456789>', /angle brackets/],
    ['Discord nickname mention', 'By <@!123456789>', /angle brackets/],
    ['Discord role mention', 'For <@&123456789>', /angle brackets/],
    ['Discord channel link', 'See <#123456789>', /angle brackets/],
    ['Discord slash command', 'Try </preorder:123456789>', /angle brackets/],
    ['Slack <!here>', 'Hey <!here>', /angle brackets/],
    ['Slack <!channel>', 'Hey <!channel>', /angle brackets/],
    ['Slack <!everyone>', 'Hey <!everyone>', /angle brackets/],
    ['Slack user group', 'Hey <!subteam^S012AB3CD|authors>', /angle brackets/],
    ['Slack user', 'By <@U0123ABC>', /angle brackets/],
    ['Slack channel', 'See <#C0123ABC|general>', /angle brackets/],
    ['Slack link', 'Read <https://example.com|this>', /angle brackets/],
    ['bare link', 'Read <https://example.com>', /angle brackets/],
    ['backtick', 'The `Code` Book', /backtick/],
    ['bold', 'A **Bold** Tale', /doubled/],
    ['underline', 'An __Underlined__ Tale', /doubled/],
    ['strikethrough', 'A ~~Struck~~ Tale', /doubled/],
    ['spoiler', 'The Killer Is ||Bob||', /doubled/],
    ['masked link', 'Buy [here](https://example.com)', /link/],
    ['quote', '> Quoted', /leading >, # or -#/],
    ['quote without space', '>Quoted', /leading/],
    ['heading', '# Big Title', /leading/],
    ['level-3 heading', '### Big Title', /leading/],
    ['lone #', '#', /leading/],
    ['subtext', '-# small print', /leading/],
    ['M*A*S*H', 'M*A*S*H', /more than one asterisk/],
    ['italic asterisks', 'An *Italic* Tale', /more than one asterisk/],
    ['italic underscores', 'An _Italic_ Tale', /more than one underscore/],
  ];

  it.each(refused)('%s', (_name, title, reason) => {
    const e = error(validateTitle(title));
    expect(e).toMatchObject({ field: 'title', code: 'invalid' });
    expect(e.message).toMatch(reason);
    expect(e.message).toContain('community channels');
    expect(e.message).toContain('ping anyone or change formatting');
  });

  it('never repeats a mention in its own message', () => {
    for (const title of ['Hello @everyone', 'Hi @here', 'Hey <!here>', 'By <@123>']) {
      const { message } = error(validateTitle(title));
      expect(message).not.toMatch(/@(everyone|here|channel)/i);
      expect(message).not.toMatch(/<[@#!]/);
    }
  });

  it.each([
    ['line break', 'Line one\nLine two', /one line/],
    ['carriage return', 'Line one\r\nLine two', /one line/],
    ['unicode line separator', 'Line one\u2028Line two', /one line/],
    ['NUL', 'Bad\u0000Title', /control character/],
    ['escape', 'Bad\u001b[31mTitle', /control character/],
    ['DEL', 'Bad\u007fTitle', /control character/],
    ['bidi override', 'Bad\u202eeltiT', /control character/],
  ])('refuses %s', (_name, title, reason) => {
    const e = error(validateTitle(title));
    expect(e).toMatchObject({ field: 'title', code: 'invalid' });
    expect(e.message).toMatch(reason);
  });

  it.each([
    ['a zero-width space inside', 'The Salt\u200bRoad'],
    ['a zero-width space at the end', 'The Salt Road\u200b'],
    ['only zero-width spaces', '\u200b\u200b\u200b'],
    ['a zero-width joiner between Latin letters', 'Sa\u200dlt Road'],
    ['a zero-width non-joiner between Latin letters', 'Sa\u200clt Road'],
    ['a zero-width non-joiner between Cyrillic letters', 'Ко\u200cт'],
    ['a word joiner', 'Salt\u2060Road'],
    ['a soft hyphen', 'Salt\u00adRoad'],
    ['a left-to-right mark', 'Salt Road\u200e'],
    ['a Hangul filler', 'Salt\u3164Road'],
    ['a tag character', 'Salt\u{E0041}Road'],
  ])('refuses %s, which makes look-alike titles', (_name, title) => {
    const e = error(validateTitle(title));
    expect(e).toMatchObject({ field: 'title', code: 'invalid' });
    expect(e.message).toMatch(/invisible character.*look the same/);
  });

  it.each([
    ['an emoji sequence joined by a zero-width joiner', 'Code Nights 👩\u200d💻'],
    ['a family emoji with skin tones', 'Home 👩🏽\u200d👧🏽'],
    ['a Persian word with its non-joiner', 'می\u200cخواهم'],
    ['a Devanagari conjunct with a joiner', 'क्\u200dष'],
  ])('keeps %s', (_name, title) => {
    expect(validateTitle(title)).toEqual({ ok: true, value: title.normalize('NFC') });
  });

  it('names the field it was given', () => {
    const e = error(validateTitle('@here', 'series'));
    expect(e.field).toBe('series');
    expect(e.message).toMatch(/^The series /);
  });
});
