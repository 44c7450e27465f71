import { createHash } from 'node:crypto';
import ical, { type VEvent } from 'node-ical';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFeedRequestHandler, type FeedHttpOptions } from '../../src/infra/feed-http.ts';
import { startFeedServer, type FeedServer } from '../../src/infra/feed-server.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { kdpPlanSteps } from '../support/plan-steps.ts';

const NY_START =
  '/preorder start title:"Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';
const LINK = /http:\/\/127\.0\.0\.1:\d+\/calendar\/([A-Za-z0-9_-]{43})\.ics/;

function linkIn(text: string): string {
  const url = LINK.exec(text)?.[0];
  expect(url, text).toBeDefined();
  return url!;
}

function eventsOf(body: string): Map<string, VEvent> {
  const events = new Map<string, VEvent>();
  for (const component of Object.values(ical.sync.parseICS(body))) {
    if (component && component.type === 'VEVENT') events.set(component.uid, component);
  }
  return events;
}

describeEachBackend('calendar feeds over HTTP', (backend) => {
  const fresh = freshDatabase(backend);
  let chat: Chat;
  let server: FeedServer | undefined;
  let base: string | null = null;
  let limits: Pick<FeedHttpOptions, 'perToken' | 'perAddress'> = {};

  async function serve(): Promise<void> {
    const handler = createFeedRequestHandler({
      serve: (token) => chat.app.services.calendarFeeds.serve(token),
      ...limits,
    });
    server = await startFeedServer({ port: 0, host: '127.0.0.1', handler });
    base = `http://127.0.0.1:${server.port}`;
  }

  beforeEach(async () => {
    limits = {};
    chat = createChat(fresh.db, undefined, undefined, { base: () => base });
    await serve();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves a member feed that node-ical reads, with caching headers, 304, and a higher SEQUENCE for a moved event', async () => {
    expect((await chat.say('ann', NY_START)).reply.tone).toBe('success');
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const { reply, text } = await chat.say('ann', '/preorder calendar-feed');
    expect(reply.visibility).toBe('private');
    const url = linkIn(text);
    expect(text).toContain(url.replace('http://', 'webcal://'));

    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('private, max-age=3600');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Date.parse(first.headers.get('last-modified')!)).toBeGreaterThan(0);
    const body = await first.text();
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(body).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n');
    const events = eventsOf(body);
    const uid = (id: string) => `${campaign.id}-${id}@preorder-pal`;
    expect([...events.keys()].sort()).toEqual(kdpPlanSteps().map(uid).sort());
    // The daily PO check is one recurring event, not one per day.
    const inEvents = body.split('BEGIN:VEVENT').slice(1).join('');
    expect(inEvents.match(/^RRULE:/gm)).toHaveLength(1);
    expect(events.get(uid('confirm-pos'))!.rrule).toBeDefined();
    expect(Number(events.get(uid('kdp-publish'))!.sequence)).toBe(0);

    // Unchanged: the same ETag, and 304 for a client that has it.
    const again = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    chat.clock.set('2027-02-01T09:00:00Z');
    expect((await chat.say('ann', '/preorder edit release:2027-03-22')).reply.tone).toBe('success');
    const moved = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    const kdp = eventsOf(await moved.text()).get(uid('kdp-publish'))!;
    expect(kdp.start.toISOString()).toBe('2027-03-20T04:00:00.000Z');
    expect(Number(kdp.sequence)).toBe(1);
  }, 60_000);

  it('stores only a hash; a reset link answers 404 exactly like a made-up one, and the new one works', async () => {
    await chat.say('ann', NY_START);
    const old = linkIn((await chat.say('ann', '/preorder calendar-feed')).text);
    const token = LINK.exec(old)![1]!;
    const row = await fresh.db.prisma.calendarFeed.findFirstOrThrow();
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    // Asked again without reset: the link cannot be shown again, and nothing changes.
    const again = await chat.say('ann', '/preorder calendar-feed');
    expect(again.text).toMatch(/cannot show it again/);
    expect(again.text).not.toMatch(LINK);
    expect((await fetch(old)).status).toBe(200);

    const wrong = await chat.say('ann', '/preorder calendar-feed reset:maybe');
    expect(wrong.reply.problem?.field).toBe('reset');
    expect(wrong.text).toMatch(/reset takes yes/);
    expect((await fetch(old)).status).toBe(200);
    const fresher = linkIn((await chat.say('ann', '/preorder calendar-feed reset:yes')).text);
    expect(fresher).not.toBe(old);
    const revoked = await fetch(old);
    const madeUp = await fetch(`${base}/calendar/${'A'.repeat(43)}.ics`);
    const malformed = await fetch(`${base}/calendar/x.ics`);
    for (const res of [revoked, madeUp, malformed]) {
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('not found\n');
    }
    expect((await fetch(fresher)).status).toBe(200);
  }, 60_000);

  it('limits requests per token and per address with 429 and Retry-After', async () => {
    await server!.close();
    limits = { perToken: { limit: 3, windowMs: 60_000 }, perAddress: { limit: 5, windowMs: 60_000 } };
    await serve();
    await chat.say('ann', NY_START);
    const url = linkIn((await chat.say('ann', '/preorder calendar-feed')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The address has now made 5 requests: even an unknown token is refused before any lookup.
    expect((await fetch(`${base}/calendar/${'B'.repeat(43)}.ics`)).status).toBe(429);
  }, 60_000);

  it("gives moderators the community's release days and critical windows with members' names", async () => {
    await chat.say('ann', NY_START);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const refused = await chat.say('ann', '/preorder-admin calendar-feed');
    expect(refused.reply.tone).toBe('error');
    expect(refused.text).not.toMatch(LINK);

    const url = linkIn((await chat.say('you', '/preorder-admin calendar-feed')).text);
    const events = eventsOf(await (await fetch(url)).text());
    const ids = [...events.keys()].map((u) => u.slice(campaign.id.length + 1).replace('-community@preorder-pal', ''));
    expect(ids.sort()).toEqual(['kdp-publish', 'release-day', 'support-ticket', 'zero-out-pos']);
    expect(events.get(`${campaign.id}-release-day-community@preorder-pal`)!.summary).toBe(
      'Watch the listing switch on release day — Salt Road (ann)',
    );
  }, 60_000);

  it('drops the link with forget-me', async () => {
    await chat.say('ann', NY_START);
    const url = linkIn((await chat.say('ann', '/preorder calendar-feed')).text);
    expect((await fetch(url)).status).toBe(200);
    expect((await chat.say('ann', '/preorder forget-me')).text).toContain('1 calendar link (it stops working)');
    expect((await chat.say('ann', '/preorder forget-me confirm:yes')).reply.tone).toBe('success');
    expect(await fresh.db.prisma.calendarFeed.count()).toBe(0);
    expect((await fetch(url)).status).toBe(404);
  }, 60_000);

  it('tells a member with no campaign to start one, and says so when links are not served', async () => {
    const none = await chat.say('cat', '/preorder calendar-feed');
    expect(none.reply.tone).toBe('error');
    expect(none.text).toMatch(/no campaign here yet/);
    await chat.say('ann', NY_START);
    base = null;
    const off = await chat.say('ann', '/preorder calendar-feed');
    expect(off.reply.tone).toBe('error');
    expect(off.text).toMatch(/not being served/);
    expect(await fresh.db.prisma.calendarFeed.count()).toBe(0);
  }, 60_000);
});
