import type {
  Authorize,
  AuthorizeResult,
  Installation,
  InstallationQuery,
  InstallationStore,
  webApi,
} from '@slack/bolt';
import type { Clock } from '../../app/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { InstallationRecords, InstalledWorkspace, RemovedWorkspace } from './installations.ts';
import { slackErrorCode } from './slack-errors.ts';

/** One workspace the bot is installed in: each is its own community (external id = team id). */
export interface Workspace {
  teamId: string;
  teamName?: string;
  enterpriseId?: string;
  botUserId?: string;
  botId?: string;
  /** Never logged. */
  token: string;
  /** `env`: SLACK_BOT_TOKEN's workspace; `oauth`: installed through /slack/install. */
  source: 'env' | 'oauth';
}

export type WorkspaceLookup =
  { status: 'served'; workspace: Workspace } | { status: 'removed'; removed: RemovedWorkspace } | { status: 'unknown' };

/** Thrown by the installation store for an org-wide (Enterprise Grid) install, which is not supported. */
export class OrgInstallRefused extends Error {
  readonly code = 'slack_org_install_unsupported';
}

export interface WorkspaceDirectoryOptions {
  /** The workspace of SLACK_BOT_TOKEN, when set: always served with that token. */
  fixed?: readonly Workspace[];
  /** OAuth installations; absent when the OAuth trio is not configured. */
  records?: InstallationRecords;
  clock?: Clock;
  logger?: Logger;
  /** How long a stored installation (or its removal) is trusted from memory; other processes' changes show after this. */
  cacheMs?: number;
}

const DEFAULT_CACHE_MS = 60_000;

/**
 * The one answer to "which token for team T?" and "is T ours?", for Bolt's authorize (or the
 * OAuth installer's, through `installationStore`), the reminder notifier, App Home and the banner.
 *
 * Two sources: SLACK_BOT_TOKEN's workspace (checked with `auth.test` at start-up; always served
 * with that token) and installations stored through the OAuth flow (looked up in the database,
 * kept in memory for `cacheMs`; installing or uninstalling in this process updates memory at once).
 * A team that is neither is not ours: its requests run no listener and its reminders fail.
 */
export class WorkspaceDirectory {
  private readonly fixed = new Map<string, Workspace>();
  private readonly cache = new Map<string, { lookup: WorkspaceLookup; at: number }>();
  private readonly records: InstallationRecords | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly cacheMs: number;

  constructor(opts: WorkspaceDirectoryOptions = {}) {
    for (const workspace of opts.fixed ?? []) this.fixed.set(workspace.teamId, workspace);
    this.records = opts.records;
    this.clock = opts.clock ?? { now: () => new Date() };
    this.logger = opts.logger;
    this.cacheMs = opts.cacheMs ?? DEFAULT_CACHE_MS;
  }

