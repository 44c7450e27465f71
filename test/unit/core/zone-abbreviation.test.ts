import { describe, expect, it } from 'vitest';
import { zoneAbbreviation } from '../../../src/core/zone-abbreviation.ts';

const WINTER = new Date('2027-01-15T12:00:00Z');
const SUMMER = new Date('2027-07-15T12:00:00Z');

describe('zoneAbbreviation', () => {
  it('says BST for a London summer and GMT for its winter, not GMT+1', () => {
    expect(zoneAbbreviation(SUMMER, 'Europe/London')).toBe('BST');
    expect(zoneAbbreviation(WINTER, 'Europe/London')).toBe('GMT');
  });

  it('follows the clock change to the hour', () => {
    // UK clocks go forward at 01:00 UTC on 28 March 2027.
    expect(zoneAbbreviation(new Date('2027-03-28T00:59:00Z'), 'Europe/London')).toBe('GMT');
    expect(zoneAbbreviation(new Date('2027-03-28T01:00:00Z'), 'Europe/London')).toBe('BST');
  });

  it.each([
    ['Europe/Dublin', 'GMT', 'IST'],
    ['Europe/Paris', 'CET', 'CEST'],
    ['Europe/Berlin', 'CET', 'CEST'],
    ['Europe/Lisbon', 'WET', 'WEST'],
    ['Europe/Athens', 'EET', 'EEST'],
    ['America/New_York', 'EST', 'EDT'],
    ['America/Los_Angeles', 'PST', 'PDT'],
    ['America/St_Johns', 'NST', 'NDT'],
    ['Asia/Kolkata', 'IST', 'IST'],
    ['Asia/Tokyo', 'JST', 'JST'],
    ['UTC', 'UTC', 'UTC'],
  ])('%s: %s in January, %s in July', (zone, winter, summer) => {
    expect(zoneAbbreviation(WINTER, zone)).toBe(winter);
    expect(zoneAbbreviation(SUMMER, zone)).toBe(summer);
  });

  it('knows the southern hemisphere has summer in January', () => {
    expect(zoneAbbreviation(WINTER, 'Australia/Sydney')).toBe('AEDT');
    expect(zoneAbbreviation(SUMMER, 'Australia/Sydney')).toBe('AEST');
    expect(zoneAbbreviation(WINTER, 'Australia/Brisbane')).toBe('AEST');
    expect(zoneAbbreviation(WINTER, 'Pacific/Auckland')).toBe('NZDT');
  });

  it('keeps the offset for zones without a common name', () => {
    expect(zoneAbbreviation(SUMMER, 'America/Sao_Paulo')).toBe('GMT-3');
    expect(zoneAbbreviation(SUMMER, 'Asia/Kathmandu')).toBe('GMT+5:45');
  });

  it('keeps the offset where a listed zone once kept other hours', () => {
    // In the summer of 1947 London kept double summer time, GMT+2: not an offset in the table.
    expect(zoneAbbreviation(new Date('1947-06-15T12:00:00Z'), 'Europe/London')).toBe('GMT+2');
  });
});
