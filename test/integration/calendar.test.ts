import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import ical, { type VAlarm, type VEvent } from 'node-ical';
import { beforeEach, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import type { Reply } from '../../src/app/reply.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { kdpPlanSteps } from '../support/plan-steps.ts';

const NY_START =
  '/preorder start title:"Salt, Sea & Été" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const LONDON_START =
  '/preorder start title:"The London Fog" isbn:978-1-4028-9462-6 release:2027-03-29 timezone:Europe/London marketplace:UK';

/** Campaigns start at the chat harness's clock: 2027-01-10T12:00:00Z. */
const STARTED = '2027-01-10T12:00:00.000Z';

interface ParsedCalendar {
  name: unknown;
  events: Map<string, VEvent>;
}

async function readCalendar(reply: Reply): Promise<{ text: string; parsed: ParsedCalendar }> {
  expect(reply.tone).toBe('success');
  expect(reply.files).toHaveLength(1);
  const file = reply.files[0]!;
  expect(file.contentType).toBe('text/calendar');
  const text = await readFile(file.path, 'utf8');
  await rm(dirname(file.path), { recursive: true, force: true });
  const data = ical.sync.parseICS(text);
  const events = new Map<string, VEvent>();
  for (const component of Object.values(data)) {
    if (component && component.type === 'VEVENT') events.set(component.uid, component);
  }
  return { text, parsed: { name: data.vcalendar?.['WR-CALNAME'], events } };
}

const spanOf = (event: VEvent | undefined) => [event?.start?.toISOString(), event?.end?.toISOString()];

/** node-ical keeps a parameterised TRIGGER (RELATED=END) as { params, val }. */
function triggerOf(alarm: VAlarm): { value: string; related: string } {
  const raw = alarm.trigger as unknown;
  if (typeof raw === 'string') return { value: raw, related: 'START' };
  const { val, params } = raw as { val: string; params?: { RELATED?: string } };
  return { value: val, related: params?.RELATED ?? 'START' };
}

const DM = (user: string): ActionPresser => ({
  platform: 'console',
  userExternalId: `member:${user}`,
  displayName: user,
  platformAdmin: false,
  roleIds: [],
});

describeEachBackend('/preorder calendar', (backend) => {
  const fresh = freshDatabase(backend);
  let chat: Chat;

  beforeEach(() => {
    chat = createChat(fresh.db);
  });

  it('puts every planned step of a New York campaign in the calendar at the right UTC instants across the DST change', async () => {
    expect((await chat.say('ann', NY_START)).reply.tone).toBe('success');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    await chat.say('ann', '/preorder done aa-account');

    const { reply } = await chat.say('ann', '/preorder calendar');
    expect(reply.files[0]!.name).toBe('salt-sea-ete.ics');
    const { text, parsed } = await readCalendar(reply);
    expect(parsed.name).toBe('Pre-order plan: Salt, Sea & Été');
    // Every date-time is UTC (no floating times), except the daily PO check's: one event repeating
    // at 09:00 in the campaign zone, which carries that zone so it stays at 09:00 across DST.
    const events = text
      .split(/BEGIN:VEVENT/)
      .slice(1)
      .join('\n');
    const dateLines = events.split(/\r?\n/).filter((l) => /^(DTSTART|DTEND)/.test(l));
    const zoned = dateLines.filter((l) => l.includes('TZID'));
    // The zone the daily check names is defined in the file (RFC 5545 requires a VTIMEZONE per TZID).
    expect(text.match(/^BEGIN:VTIMEZONE\r?\nTZID:(.+)$/gm)?.map((l) => l.split('TZID:')[1]!.trim())).toEqual([
      'America/New_York',
    ]);
    expect(zoned).toEqual([
      'DTSTART;TZID=America/New_York:20270111T090000',
      'DTEND;TZID=America/New_York:20270111T093000',
    ]);
    for (const line of dateLines.filter((l) => !zoned.includes(l))) expect(line).toMatch(/Z$/);
    expect(events.match(/^RRULE:.*$/gm)).toEqual(['RRULE:FREQ=DAILY;UNTIL=20270315T030000Z']);

    const uid = (id: string) => `${campaign.id}-${id}@preorder-pal`;
    const span = (id: string) => spanOf(parsed.events.get(uid(id)));
    // Release day starts 2027-03-15T00:00 EDT = 04:00Z; DST began on 14 March, so the windows
    // counted in real hours before it open at 23:00 EST the day before (04:00Z), not midnight.
    expect(span('kdp-publish')).toEqual(['2027-03-13T04:00:00.000Z', '2027-03-13T16:00:00.000Z']);
    expect(span('zero-out-pos')).toEqual(['2027-03-15T01:00:00.000Z', '2027-03-15T03:00:00.000Z']);
    expect(span('support-ticket')).toEqual(['2027-03-15T01:00:00.000Z', '2027-03-15T04:00:00.000Z']);
    expect(span('release-day')).toEqual(['2027-03-15T04:00:00.000Z', '2027-03-16T04:00:00.000Z']);
    expect(span('orders-transfer')).toEqual(['2027-03-17T04:00:00.000Z', '2027-03-22T04:00:00.000Z']);
    // The listing from 3 h to 48 h after the item went in (as planned while nothing is marked).
    expect(span('listing-live')).toEqual(['2027-01-10T15:00:00.000Z', '2027-01-12T12:00:00.000Z']);
    // The daily PO check: half an hour at 09:00 New York time, every day from the first morning
    // after the listing can be live until the last before release (R-1h), EST and then EDT.
    const daily = parsed.events.get(uid('confirm-pos'))!;
    expect(spanOf(daily)).toEqual(['2027-01-11T14:00:00.000Z', '2027-01-11T14:30:00.000Z']);
    const days = daily.rrule!.all();
    expect(days).toHaveLength(63);
    expect(days.slice(0, 2).map((d) => d.toISOString())).toEqual([
      '2027-01-11T14:00:00.000Z',
      '2027-01-12T14:00:00.000Z',
    ]);
    expect(days.slice(-2).map((d) => d.toISOString())).toEqual([
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
    ]);
    expect(daily.description).toContain(`Each day, once confirmed: /preorder done confirm-pos campaign:${campaign.id}`);
    expect(daily.description).toContain('It comes after: check that your listing is live.');
    // Steps to do as soon as possible, and the optional closing 30 days after release: a half-hour slot.
    expect(span('aa-add-item')).toEqual([STARTED, '2027-01-10T12:30:00.000Z']);
    expect(span('kdp-files-ready')).toEqual([STARTED, '2027-01-10T12:30:00.000Z']);
    expect(span('close-aa-account')).toEqual(['2027-04-14T04:00:00.000Z', '2027-04-14T04:30:00.000Z']);

    const expectedIds = kdpPlanSteps();
    expect([...parsed.events.keys()].sort()).toEqual(expectedIds.map(uid).sort());

    const kdp = parsed.events.get(uid('kdp-publish'))!;
    expect(kdp.summary).toBe('Press Publish on KDP — Salt, Sea & Été');
    expect(kdp.description).toContain('36 to 48 hours before release day');
    expect(kdp.description).toContain(`/preorder done kdp-publish campaign:${campaign.id}`);
    expect(kdp.description).toContain(
      'It comes after: check that your listing is live; get your print files ready on KDP.',
    );
    expect(kdp.transparency).toBe('TRANSPARENT');
    // A critical window rings when it opens and an hour before it closes.
    expect(kdp.alarms?.map((a) => [a.action, triggerOf(a)])).toEqual([
      ['DISPLAY', { value: 'PT0S', related: 'START' }],
      ['DISPLAY', { value: '-PT1H', related: 'END' }],
    ]);
    // An ordinary step rings only when it opens; a step already done no longer rings at all.
    expect(parsed.events.get(uid('release-day'))!.alarms?.map((a) => triggerOf(a).value)).toEqual(['PT0S']);
    const done = parsed.events.get(uid('aa-account'))!;
    expect(done.alarms ?? []).toEqual([]);
    expect(done.description).toContain('You marked this step done.');
  }, 60_000);

  it('keeps the London windows on UTC across the UK clock change and names the UK steps', async () => {
    expect((await chat.say('lee', LONDON_START)).reply.tone).toBe('success');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const { parsed } = await readCalendar((await chat.say('lee', '/preorder calendar campaign:"london fog"')).reply);
    const span = (id: string) => spanOf(parsed.events.get(`${campaign.id}-${id}@preorder-pal`));
    // BST starts 2027-03-28 01:00Z; release day starts 2027-03-29T00:00 BST = 2027-03-28T23:00Z.
    expect(span('kdp-publish')).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-27T11:00:00.000Z']);
    expect(span('check-unconfirmed-pos')).toEqual(['2027-03-28T20:00:00.000Z', '2027-03-28T22:00:00.000Z']);
    expect(span('support-ticket')).toEqual(['2027-03-28T20:00:00.000Z', '2027-03-28T23:00:00.000Z']);
    expect(span('release-day')).toEqual(['2027-03-28T23:00:00.000Z', '2027-03-29T23:00:00.000Z']);
    // Calendar days after release are counted in BST: midnight 31 March BST is 23:00Z on the 30th.
    expect(span('orders-transfer')).toEqual(['2027-03-30T23:00:00.000Z', '2027-04-04T23:00:00.000Z']);
    expect(span('zero-out-pos')).toEqual([undefined, undefined]);
    expect(parsed.events.size).toBe(13);
    expect(span('kdp-files-ready')).toEqual([STARTED, '2027-01-10T12:30:00.000Z']);
    for (const event of parsed.events.values()) expect(event.alarms?.length).toBeGreaterThanOrEqual(1);
  });

  it('gives the same UIDs on a second export, so calendar apps update rather than duplicate', async () => {
    await chat.say('ann', NY_START);
    const first = await readCalendar((await chat.say('ann', '/preorder calendar')).reply);
    chat.clock.set('2027-02-01T09:00:00Z');
    await chat.say('ann', '/preorder edit release:2027-03-22');
    const second = await readCalendar((await chat.say('ann', '/preorder calendar')).reply);
    expect([...second.parsed.events.keys()]).toEqual([...first.parsed.events.keys()]);
    const kdp = [...second.parsed.events.values()].find((e) => e.uid.includes('-kdp-publish@'));
    // 22 March is after the DST change: R-48h is 2027-03-20T04:00Z.
    expect(kdp?.start.toISOString()).toBe('2027-03-20T04:00:00.000Z');
    // RFC 5545: a moved event's SEQUENCE goes up, or clients may keep the old time; one that did
    // not move (the account step, at the plan's start) keeps its SEQUENCE.
    const sequence = (calendar: ParsedCalendar, id: string) =>
      Number([...calendar.events.values()].find((e) => e.uid.includes(`-${id}@`))?.sequence);
    expect(sequence(first.parsed, 'kdp-publish')).toBe(0);
    expect(sequence(second.parsed, 'kdp-publish')).toBe(1);
    expect(sequence(second.parsed, 'aa-account')).toBe(0);
    // Asking again without a change bumps nothing.
    const third = await readCalendar((await chat.say('ann', '/preorder calendar')).reply);
    expect(sequence(third.parsed, 'kdp-publish')).toBe(1);
  });

  it('escapes the title in the calendar name and ends every line, the last too, with CRLF', async () => {
    const title = 'AC\\DC; Vol, 2';
    await chat.say('ann', `/preorder start title:"${title}" isbn:978-0-306-40615-7 release:2027-03-15 timezone:UTC`);
    const { text, parsed } = await readCalendar((await chat.say('ann', '/preorder calendar')).reply);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('\r\nNAME:Pre-order plan: AC\\\\DC\\; Vol\\, 2\r\n');
    expect(unfolded).toContain('\r\nX-WR-CALNAME:Pre-order plan: AC\\\\DC\\; Vol\\, 2\r\n');
    expect(unfolded).toMatch(/\r\nX-WR-CALDESC:[^\r]*"AC\\\\DC\\; Vol\\, 2"/);
    expect(parsed.name).toBe('Pre-order plan: AC\\DC; Vol, 2');
  });

  it("never reaches someone else's campaign, typed or pressed", async () => {
    await chat.say('ann', NY_START);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    await chat.say('bob', LONDON_START);

    const typed = await chat.say('bob', '/preorder calendar campaign:"Salt, Sea & Été"');
    expect(typed.reply.tone).toBe('error');
    expect(typed.text).toMatch(/another member's campaign/);
    expect(typed.reply.files).toEqual([]);

    const byId = await chat.say('bob', `/preorder calendar campaign:${campaign.id}`);
    expect(byId.reply.tone).toBe('error');
    expect(byId.reply.files).toEqual([]);

    const pressed = await chat.app.dispatcher.dispatchAction(DM('bob'), `/preorder calendar campaign:${campaign.id}`);
    expect(pressed.tone).toBe('error');
    expect(pressed.fallback).toMatch(/only they can use them/);
    expect(pressed.files).toEqual([]);

    // Ann's own button press from a DM works and names her campaign by id.
    const own = await chat.app.dispatcher.dispatchAction(DM('ann'), `/preorder calendar campaign:${campaign.id}`);
    const { parsed } = await readCalendar(own);
    expect([...parsed.events.keys()].every((k) => k.startsWith(campaign.id))).toBe(true);
  });

  it('tells a member without a campaign how to start one and writes no file', async () => {
    const { reply, text } = await chat.say('cat', '/preorder calendar');
    expect(reply.tone).toBe('error');
    expect(text).toMatch(/no active campaign/);
    expect(reply.files).toEqual([]);
  });
});
