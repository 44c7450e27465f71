import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { run } from '../support/processes.ts';
import { kdpPlanSteps } from '../support/plan-steps.ts';

const json = (argv: string[]) => {
  const result = runCli(argv);
  return { ...result, body: result.stdout ? JSON.parse(result.stdout) : undefined };
};

describe('cli timeline', () => {
  it('prints every milestone of a US KDP plan with ISO instants', () => {
    const { code, body } = json([
      'timeline',
      '--release',
      '2027-03-15',
      '--timezone',
      'America/New_York',
      '--marketplace',
      'US',
      '--printer',
      'kdp',
      '--now',
      '2027-01-10T09:00:00Z',
      '--json',
    ]);
    expect(code).toBe(0);
    const byId = Object.fromEntries(body.milestones.map((m: { id: string }) => [m.id, m]));
    expect(Object.keys(byId)).toEqual(kdpPlanSteps());
    expect(byId['aa-account']).toEqual({
      id: 'aa-account',
      title: expect.any(String),
      opensAt: '2027-01-10T09:00:00.000Z',
      closesAt: null,
      after: [],
    });
    // Each milestone names its prerequisites; the daily PO check says it is daily.
    expect(byId['listing-live']).toMatchObject({ after: ['aa-add-item'] });
    expect(byId['listing-live']).not.toHaveProperty('daily');
    expect(byId['confirm-pos']).toMatchObject({ after: ['listing-live'], daily: true });
    expect(byId['kdp-publish']).toMatchObject({ after: ['listing-live', 'kdp-files-ready'] });
    expect(byId['support-ticket']).toMatchObject({ after: ['zero-out-pos'] });
    // The print files: as soon as possible, before the publish window opens.
    expect(byId['kdp-files-ready']).toMatchObject({
      opensAt: '2027-01-10T09:00:00.000Z',
      closesAt: '2027-03-13T04:00:00.000Z',
      after: [],
    });
    // R0 is 2027-03-15T04:00Z (EDT); 48 and 36 real hours earlier straddle the 14 March change.
    expect(byId['kdp-publish']).toMatchObject({
      opensAt: '2027-03-13T04:00:00.000Z',
      closesAt: '2027-03-13T16:00:00.000Z',
    });
    expect(byId['zero-out-pos']).toMatchObject({
      opensAt: '2027-03-15T01:00:00.000Z',
      closesAt: '2027-03-15T03:00:00.000Z',
    });
    expect(byId['support-ticket']).toMatchObject({
      opensAt: '2027-03-15T01:00:00.000Z',
      closesAt: '2027-03-15T04:00:00.000Z',
    });
    expect(byId['release-day']).toMatchObject({
      opensAt: '2027-03-15T04:00:00.000Z',
      closesAt: '2027-03-16T04:00:00.000Z',
    });
    expect(byId['orders-transfer']).toMatchObject({
      opensAt: '2027-03-17T04:00:00.000Z',
      closesAt: '2027-03-22T04:00:00.000Z',
    });
  });

  it('gives the UK plan check-unconfirmed-pos and the Ingram path its short plan', () => {
    const uk = json([
      'timeline',
      '--release',
      '2027-10-31',
      '--timezone',
      'Europe/London',
      '--marketplace',
      'UK',
      '--printer',
      'createspace',
      '--now',
      '2027-09-01T00:00:00Z',
      '--json',
    ]).body;
    const ids = uk.milestones.map((m: { id: string }) => m.id);
    expect(ids).toContain('check-unconfirmed-pos');
    expect(ids).not.toContain('zero-out-pos');
    // The UK ticket follows the check for unconfirmed POs.
    expect(uk.milestones.find((m: { id: string }) => m.id === 'support-ticket')).toMatchObject({
      after: ['check-unconfirmed-pos'],
    });
    const ingram = json([
      'timeline',
      '--release',
      '2027-10-31',
      '--timezone',
      'UTC',
      '--marketplace',
      'US',
      '--printer',
      'ingramspark',
      '--now',
      '2027-09-01T00:00:00Z',
      '--json',
    ]).body;
    expect(ingram.milestones.map((m: { id: string }) => m.id)).toEqual(['ingram-preorder-setup', 'release-day']);
  });

  it.each([
    [['timeline', '--release', '2027-02-30', '--timezone', 'UTC', '--json'], 'release'],
    [['timeline', '--release', '2027-03-15', '--timezone', 'Mars/Base', '--json'], 'timezone'],
    [['timeline', '--release', '2027-03-15', '--timezone', 'UTC', '--marketplace', 'FR', '--json'], 'marketplace'],
    [['timeline', '--release', '2027-03-15', '--timezone', 'UTC', '--printer', 'lulu', '--json'], 'printer'],
    [['timeline', '--release', '2027-03-15', '--now', 'yesterday', '--json'], 'now'],
    [['timeline', '--timezone', 'UTC', '--json'], 'release'],
    [['timeline', '--bogus', 'x', '--json'], 'bogus'],
    [['isbn', '978-0-306-40615-8', '--json'], 'isbn'],
    [['ask', '', '--json'], 'question'],
    [['frobnicate', '--json'], 'command'],
  ])('refuses %j with exit 2 naming %s', (argv, field) => {
    const { code, stdout, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: { field, message: expect.any(String) } });
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^${field}: `));
  });
});

describe('cli isbn', () => {
  it('converts a 978 ISBN-13 and gives both listing links', () => {
    expect(json(['isbn', '978-0-306-40615-7', '--json']).body).toEqual({
      valid: true,
      isbn13: '9780306406157',
      isbn10: '0306406152',
      listingUrls: { US: 'https://www.amazon.com/dp/0306406152', UK: 'https://www.amazon.co.uk/dp/0306406152' },
    });
  });

  it('has no ISBN-10 or dp link for a 979 ISBN', () => {
    expect(json(['isbn', '979-10-90636-07-1', '--json']).body).toEqual({
      valid: true,
      isbn13: '9791090636071',
      isbn10: null,
      listingUrls: { US: null, UK: null },
    });
  });

  it('accepts an ISBN-10 with an X check digit', () => {
    expect(json(['isbn', '0-8044-2957-x', '--json']).body).toMatchObject({
      isbn13: '9780804429573',
      isbn10: '080442957X',
    });
  });
});

describe('cli isbn10', () => {
  it('gives the ISBN-10 of a 978 ISBN-13', () => {
    expect(json(['isbn10', '9780306406157', '--json']).body).toEqual({ isbn10: '0306406152' });
  });

  it('refuses a 979 ISBN, which has no ISBN-10, naming the field', () => {
    const { code, stdout, stderr } = runCli(['isbn10', '979-10-90636-07-1', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatchObject({
      field: 'isbn10',
      message: expect.stringMatching(/979.*no ISBN-10/),
    });
    expect(stderr).toMatch(/^isbn10: /);
  });
});

describe('cli ask', () => {
  it('answers with a topic id and three suggestions', () => {
    const { body } = json(['ask', 'When should I hit publish on KDP?', '--json']);
    expect(body.topic).toBe('kdp-publish-timing');
    expect(body.answer).toMatch(/36/);
    expect(body.suggestions).toHaveLength(3);
    expect(body.suggestions).not.toContain('kdp-publish-timing');
  });

  it('says when it does not know', () => {
    const { body } = json(['ask', 'what is the best pizza topping', '--json']);
    expect(body.topic).toBeNull();
    expect(body.suggestions).toHaveLength(3);
  });

  it('reports its confidence, 0 to 1, and only those four fields', () => {
    const { body } = json(['ask', 'When should I hit publish on KDP?', '--json']);
    expect(Object.keys(body).sort()).toEqual(['answer', 'confidence', 'suggestions', 'topic']);
    expect(body.confidence).toBeGreaterThanOrEqual(0.38);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it('asks back with topic null and the candidates in order when two topics are close', () => {
    // A yearly bill could be the fee or a reason to close the account: too close to call.
    const { body } = json(['ask', 'does the zon giant bill me every single year', '--json']);
    expect(body.topic).toBeNull();
    expect(body.suggestions.slice(0, 2)).toEqual(['aa-fee', 'close-aa-account']);
    expect(body.answer).toMatch(/^Did you mean .*\(aa-fee\) or .*\(close-aa-account\)\?$/);
  });

  it('answers a question about counting pre-orders with data-updates', () => {
    const { body } = json(['ask', 'where do I see how many pre-orders I have', '--json']);
    expect(body.topic).toBe('data-updates');
  });

  it('answers a lead-time question with setup-lead-time, never the publish window', () => {
    const { body } = json(['ask', 'How many days before launch should the pre-order go up?', '--json']);
    expect(body.topic).toBe('setup-lead-time');
    expect(body.answer).not.toMatch(/36 to 48 hours/);
  });
});

describe('npm run -s cli', () => {
  it('keeps the contract through the real entry point: JSON on stdout, exit 0 and exit 2', async () => {
    const good = await run('npm', ['run', '-s', 'cli', '--', 'isbn', '9780306406157', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, isbn10: '0306406152' });
    const bad = await run('npm', [
      'run',
      '-s',
      'cli',
      '--',
      'timeline',
      '--release',
      '2027-13-01',
      '--timezone',
      'UTC',
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.field).toBe('release');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
