import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../../src/adapters/slack/scopes.ts';
import { REPO_ROOT } from '../../../support/processes.ts';

const manifest = readFileSync(join(REPO_ROOT, 'slack-manifest.yml'), 'utf8');

/** The `- item` lines of the block that follows `heading:` (by indentation; comments skipped). */
function listUnder(text: string, heading: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return [];
  const indent = lines[start]!.search(/\S/);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (line.search(/\S/) <= indent) break;
    const item = line.match(/^\s*-\s+(\S+)/);
    if (item) items.push(item[1]!);
  }
  return items;
}

describe('Slack scopes and manifest', () => {
  it('the install link asks for exactly the bot scopes the manifest declares', () => {
    expect(listUnder(manifest, /^\s+bot:\s*$/)).toEqual([...BOT_SCOPES]);
  });

  it('the manifest subscribes to the uninstall events and names the OAuth redirect', () => {
    expect(listUnder(manifest, /^\s+bot_events:\s*$/)).toEqual(
      expect.arrayContaining(['app_home_opened', 'app_uninstalled', 'tokens_revoked']),
    );
    expect(listUnder(manifest, /^\s+redirect_urls:\s*$/)).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
  });
});
