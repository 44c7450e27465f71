import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** Bodies that are not what Slack sends: each must be refused before Bolt parses it. */
const MALFORMED: [string, string, string][] = [
  ['JSON null', JSON_TYPE, 'null'],
  ['JSON empty array', JSON_TYPE, '[]'],
  ['JSON array of objects', JSON_TYPE, '[{"type":"block_actions"}]'],
  ['JSON number', JSON_TYPE, '42'],
  ['JSON negative float', JSON_TYPE, '-1.5e300'],
  ['JSON string', JSON_TYPE, '"block_actions"'],
  ['JSON true', JSON_TYPE, 'true'],
  ['JSON object with neither type nor command', JSON_TYPE, '{"team_id":"T0"}'],
  ['JSON type that is not a string', JSON_TYPE, '{"type":null}'],
  ['JSON nested 100,000 arrays deep', JSON_TYPE, deepArray(100_000)],
  [
    'JSON object nested 5,000 deep inside an event',
    JSON_TYPE,
    `{"type":"event_callback","event":${deepObject(5_000)}}`,
  ],
  ['not JSON at all', JSON_TYPE, '{"type":'],
  ['empty JSON body', JSON_TYPE, ''],
  ['blank JSON body', JSON_TYPE, '  \n '],
  ['form payload=null', FORM, form([['payload', 'null']])],
  ['form payload of an array', FORM, form([['payload', '[1,2,3]']])],
  ['form payload of a number', FORM, form([['payload', '7']])],
  ['form payload of a string', FORM, form([['payload', '"x"']])],
  ['form payload empty', FORM, form([['payload', '']])],
  ['form payload nested 100,000 deep', FORM, form([['payload', deepArray(100_000)]])],
  [
    'form payload given twice',
    FORM,
    form([
      ['payload', '{"type":"block_actions"}'],
      ['payload', '{}'],
    ]),
  ],
  ['form with neither command nor payload', FORM, form([['team_id', 'T0']])],
  [
    'form with the command given twice',
    FORM,
    form([
      ['command', '/preorder'],
      ['command', '/preorder'],
    ]),
  ],
  ['empty form', FORM, ''],
];

describeEachBackend('Slack: malformed bodies, signed and unsigned, against the real HTTP receiver', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  beforeAll(async () => {
    s = await startSlackBot(fresh.db);
    s.fake.addUser({ id: SAM.id, name: SAM.name });
  });
  afterAll(async () => {
    await s.close();
  });

  const counts = async () => ({
    communities: await fresh.db.prisma.community.count(),
    members: await fresh.db.prisma.member.count(),
    campaigns: await fresh.db.prisma.campaign.count(),
    reminders: await fresh.db.prisma.reminder.count(),
  });

  it.each(MALFORMED)('%s: 400 when signed, 401 unsigned or badly signed; nothing changes', async (_n, type, body) => {
    const before = await counts();
    expect((await s.slack.post(body, type)).status).toBe(400);
    expect((await s.slack.post(body, type, { unsigned: true })).status).toBe(401);
    expect((await s.slack.post(body, type, { badSignature: true })).status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(s.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('keeps serving after every malformed body: a real command still gets its answer', async () => {
    for (const [, type, body] of MALFORMED) await s.slack.post(body, type);
    const sent = await s.slack.command(SAM, 'faq aa-fee', { responseId: 'after' });
    expect(sent.status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo('after').length > 0 && s.fake.responsesTo('after'));
    expect((answer as { text: string }).text).toContain('$99');
  });

  it('answers a signed 1 MB command with the length limit, in the member’s words', async () => {
    const sent = await s.slack.command(SAM, `ask ${'why '.repeat(262_144)}`, { responseId: 'long' });
    expect(sent.status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo('long').length > 0 && s.fake.responsesTo('long'));
    expect((answer as { text: string }).text).toMatch(/characters long; the limit is 4,000/);
  });

  it('refuses a body over the limit with 413 before reading the rest', async () => {
    const sent = await s.slack.post(
      form([
        ['command', '/preorder'],
        ['text', 'x'.repeat(5 * 1_048_576)],
      ]),
      FORM,
    );
    expect(sent.status).toBe(413);
  });
});
