import { describe, expect, it } from 'vitest';
import { at, formatInstant, onDate, reply } from '../../../src/app/reply.ts';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const release = new Date('2027-03-15T04:00:00Z');
const opens = new Date('2027-03-13T05:00:00Z');
const closes = new Date('2027-03-13T17:00:00Z');

describe('plain text: instants in people words', () => {
  it('says BST in a London summer, where ICU would write GMT+1', () => {
    expect(formatInstant(new Date('2027-07-01T08:30:00Z'), LONDON)).toBe('Thu 1 Jul 2027, 09:30 BST (Europe/London)');
    expect(formatInstant(new Date('2027-01-04T08:30:00Z'), LONDON)).toBe('Mon 4 Jan 2027, 08:30 GMT (Europe/London)');
  });

  it('names the zone once in a reply whose instants share it, at the first', () => {
    const r = reply({
      title: 'Status',
      lines: [
        ['release ', onDate(release, NY)],
        ['Window: ', at(opens, NY), ' until ', at(closes, NY)],
      ],
      fields: [{ label: 'Next', value: ['from ', at(closes, NY)] }],
    });
    expect(r.fallback).toBe(
      [
        'Status',
        'release Mon 15 Mar 2027 (America/New_York)',
        'Window: Sat 13 Mar 2027, 00:00 EST until Sat 13 Mar 2027, 12:00 EST',
        '• Next: from Sat 13 Mar 2027, 12:00 EST',
      ].join('\n'),
    );
    expect(r.fallback.match(/America\/New_York/g)).toHaveLength(1);
  });

  it('names each zone once per line when a reply mixes zones', () => {
    const r = reply({
      title: 'Board',
      lines: [
        ['NY: ', at(opens, NY), ' until ', at(closes, NY)],
        ['London: ', at(opens, LONDON), ' until ', at(closes, LONDON)],
        ['NY again: ', at(opens, NY)],
      ],
    });
    expect(r.fallback.split('\n').slice(1)).toEqual([
      'NY: Sat 13 Mar 2027, 00:00 EST (America/New_York) until Sat 13 Mar 2027, 12:00 EST',
      'London: Sat 13 Mar 2027, 05:00 GMT (Europe/London) until Sat 13 Mar 2027, 17:00 GMT',
      'NY again: Sat 13 Mar 2027, 00:00 EST (America/New_York)',
    ]);
  });
});
