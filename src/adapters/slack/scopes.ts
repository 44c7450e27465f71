/**
 * The bot scopes the app asks for when it is installed through /slack/install. The same list is
 * in slack-manifest.yml (`oauth_config.scopes.bot`); test/unit/adapters/slack/scopes.test.ts keeps the two
 * in step.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'files:write'] as const;
