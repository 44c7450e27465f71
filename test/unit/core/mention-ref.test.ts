import { describe, expect, it } from 'vitest';
import { parseHour, parseMemberRef, parseMentionableRef } from '../../../src/core/mention-ref.ts';
import { error, value } from '../../support/results.ts';

describe('member and role references as each platform sends them', () => {
  it('reads user mentions (Discord, Slack) as ids that need no lookup', () => {
    expect(value(parseMemberRef('<@123456789012345678>'))).toEqual({
      id: '123456789012345678',
      kind: 'user',
      mention: true,
      label: '123456789012345678',
    });
    expect(value(parseMemberRef('<@!42>'))).toMatchObject({ id: '42', mention: true });
    expect(value(parseMemberRef('<@U0123ABC|sam>'))).toMatchObject({ id: 'U0123ABC', label: 'sam', mention: true });
  });

  it('keeps typed names and raw ids for the service to resolve', () => {
    expect(value(parseMemberRef('Zoë Q'))).toEqual({ id: 'Zoë Q', kind: 'unknown', mention: false, label: 'Zoë Q' });
    expect(value(parseMemberRef('@Sam'))).toMatchObject({ id: 'Sam', mention: false });
    expect(value(parseMemberRef('member:sam'))).toMatchObject({ id: 'member:sam' });
  });

  it('reads roles and Slack user groups only where roles are allowed', () => {
    expect(value(parseMentionableRef('<@&998877>'))).toMatchObject({ id: '998877', kind: 'role', mention: true });
    expect(value(parseMentionableRef('<!subteam^S0456|editors>'))).toMatchObject({
      id: 'S0456',
      kind: 'role',
      label: 'editors',
    });
    expect(error(parseMemberRef('<@&998877>', 'member'))).toMatchObject({ field: 'member', code: 'invalid' });
    expect(error(parseMentionableRef('', 'add_moderator'))).toMatchObject({ field: 'add_moderator' });
  });

  it('reads whole hours 0–23 and refuses the rest, naming the field', () => {
    expect(['0', '9', '09', '09:00', '23', '9am', '12am', '12pm', '6pm'].map((h) => value(parseHour(h)))).toEqual([
      0, 9, 9, 9, 23, 9, 0, 12, 18,
    ]);
    for (const bad of ['24', '-1', '9:30', 'soon', '13pm', '']) {
      expect(error(parseHour(bad, 'digest_hour')), bad).toMatchObject({ field: 'digest_hour', code: 'invalid' });
    }
  });
});
