import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat, type Chat } from '../support/chat-harness.ts';
import { testBackends } from '../support/databases.ts';

const base = { title: '"Good Title"', isbn: '9780306406157', release: '2027-03-15', timezone: 'Europe/London' };
const start = (over: Partial<Record<string, string>>) =>
  '/preorder start ' +
  Object.entries({ ...base, ...over })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');

/** Each row: a command, the field the error must name, and words the message must contain. */
const CASES: Array<[string, string, string, RegExp]> = [
  ['invalid ISBN checksum', start({ isbn: '978-0-306-40615-8' }), 'isbn', /check digit|would be 7/i],
  ['ISBN of the wrong length', start({ isbn: '12345' }), 'isbn', /13|10/],
  ['unknown time zone', start({ timezone: 'Mars/Olympus' }), 'timezone', /time zone|IANA/i],
  ['bare UTC offset', start({ timezone: 'UTC+2' }), 'timezone', /daylight|offset/i],
  // Neither the command, the member nor the community gives a zone: asked for, with suggestions.
  ['no time zone anywhere', start({ timezone: '' }), 'timezone', /Which time zone.*America\/New_York/],
  ['impossible date', start({ release: '2027-02-30' }), 'release', /February|28|day/i],
  ['ambiguous numeric date', start({ release: '03/04/2027' }), 'release', /April.*March|March.*April/],
  ['past date', start({ release: '2026-12-01' }), 'release', /past|today|after/i],
  ['release today', start({ release: '2027-01-10' }), 'release', /today|after/i],
  ['empty title', start({ title: '""' }), 'title', /empty|required|title/i],
  ['500-character title', start({ title: `"${'x'.repeat(500)}"` }), 'title', /200/],
  ['title with @everyone', start({ title: '"Hello @everyone"' }), 'title', /ping|mention/i],
  ['title with a user mention', start({ title: '"Hi <@123456789>"' }), 'title', /ping|mention/i],
  ['title with markdown', start({ title: '"**Bold** move"' }), 'title', /format|markdown/i],
  ['missing ISBN', start({ isbn: '' }), 'isbn', /required/i],
  ['bad marketplace', start({ marketplace: 'FR' }), 'marketplace', /US or UK/],
  ['bad printer', start({ printer: 'lulu' }), 'printer', /kdp/],
  ['unknown option', start({ colour: 'blue' }), 'colour', /no option/],
  ['unknown milestone', '/preorder done publish-now', 'milestone', /kdp-publish|valid/i],
  ['milestone words swapped', '/preorder done publish-kdp', 'milestone', /Did you mean kdp-publish\?/],
  ['unknown FAQ topic', '/preorder faq fees-and-stuff', 'topic', /not a FAQ topic/],
  ['command typo', '/preorder stats', 'command', /Did you mean \/preorder status\?/],
  ['no space after the group', '/preorderstatus', 'command', /put a space.*Did you mean \/preorder status\?/],
  ['glued and misspelt', '/preorderstats', 'command', /Did you mean \/preorder status\?/],
  ['unclosed quote', '/preorder start title:"Half open', 'command', /quote/],
  ['a 1 MB command line', `/preorder ask ${'why '.repeat(262_144)}`, 'command', /1,048,590 characters.*limit is 4,000/],
];

for (const backend of testBackends()) {
  describe(`bad input changes nothing and names the field (${backend.name})`, () => {
    let db: Database;
    let chat: Chat;
    beforeAll(async () => {
      db = await backend.open();
      chat = createChat(db);
      // One campaign exists so milestone errors reach the milestone check, not "no campaign".
      const existing = await chat.say(
        'you',
        '/preorder start title:"Existing" isbn:0-8044-2957-X release:2027-06-01 timezone:Europe/London',
      );
      expect(existing.reply.tone, existing.text).toBe('success');
    });
    afterAll(async () => {
      await db.close();
    });

    it.each(CASES)('%s', async (_name, line, field, words) => {
      const before = await chat.counts();
      const { reply, text } = await chat.say('you', line);
      expect(['error', 'question']).toContain(reply.tone);
      expect(reply.title).toMatch(new RegExp(`(Problem with|Which) ${field}`));
      expect(text).toMatch(words);
      expect(text).not.toMatch(/\bat .*\.ts:\d+|Error:|stack/);
      expect(await chat.counts()).toEqual(before);
    });

    it('asks back with both readings of an ambiguous date, never a guess', async () => {
      const { reply } = await chat.say('you', start({ release: '03/04/2027' }));
      expect(reply.tone).toBe('question');
      const text = reply.lines.flat().join(' ');
      expect(text).toContain('2027-03-04');
      expect(text).toContain('2027-04-03');
    });

    it('accepts written dates and city names', async () => {
      const { reply } = await chat.say(
        'you',
        '/preorder start title:"Written Date" isbn:9780143127741 release:March 15, 2027 timezone:New York',
      );
      expect(reply.tone).toBe('success');
      const stored = await db.prisma.campaign.findFirstOrThrow({ where: { title: 'Written Date' } });
      expect(stored.timeZone).toBe('America/New_York');
      expect(stored.releaseDate.toISOString().slice(0, 10)).toBe('2027-03-15');
    });

    it('turns an unexpected failure into a friendly reply without details', async () => {
      const broken = createChat(db);
      broken.app.store.listMemberCampaigns = async () => {
        throw new Error('connection reset at secret-host:5432');
      };
      const { reply, text } = await broken.say('you', '/preorder status');
      expect(reply.title).toBe('Something went wrong on my side');
      expect(text).not.toContain('secret-host');
      expect(text).toMatch(/reference [0-9a-f]{8}/);
    });
  });
}
