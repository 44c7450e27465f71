import type { PlatformStateStore } from '../../app/ports.ts';

/**
 * Installations made through Slack's OAuth flow, one row per workspace in `platform_state`
 * (key `slack:installation:<teamId>`, value JSON). Uninstalling leaves a tombstone instead of a
 * deleted row (the key-value store has no delete), so a reminder for that workspace can say why it
 * cannot be sent. Tokens are stored as Slack gave them: unencrypted, so protect the database.
 */
export interface InstalledWorkspace {
  status: 'installed';
  teamId: string;
  teamName?: string;
  enterpriseId?: string;
  /** Never logged. */
  botToken: string;
  botUserId: string;
  botId?: string;
  botScopes: string[];
  /** Who clicked "Allow". */
  installerUserId?: string;
  appId?: string;
  installedAt: string;
}

export interface RemovedWorkspace {
  status: 'removed';
  teamId: string;
  teamName?: string;
  /** `app_uninstalled`, `tokens_revoked`, … */
  reason: string;
  removedAt: string;
}

export type InstallationRecord = InstalledWorkspace | RemovedWorkspace;

export const installationKey = (teamId: string): string => `slack:installation:${teamId}`;

export class InstallationRecords {
  constructor(private readonly state: PlatformStateStore) {}

  async get(teamId: string): Promise<InstallationRecord | undefined> {
    const raw = await this.state.get(installationKey(teamId));
    return raw ? parseRecord(raw, teamId) : undefined;
  }

  async put(record: InstallationRecord, now: Date): Promise<void> {
    await this.state.set(installationKey(record.teamId), JSON.stringify(record), now);
  }
}

/** A row that does not parse is treated as absent rather than stopping every request of that team. */
function parseRecord(raw: string, teamId: string): InstallationRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<InstallationRecord>;
    if (value.teamId !== teamId) return undefined;
    if (value.status === 'installed' && typeof value.botToken === 'string' && typeof value.botUserId === 'string') {
      return value as InstalledWorkspace;
    }
    if (value.status === 'removed') return value as RemovedWorkspace;
    return undefined;
  } catch {
    return undefined;
  }
}
