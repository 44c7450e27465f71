import { describe, expect, it } from 'vitest';
import { closestNames, nameDistance } from '../../../src/core/closest-names.ts';

const COMMANDS = ['start', 'status', 'done', 'skip', 'undo', 'edit', 'cancel', 'ask', 'faq', 'help'];
const STEPS = ['kdp-files-ready', 'kdp-publish', 'zero-out-pos', 'confirm-pos', 'close-aa-account'];

describe('closest names', () => {
  it('suggests the nearest command for a typo, and only the nearest', () => {
    expect(closestNames('stats', COMMANDS)).toEqual(['status']);
    expect(closestNames('stauts', COMMANDS)).toEqual(['status']);
    expect(closestNames('Hepl', COMMANDS)).toEqual(['help']);
  });

  it('ignores word order in hyphenated names', () => {
    expect(nameDistance('publish-kdp', 'kdp-publish')).toBe(0);
    expect(closestNames('publish-kdp', STEPS)).toEqual(['kdp-publish']);
    expect(closestNames('pos-confirm', STEPS)).toEqual(['confirm-pos']);
  });

  it('offers nothing for a word that is not close to any name', () => {
    expect(closestNames('weather', COMMANDS)).toEqual([]);
    expect(closestNames('', COMMANDS)).toEqual([]);
    expect(closestNames('   ', STEPS)).toEqual([]);
  });
});
