import { createHash } from 'node:crypto';

/**
 * RFC 5545 TEXT: backslash, semicolon and comma are escaped and a line break becomes `\n`.
 * ical-generator does this for SUMMARY and DESCRIPTION but writes the calendar's NAME,
 * X-WR-CALNAME and X-WR-CALDESC as given, so a title like `AC\DC; Vol` broke the calendar name.
 */
export function icsText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 ends every content line with CRLF, the last included; ical-generator leaves it off. */
export function withFinalCrlf(ics: string): string {
  return ics.endsWith('\r\n') ? ics : `${ics}\r\n`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
