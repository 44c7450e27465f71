import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutralizeMentions, safeText } from '../../../src/core/text-safety.ts';

const Z = '\u200B';

describe('neutralizeMentions', () => {
  it.each([
    ['@everyone', `@${Z}everyone`],
    ['hi @Here and @CHANNEL', `hi @${Z}Here and @${Z}CHANNEL`],
    ['@@everyone', `@@${Z}everyone`],
    ['<@123>', `<${Z}@123>`],
    ['<@!123>', `<${Z}@!123>`],
    ['<@&123>', `<${Z}@&123>`],
    ['<#123>', `<${Z}#123>`],
    ['<!here> <!subteam^S1|x>', `<${Z}!here> <${Z}!subteam^S1|x>`],
    ['<@U123> <#C123|general>', `<${Z}@U123> <${Z}#C123|general>`],
  ])('%s', (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });

  it('leaves ordinary @ and < alone', () => {
    for (const text of ['Love @ First Sight', 'mail me@example.com', 'a < b', '<3', '</b>']) {
      expect(neutralizeMentions(text)).toBe(text);
    }
  });

  it('is idempotent', () => {
    const once = neutralizeMentions('@everyone <@1> <!here>');
    expect(neutralizeMentions(once)).toBe(once);
  });

  it('looks the same once zero-width spaces are removed', () => {
    const text = 'Ping @here <@123> <#C1|x> <!channel>';
    expect(neutralizeMentions(text).replaceAll(Z, '')).toBe(text);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['*bold*', '\\*bold\\*'],
    ['_it_', '\\_it\\_'],
    ['~~s~~', '\\~\\~s\\~\\~'],
    ['`code`', '\\`code\\`'],
    ['||spoiler||', '\\|\\|spoiler\\|\\|'],
    ['> quote', '\\> quote'],
    ['back\\slash', 'back\\\\slash'],
    ['\\*', '\\\\\\*'],
    ['[text](https://x.y)', '\\[text\\](https://x.y)'],
    ['# Heading', '\\# Heading'],
    ['### Heading', '\\### Heading'],
    ['-# small', '\\-# small'],
    ['line\n## Heading', 'line\n\\## Heading'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves plain text and non-heading # and - alone', () => {
    for (const text of ["Don't Look Back?", 'Salt & Stone', '#1 Fan', 'Before - After', 'A#B']) {
      expect(escapeMarkdown(text)).toBe(text);
    }
  });
});

describe('safeText', () => {
  it('neutralizes mentions and escapes markdown together', () => {
    expect(safeText('**@everyone** <@123>')).toBe(`\\*\\*@${Z}everyone\\*\\* <${Z}@123\\>`);
  });

  it('passes real titles through unchanged', () => {
    for (const title of ['The Girl Who Lived: A Novel', "Don't Look Back?", 'Salt & Stone']) {
      expect(safeText(title)).toBe(title);
    }
  });
});
