import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventTransparency,
  type ICalRepeatingOptions,
} from 'ical-generator';
import type { DateTime } from 'luxon';
import { icsText, sha256Hex, withFinalCrlf } from './ics-text.ts';
import type { CalendarRevisionStore } from './ports.ts';

const HOUR_S = 3600;

/** One calendar event before it is written: the plan's view of it, with no SEQUENCE yet. */
export interface CalendarEvent {
  uid: string;
  campaignId: string;
  start: Date | DateTime;
  end: Date | DateTime;
  /** set for a time that must follow the zone's clock (the daily check's 09:00) */
  timezone?: string;
  repeating?: ICalRepeatingOptions;
  summary: string;
  description: string;
  alarms: { at: 'start' | 'hour-before-end'; text: string }[];
}

export interface CalendarMeta {
  name: string;
  description: string;
  /** how often a subscribed client should poll, in seconds; a one-off file has none */
  refreshSeconds?: number;
}

const instant = (t: Date | DateTime): string => ('toISO' in t ? (t.toISO() ?? '') : t.toISOString());

/**
 * What a calendar app must see change to update its copy: the times, the recurrence and the
 * summary. The description (settled or not) does not count, so marking a step done keeps its SEQUENCE.
 */
export function eventRevisionHash(event: CalendarEvent): string {
  const until = event.repeating?.until;
  return sha256Hex(
    JSON.stringify([
      instant(event.start),
      instant(event.end),
      event.timezone ?? '',
      event.repeating?.freq ?? '',
      until && typeof until === 'object' ? instant(until as Date | DateTime) : String(until ?? ''),
      event.summary,
    ]),
  );
}

/**
 * An iCalendar file (RFC 5545) of `events`. `sequences` gives each UID's SEQUENCE, which must go up
 * whenever an event moves or clients may keep the old time. Every instant is UTC except the zoned
 * daily check, whose VTIMEZONE comes from bundled tz data.
 */
export function renderCalendar(
  meta: CalendarMeta,
  events: readonly CalendarEvent[],
  sequences: ReadonlyMap<string, number>,
  now: Date,
): string {
  const calendar = ical({
    name: icsText(meta.name),
    description: icsText(meta.description),
    prodId: { company: 'preorder-pal', product: 'Pre-order Pal', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: getVtimezoneComponent },
    ...(meta.refreshSeconds ? { ttl: meta.refreshSeconds } : {}),
  });
  for (const spec of events) {
    const event = calendar.createEvent({
      id: spec.uid,
      sequence: sequences.get(spec.uid) ?? 0,
      start: spec.start,
      end: spec.end,
      ...(spec.timezone ? { timezone: spec.timezone } : {}),
      ...(spec.repeating ? { repeating: spec.repeating } : {}),
      stamp: now,
      summary: spec.summary,
      description: spec.description,
      // Deadlines, not meetings: they must not mark the member busy for days.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    for (const alarm of spec.alarms) {
      const created = event.createAlarm({
        type: ICalAlarmType.display,
        trigger: alarm.at === 'start' ? 0 : HOUR_S,
        description: alarm.text,
      });
      // Set after creation: ical-generator 10.2 ignores `relatesTo` passed to createAlarm.
      if (alarm.at === 'hour-before-end') created.relatesTo('END');
    }
  }
  return withFinalCrlf(calendar.toString());
}

/** Renders `events` with SEQUENCEs that went up for every event whose times or summary changed. */
export async function renderWithSequences(
  revisions: CalendarRevisionStore,
  meta: CalendarMeta,
  events: readonly CalendarEvent[],
  now: Date,
): Promise<string> {
  const sequences = await revisions.sequences(
    events.map((e) => ({ campaignId: e.campaignId, uid: e.uid, hash: eventRevisionHash(e) })),
  );
  return renderCalendar(meta, events, sequences, now);
}
