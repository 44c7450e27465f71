import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { PlatformStateStore } from '../../../../src/app/ports.ts';
import { InstallationRecords } from '../../../../src/adapters/slack/installations.ts';
import { WorkspaceDirectory } from '../../../../src/adapters/slack/workspaces.ts';

class MemoryState implements PlatformStateStore {
  readonly rows = new Map<string, string>();
  reads = 0;
  async get(key: string): Promise<string | null> {
    this.reads += 1;
    return this.rows.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.rows.set(key, value);
  }
}

const clock = { now: () => new Date('2027-01-10T12:00:00Z') };
const ENV = { teamId: 'T1', teamName: 'One', token: 'xoxb-one', source: 'env' as const };

function installation(teamId: string, token: string): Installation {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token, userId: `U0BOT${teamId}`, id: `B0BOT${teamId}`, scopes: ['commands'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

describe('WorkspaceDirectory', () => {
  it("answers from the env token, then from stored installations; another process's install shows at once", async () => {
    const state = new MemoryState();
    const here = new WorkspaceDirectory({ fixed: [ENV], records: new InstallationRecords(state), clock });
    const there = new WorkspaceDirectory({ records: new InstallationRecords(state), clock });
    expect((await here.find('T1'))?.token).toBe('xoxb-one');
    expect(await here.lookup('T2')).toEqual({ status: 'unknown' });
    await there.install(installation('T2', 'xoxb-two'));
    expect((await here.find('T2'))?.token).toBe('xoxb-two');
    // Found installations are remembered: no read for the next minute.
    const reads = state.reads;
    await here.find('T2');
    expect(state.reads).toBe(reads);
    expect(here.get('T2')?.teamName).toBe('Team T2');
  });

  it('an uninstall is a tombstone without the token; this process forgets at once, others after the cache time', async () => {
    const state = new MemoryState();
    const here = new WorkspaceDirectory({ records: new InstallationRecords(state), clock });
    const there = new WorkspaceDirectory({ records: new InstallationRecords(state), clock, cacheMs: 0 });
    await here.install(installation('T2', 'xoxb-two'));
    await there.find('T2');
    expect(await here.uninstall('T2', 'app_uninstalled')).toBe(true);
    expect(await here.lookup('T2')).toMatchObject({ status: 'removed', removed: { reason: 'app_uninstalled' } });
    expect(state.rows.get('slack:installation:T2')).not.toContain('xoxb-two');
    expect(await there.lookup('T2')).toMatchObject({ status: 'removed' });
    // Nothing to remove the second time, nor for a team never installed.
    expect(await here.uninstall('T2', 'tokens_revoked')).toBe(false);
    expect(await here.uninstall('T9', 'app_uninstalled')).toBe(false);
  });

  it('refuses org-wide installs and a grant without a bot token', async () => {
    const directory = new WorkspaceDirectory({ records: new InstallationRecords(new MemoryState()), clock });
    await expect(
      directory.install({ ...installation('T2', 'x'), team: undefined, isEnterpriseInstall: true } as Installation),
    ).rejects.toMatchObject({ code: 'slack_org_install_unsupported' });
    await expect(directory.install({ ...installation('T2', 'x'), bot: undefined })).rejects.toThrow(/no bot token/);
  });

  it('authorize refuses a team it holds no token for', async () => {
    const directory = new WorkspaceDirectory({ fixed: [ENV], clock });
    await expect(
      directory.authorize({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined }, {} as never),
    ).resolves.toMatchObject({ botToken: 'xoxb-one', teamId: 'T1' });
    await expect(
      directory.authorize({ teamId: 'T9', isEnterpriseInstall: false, enterpriseId: undefined }, {} as never),
    ).rejects.toThrow(/no token for workspace T9/);
  });
});
