import type { AdapterDeps, PlatformAdapter } from '../platform-adapter.ts';

export function createDiscordAdapter(_deps: AdapterDeps): PlatformAdapter {
  throw new Error('The Discord adapter is being built (issue 4).');
}
