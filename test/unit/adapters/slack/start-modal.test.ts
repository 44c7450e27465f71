import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../../src/app/campaigns/commands.ts';
import { errorReply } from '../../../../src/app/dispatch.ts';
import { reply } from '../../../../src/app/reply.ts';
import {
  readModalContext,
  readStartSubmission,
  replyFieldError,
  startFormErrors,
  startModalView,
  timeZoneOptions,
} from '../../../../src/adapters/slack/start-modal.ts';

describe('the start form', () => {
  const view = startModalView({ channelId: 'C1', responseUrl: 'https://hooks.slack.com/commands/1' });

  it('has one input per option of the start spec, required ones not optional', () => {
    expect(view.callback_id).toBe('pp-start');
    const blocks = view.blocks as { block_id: string; optional: boolean; element: { type: string } }[];
    expect(blocks.map((b) => b.block_id)).toEqual(startCommand.options.map((o) => o.name));
    expect(Object.fromEntries(blocks.map((b) => [b.block_id, [b.element.type, b.optional]]))).toEqual({
      title: ['plain_text_input', false],
      isbn: ['plain_text_input', false],
      release: ['datepicker', false],
      timezone: ['external_select', true],
      marketplace: ['static_select', true],
      printer: ['static_select', true],
    });
    const printer = blocks[5] as unknown as { element: { options: { value: string }[] } };
    expect(printer.element.options.map((o) => o.value)).toEqual([
      'kdp',
      'createspace',
      'ingramspark',
      'lightningsource',
    ]);
    expect(readModalContext(view.private_metadata)).toEqual({
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/commands/1',
    });
    expect(readModalContext('{"responseUrl":"file:///etc/passwd"}')).toEqual({});
    expect(readModalContext('not json')).toEqual({});
  });

  it('reads answers into raw option strings, leaving empty ones out', () => {
    expect(
      readStartSubmission({
        title: { value: { value: 'My Book' } },
        isbn: { value: { value: '' } },
        release: { value: { selected_date: '2027-03-15' } },
        timezone: { 'pp-timezone': { selected_option: null } },
        marketplace: { value: { selected_option: { value: 'UK' } } },
      }),
    ).toEqual({ title: 'My Book', release: '2027-03-15', marketplace: 'UK' });
  });

  it('reports every refused field under its block, with the schema’s own words', () => {
    const errors = startFormErrors({ title: 'My Book', isbn: '123', release: 'someday' });
    expect(Object.keys(errors ?? {}).sort()).toEqual(['isbn', 'release']);
    expect(startFormErrors({ title: 'My Book', isbn: '978-0-306-40615-7', release: '2027-03-15' })).toBeNull();
    expect(startFormErrors({ isbn: '978-0-306-40615-7', release: '2027-03-15' })).toEqual({
      title: 'title is required.',
    });
  });

  it('maps a service refusal about a form field back to that field only', () => {
    const refusal = errorReply({ field: 'release', code: 'invalid', message: 'Too soon.' });
    expect(replyFieldError(refusal)).toEqual({ release: 'Too soon.' });
    expect(replyFieldError(errorReply({ field: 'permission', code: 'forbidden', message: 'No.' }))).toBeNull();
    // A reply that merely looks like a refusal carries no problem, so it is not mapped.
    expect(replyFieldError(reply({ tone: 'error', title: 'Problem with release' }))).toBeNull();
  });

  it('suggests zones for the type-ahead', () => {
    expect(timeZoneOptions('new york').options[0]).toEqual({
      text: { type: 'plain_text', text: 'America/New_York', emoji: true },
      value: 'America/New_York',
    });
    expect(timeZoneOptions('').options.length).toBeGreaterThan(0);
  });
});
