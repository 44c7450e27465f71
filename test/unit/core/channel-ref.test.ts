import { describe, expect, it } from 'vitest';
import { parseChannelRef } from '../../../src/core/channel-ref.ts';

describe('parseChannelRef', () => {
  it.each([
    ['<#123456789012345678>', '123456789012345678'],
    ['<#C0123ABCD|general>', 'C0123ABCD'],
    ['<#C0123ABCD>', 'C0123ABCD'],
    ['C0123ABCD', 'C0123ABCD'],
    ['#announcements', 'announcements'],
    ['  book-launches ', 'book-launches'],
  ])('reads %s as channel %s', (input, id) => {
    expect(parseChannelRef(input)).toEqual({ ok: true, value: id });
  });

  it.each(['off', 'OFF', 'none'])('reads %s as no channel', (input) => {
    expect(parseChannelRef(input)).toEqual({ ok: true, value: null });
  });

  it.each(['<@123456789012345678>', '@everyone', 'two words', '#', '<#>', 'x'.repeat(81)])(
    'refuses %s, naming the field and what is valid',
    (input) => {
      const result = parseChannelRef(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe('channel');
        expect(result.error.message).toMatch(/#channel/);
      }
    },
  );
});
