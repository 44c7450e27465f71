import { DateTime } from 'luxon';
import type { Reply, RichText, Segment } from './reply.ts';

/** Shows an instant in a campaign's zone with the zone's name, e.g. "Mon 15 Mar 2027, 00:00 EDT (America/New_York)". */
export function formatInstant(instant: Date, zone: string, style: 'datetime' | 'date' = 'datetime'): string {
  const local = DateTime.fromJSDate(instant, { zone });
  if (style === 'date') return `${local.toFormat('ccc d LLL yyyy')} (${zone})`;
  return `${local.toFormat('ccc d LLL yyyy, HH:mm ZZZZ')} (${zone})`;
}

export function segmentText(segment: Segment): string {
  if (typeof segment === 'string') return segment;
  if ('instant' in segment) return formatInstant(segment.instant, segment.zone, segment.style);
  if ('channel' in segment) return `#${segment.channel}`;
  return segment.label === segment.url ? segment.url : `${segment.label} <${segment.url}>`;
}

export const richText = (text: RichText): string => text.map(segmentText).join('');

const TONE_MARK: Record<Reply['tone'], string> = {
  info: '',
  success: '✓ ',
  warning: '! ',
  error: '✗ ',
  question: '? ',
};

/** The plain-text form of a reply: the console's whole rendering and every platform's fallback. */
export function renderPlainText(reply: Omit<Reply, 'fallback'>): string {
  const out: string[] = [`${TONE_MARK[reply.tone]}${reply.title}`];
  for (const line of reply.lines) out.push(richText(line));
  for (const field of reply.fields) out.push(`• ${field.label}: ${richText(field.value)}`);
  if (reply.actions.length > 0) {
    out.push(`Actions: ${reply.actions.map((a) => `${a.label} (${a.command})`).join(' · ')}`);
  }
  for (const file of reply.files) out.push(`📎 ${file.name}: ${file.description}`);
  return out.join('\n');
}
