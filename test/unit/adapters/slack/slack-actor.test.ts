import { describe, expect, it } from 'vitest';
import {
  commandSender,
  interactionSender,
  slackActor,
  slackPresser,
  type SlackSender,
} from '../../../../src/adapters/slack/slack-actor.ts';
import { WorkspaceDirectory } from '../../../../src/adapters/slack/workspaces.ts';

const workspaces = new WorkspaceDirectory({
  fixed: [{ teamId: 'T1', teamName: 'Writers Guild', token: 'xoxb-test', source: 'env' }],
});

describe('who sent a Slack request', () => {
  it('reads a slash command’s payload', () => {
    expect(commandSender({ team_id: 'T1', team_domain: 'writers', user_id: 'U1', user_name: 'alice' })).toEqual({
      teamId: 'T1',
      teamDomain: 'writers',
      userId: 'U1',
      displayName: 'alice',
    });
  });

  it('reads a button press or form submission, with the workspace on the user when the team is missing', () => {
    const body = { team: { id: 'T1', domain: 'writers' }, user: { id: 'U1', username: 'alice', name: 'alice.b' } };
    expect(interactionSender(body)).toEqual({
      teamId: 'T1',
      teamDomain: 'writers',
      userId: 'U1',
      displayName: 'alice',
    });
    const grid = interactionSender({ team: null, user: { id: 'U2', name: 'bob', team_id: 'T9' } });
    expect(grid).toEqual({ teamId: 'T9', teamDomain: undefined, userId: 'U2', displayName: 'bob' });
    expect(interactionSender({ team: null, user: { id: 'U3' } }).displayName).toBe('U3');
  });
});

describe('slackActor', () => {
  const alice: SlackSender = { teamId: 'T1', teamDomain: 'writers', userId: 'U1', displayName: 'alice' };

  it('names the community as the directory knows the workspace, and is no admin unless told', () => {
    expect(slackActor(alice, { workspaces })).toEqual({
      platform: 'slack',
      communityExternalId: 'T1',
      communityName: 'Writers Guild',
      userExternalId: 'U1',
      displayName: 'alice',
      platformAdmin: false,
      roleIds: [],
    });
    expect(slackActor(alice, { workspaces, platformAdmin: true }).platformAdmin).toBe(true);
  });

  it('falls back to the workspace’s subdomain, and to no name at all', () => {
    const elsewhere = { ...alice, teamId: 'T2' };
    expect(slackActor(elsewhere, { workspaces }).communityName).toBe('writers');
    expect(slackActor({ ...elsewhere, teamDomain: undefined }, { workspaces })).not.toHaveProperty('communityName');
  });

  it('gives a press its workspace as where it came from, or none when the payload names none', () => {
    expect(slackPresser(alice, { workspaces })).toEqual({
      platform: 'slack',
      userExternalId: 'U1',
      displayName: 'alice',
      platformAdmin: false,
      roleIds: [],
      community: { communityExternalId: 'T1', communityName: 'Writers Guild' },
    });
    const nowhere = slackPresser({ ...alice, teamId: undefined, teamDomain: undefined }, { workspaces });
    expect(nowhere).not.toHaveProperty('community');
    expect(nowhere).not.toHaveProperty('communityExternalId');
  });
});