  /** Asks Slack who SLACK_BOT_TOKEN belongs to; a refused token stops start-up with a clear message. */
  static async checkToken(client: webApi.WebClient, token: string): Promise<Workspace> {
    let result: webApi.AuthTestResponse;
    try {
      result = await client.auth.test({ token });
    } catch (error) {
      const code = slackErrorCode(error);
      throw new Error(
        code
          ? `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.`
          : `Could not reach the Slack Web API to check SLACK_BOT_TOKEN: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (!result.team_id) throw new Error('Slack auth.test returned no team id for SLACK_BOT_TOKEN.');
    return {
      teamId: result.team_id,
      token,
      source: 'env',
      ...(result.team ? { teamName: result.team } : {}),
      ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}),
      ...(result.user_id ? { botUserId: result.user_id } : {}),
      ...(result.bot_id ? { botId: result.bot_id } : {}),
    };
  }

  /** Whether installations can be added (the OAuth flow is configured). */
  get acceptsInstalls(): boolean {
    return this.records !== undefined;
  }

  /**
   * From memory only, for names (App Home, community names): the env workspace or an installed
   * one looked up recently (as every request's authorize does). Tokens come from `lookup`.
   */
  get(teamId: string | undefined): Workspace | undefined {
    if (!teamId) return undefined;
    const fixed = this.fixed.get(teamId);
    if (fixed) return fixed;
    const cached = this.cache.get(teamId)?.lookup;
    return cached?.status === 'served' ? cached.workspace : undefined;
  }

  /** The env workspace and the installed ones this process has seen. */
  list(): Workspace[] {
    const seen = [...this.cache.values()].flatMap((c) => (c.lookup.status === 'served' ? [c.lookup.workspace] : []));
    return [...this.fixed.values(), ...seen.filter((w) => !this.fixed.has(w.teamId))];
  }

  /** Which token for team T, or why there is none. */
  async lookup(teamId: string | undefined): Promise<WorkspaceLookup> {
    if (!teamId) return { status: 'unknown' };
    const fixed = this.fixed.get(teamId);
    if (fixed) return { status: 'served', workspace: fixed };
    if (!this.records) return { status: 'unknown' };
    const cached = this.cache.get(teamId);
    if (cached && performance.now() - cached.at < this.cacheMs) return cached.lookup;
    const record = await this.records.get(teamId);
    if (!record) {
      // Not cached: another process may install it at any moment.
      this.cache.delete(teamId);
      return { status: 'unknown' };
    }
    const lookup: WorkspaceLookup =
      record.status === 'installed'
        ? { status: 'served', workspace: fromRecord(record) }
        : { status: 'removed', removed: record };
    this.remember(teamId, lookup);
    return lookup;
  }

  async find(teamId: string | undefined): Promise<Workspace | undefined> {
    const found = await this.lookup(teamId);
    return found.status === 'served' ? found.workspace : undefined;
  }

  /** Bolt's authorize (single-workspace mode): requests from a workspace we hold no token for run no listener. */
  readonly authorize: Authorize<boolean> = async (source) => {
    const workspace = await this.find(source.teamId);
    if (!workspace) throw new Error(`this app holds no token for workspace ${source.teamId ?? '(none)'}`);
    const result: AuthorizeResult = { botToken: workspace.token, teamId: workspace.teamId };
    if (workspace.botUserId) result.botUserId = workspace.botUserId;
    if (workspace.botId) result.botId = workspace.botId;
    if (workspace.enterpriseId) result.enterpriseId = workspace.enterpriseId;
    return result;
  };

  /** Keeps what the OAuth flow returned; the workspace is served from this moment. */
  async install(installation: Installation): Promise<InstalledWorkspace> {
    if (!this.records) throw new Error('Slack OAuth is not configured (SLACK_CLIENT_ID…)');
    if (installation.isEnterpriseInstall || !installation.team?.id) {
      throw new OrgInstallRefused(
        'org-wide installs are not supported: install Pre-order Pal in each workspace of the organization',
      );
    }
    if (!installation.bot?.token || !installation.bot.userId) {
      throw new Error('Slack granted no bot token: the install link must ask for the bot scopes');
    }
    const now = this.clock.now();
    const record: InstalledWorkspace = {
      status: 'installed',
      teamId: installation.team.id,
      ...(installation.team.name ? { teamName: installation.team.name } : {}),
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      botToken: installation.bot.token,
      botUserId: installation.bot.userId,
      ...(installation.bot.id ? { botId: installation.bot.id } : {}),
      botScopes: installation.bot.scopes ?? [],
      ...(installation.user?.id ? { installerUserId: installation.user.id } : {}),
      ...(installation.appId ? { appId: installation.appId } : {}),
      installedAt: now.toISOString(),
    };
    await this.records.put(record, now);
    this.remember(record.teamId, { status: 'served', workspace: fromRecord(record) });
    return record;
  }

  /**
   * Forgets an installed workspace (Slack told us the app was uninstalled or its bot token revoked).
   * Returns whether an installation was removed; the env token's workspace stays served by its token.
   */
  async uninstall(teamId: string, reason: string): Promise<boolean> {
    if (this.fixed.has(teamId)) {
      this.logger?.warn(
        { team: teamId, reason },
        'Slack says the workspace of SLACK_BOT_TOKEN removed the app; remove the token from the environment',
      );
    }
    if (!this.records) return false;
    const record = await this.records.get(teamId);
    if (record?.status !== 'installed') return false;
    const removed: RemovedWorkspace = {
      status: 'removed',
      teamId,
      ...(record.teamName ? { teamName: record.teamName } : {}),
      reason,
      removedAt: this.clock.now().toISOString(),
    };
    await this.records.put(removed, this.clock.now());
    this.remember(teamId, { status: 'removed', removed });
    return true;
  }

  /** For the OAuth installer: stores installs, and answers its authorize from this directory. */
  readonly installationStore: InstallationStore = {
    storeInstallation: async (installation) => {
      await this.install(installation);
    },
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      if (query.isEnterpriseInstall) throw new Error('org-wide installs are not supported');
      const workspace = await this.find(query.teamId);
      if (!workspace) throw new Error(`this app holds no token for workspace ${query.teamId ?? '(none)'}`);
      return toInstallation(workspace);
    },
    deleteInstallation: async (query: InstallationQuery<boolean>) => {
      if (query.teamId) await this.uninstall(query.teamId, 'deleted');
    },
  };

  private remember(teamId: string, lookup: WorkspaceLookup): void {
    this.cache.set(teamId, { lookup, at: performance.now() });
  }
}

function fromRecord(record: InstalledWorkspace): Workspace {
  return {
    teamId: record.teamId,
    token: record.botToken,
    source: 'oauth',
    botUserId: record.botUserId,
    ...(record.teamName ? { teamName: record.teamName } : {}),
    ...(record.enterpriseId ? { enterpriseId: record.enterpriseId } : {}),
    ...(record.botId ? { botId: record.botId } : {}),
  };
}

/** The shape the OAuth installer's authorize reads: a bot token, no user token. */
function toInstallation(workspace: Workspace): Installation<'v2', false> {
  return {
    team: { id: workspace.teamId, ...(workspace.teamName ? { name: workspace.teamName } : {}) },
    enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId } : undefined,
    user: { token: undefined, scopes: undefined, id: '' },
    bot: { token: workspace.token, scopes: [], id: workspace.botId ?? '', userId: workspace.botUserId ?? '' },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}
