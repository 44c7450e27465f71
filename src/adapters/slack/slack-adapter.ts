import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';

export async function createSlackAdapter(_deps: AdapterDeps): Promise<PlatformAdapter> {
  throw new Error('The Slack adapter is being built (issue 5).');
}
