import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { FAKE_TEAM } from '../support/fake-slack.ts';
import { startSlackBot, type SlackBot } from '../support/slack-harness.ts';

const SAM = { id: 'U0SAM', name: 'sam' };
const ADA = { id: 'U0ADA', name: 'ada' };
const MOD = { id: 'U0MOD', name: 'mo' };
const MALLORY = { id: 'U0MALLORY', name: 'mallory' };
const START = 'start title:"The Salt Road" isbn:978-0-306-40615-7 release:2027-03-15 timezone:America/New_York';

type Answer = { response_type?: string; text?: string; blocks?: unknown[] };

describeEachBackend('Slack: signatures, admin checks and forged buttons', (backend) => {
  const fresh = freshDatabase(backend);
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot(fresh.db);
    s.fake.addUser({ id: SAM.id, name: SAM.name });
    s.fake.addUser({ id: ADA.id, name: ADA.name, is_admin: true });
    s.fake.addUser({ id: MOD.id, name: MOD.name });
    s.fake.addUser({ id: MALLORY.id, name: MALLORY.name });
  });
  afterEach(async () => {
    await s.close();
  });

  async function command(user: typeof SAM, text: string, slash = '/preorder'): Promise<Answer> {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    const sent = await s.slack.command(user, text, { responseId: id, command: slash });
    expect(sent.status).toBe(200);
    const [answer] = await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), text);
    return answer as Answer;
  }

  async function counts() {
    return {
      communities: await fresh.db.prisma.community.count(),
      members: await fresh.db.prisma.member.count(),
      campaigns: await fresh.db.prisma.campaign.count(),
      progress: await fresh.db.prisma.milestoneProgress.count(),
      reminders: await fresh.db.prisma.reminder.count(),
    };
  }

  it('a badly signed request gets 401 and changes nothing', async () => {
    const before = await counts();
    const sent = await s.slack.command(SAM, START, { badSignature: true, responseId: 'forged' });
    expect(sent.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await counts()).toEqual(before);
    expect(s.fake.responsesTo('forged')).toEqual([]);
    expect(s.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('a request signed more than 5 minutes ago gets 401 and changes nothing; a fresh one is served', async () => {
    const before = await counts();
    const stale = await s.slack.command(SAM, START, {
      timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 5,
      responseId: 'stale',
    });
    expect(stale.status).toBe(401);
    const button = await s.slack.press(
      SAM,
      { action_id: 'pp:status', value: '/preorder status' },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(button.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await counts()).toEqual(before);
    expect(s.fake.responsesTo('stale')).toEqual([]);
    // The same request, signed now, works: the 401s were about the signature's age alone.
    expect((await command(SAM, START)).text).toContain('Pre-order plan');
  });

  it('a request signed more than 5 minutes in the future gets 401 and changes nothing; 4 minutes ahead is served', async () => {
    const before = await counts();
    const now = Math.floor(Date.now() / 1000);
    const ahead = await s.slack.command(SAM, START, { timestamp: now + 5 * 60 + 5, responseId: 'ahead' });
    expect(ahead.status).toBe(401);
    const button = await s.slack.press(
      SAM,
      { action_id: 'pp:status', value: '/preorder status' },
      { timestamp: now + 60 * 60, responseId: 'ahead-press' },
    );
    expect(button.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await counts()).toEqual(before);
    expect(s.fake.responsesTo('ahead')).toEqual([]);
    expect(s.fake.responsesTo('ahead-press')).toEqual([]);
    // A clock a little fast is Slack's allowance too.
    const skewed = await s.slack.command(SAM, START, { timestamp: now + 4 * 60, responseId: 'skewed' });
    expect(skewed.status).toBe(200);
    const [answer] = await s.fake.waitFor(
      () => s.fake.responsesTo('skewed').length > 0 && s.fake.responsesTo('skewed'),
    );
    expect((answer as Answer).text).toContain('Pre-order plan');
  });

  it('moderator commands: a member is refused, asked of Slack on every call; member commands never ask', async () => {
    await command(SAM, START);
    expect(s.fake.callsTo('users.info')).toEqual([]);
    const denied = await command(SAM, 'campaigns', '/preorder-admin');
    expect(denied.text).toMatch(/^✗ Problem with permission/);
    expect(denied.text).toContain("is for this community's moderators only");
    await command(SAM, 'campaigns', '/preorder-admin');
    expect(s.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([SAM.id, SAM.id]);
  });

  it('moderator commands: a workspace admin (users.info) is allowed', async () => {
    await command(SAM, START);
    const listed = await command(ADA, 'campaigns', '/preorder-admin');
    expect(listed.text).not.toMatch(/^✗/);
    expect(listed.text).toContain('The Salt Road');
    // Demoted in Slack: refused on the very next call.
    s.fake.addUser({ id: ADA.id, name: ADA.name, is_admin: false });
    expect((await command(ADA, 'campaigns', '/preorder-admin')).text).toMatch(/moderators only/);
  });

  it("moderator commands: a user on the community's moderator list is allowed; a users.info failure is not a pass", async () => {
    await command(SAM, START);
    await fresh.db.prisma.community.update({
      where: { platform_externalId: { platform: 'slack', externalId: FAKE_TEAM.id } },
      data: { moderatorRoleIds: [MOD.id] },
    });
    expect((await command(MOD, 'campaigns', '/preorder-admin')).text).toContain('The Salt Road');
    s.fake.fail('users.info', { error: 'internal_error' });
    expect((await command(ADA, 'campaigns', '/preorder-admin')).text).toMatch(/moderators only/);
  });

  it("a forged button naming another member's campaign is refused and changes nothing", async () => {
    await command(SAM, START);
    const campaign = await fresh.db.prisma.campaign.findFirstOrThrow();
    const before = await counts();
    const sent = await s.slack.press(
      MALLORY,
      { action_id: 'pp:done:aa-account', value: `/preorder done aa-account campaign:${campaign.id}` },
      { responseId: 'forged-press' },
    );
    expect(sent.status).toBe(200);
    const [answer] = await s.fake.waitFor(
      () => s.fake.responsesTo('forged-press').length > 0 && s.fake.responsesTo('forged-press'),
    );
    expect((answer as Answer).text).toContain("These buttons belong to another member's campaign (sam)");
    // A button may only carry the commands buttons carry.
    await s.slack.press(
      SAM,
      { action_id: 'pp:x', value: `/preorder edit campaign:${campaign.id} release:2027-04-01` },
      { responseId: 'cancel' },
    );
    const [cancel] = await s.fake.waitFor(
      () => s.fake.responsesTo('cancel').length > 0 && s.fake.responsesTo('cancel'),
    );
    expect((cancel as Answer).text).toContain('That button is not one I know');
    // Only the presser's member row may be new (dispatch records who pressed); nothing else changed.
    expect({ ...(await counts()), members: before.members }).toEqual(before);
    expect((await fresh.db.prisma.campaign.findFirstOrThrow()).state).toBe('active');
  });
});
