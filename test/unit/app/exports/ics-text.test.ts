import { expect, it } from 'vitest';
import { icsText, withFinalCrlf } from '../../../../src/app/exports/ics-text.ts';

it('escapes iCalendar TEXT: backslash first, then semicolon, comma and every kind of line break', () => {
  expect(icsText('AC\\DC; Vol\n2')).toBe('AC\\\\DC\\; Vol\\n2');
  expect(icsText('a,b\r\nc\rd')).toBe('a\\,b\\nc\\nd');
  expect(icsText('plain')).toBe('plain');
});

it('adds the final CRLF once', () => {
  expect(withFinalCrlf('END:VCALENDAR')).toBe('END:VCALENDAR\r\n');
  expect(withFinalCrlf('END:VCALENDAR\r\n')).toBe('END:VCALENDAR\r\n');
});
