import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionPresser } from '../../src/app/dispatch.ts';
import { COMMANDS } from '../../src/app/commands/registry.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { createChat } from '../support/chat-harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { asMember, MOD_ROLE, startDiscordTestBot, USERS, type DiscordTestBot } from '../support/discord-harness.ts';
import { PERMISSIONS } from '../support/fake-discord-payloads.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { startSlackBot, type SlackBot } from '../support/slack-harness.ts';

/** Every moderator command, read from the specs: a command added later is covered without editing this file. */
const MODERATOR_COMMANDS = COMMANDS.filter((c) => c.permission === 'moderator');
/** The moderator commands a button may carry (dispatch's list); only those that exist are pressed. */
const MODERATOR_BUTTONS = MODERATOR_COMMANDS.filter((c) =>
  ['campaign', 'campaigns', 'unanswered', 'forget'].includes(c.name),
);
const REFUSAL = "for this community's moderators only";

/**
 * A fingerprint of every table's contents, so "nothing was written" covers tables added later too
 * (and updates, not only inserts).
 */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await db.prisma.$queryRawUnsafe<{ sum: string }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${tablename}" t`,
    );
    out[tablename] = row!.sum;
  }
  return out;
}

describe('the moderator command list', () => {
  it('is read from the specs and holds the moderators’ commands', () => {
    const names = MODERATOR_COMMANDS.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['campaigns', 'settings']));
    expect(MODERATOR_COMMANDS.every((c) => c.group === 'preorder-admin')).toBe(true);
    expect(MODERATOR_BUTTONS.map((c) => c.name)).toContain('campaigns');
  });
});

describeEachBackend('Moderator permission on every admin command and button, through every adapter', (backend) => {
  const fresh = freshDatabase(backend, { platformState: true });

  describe('console', () => {
    it('refuses a plain member every admin command and moderator button, and writes nothing', async () => {
      const chat = createChat(fresh.db);
      await chat.say('sam', '/preorder help');
      const before = await fingerprint(fresh.db);
      for (const spec of MODERATOR_COMMANDS) {
        const { reply } = await chat.say('sam', `/${spec.group} ${spec.name}`);
        expect(reply.problem, spec.name).toMatchObject({ field: 'permission', code: 'forbidden' });
        expect(reply.fallback).toContain(REFUSAL);
      }
      const sam = chat.actor('sam');
      const presser: ActionPresser = {
        platform: sam.platform,
        userExternalId: sam.userExternalId,
        displayName: sam.displayName,
        platformAdmin: false,
        roleIds: [],
        community: { communityExternalId: sam.communityExternalId },
      };
      for (const spec of MODERATOR_BUTTONS) {
        const answer = await chat.app.dispatcher.dispatchAction(presser, `/preorder-admin ${spec.name}`);
        expect(answer.problem, spec.name).toMatchObject({ code: 'forbidden' });
      }
      expect(await fingerprint(fresh.db)).toEqual(before);
      // The console's moderator gets through (the refusal above is about who asked).
      expect((await chat.say('you', '/preorder-admin campaigns')).reply.problem).toBeUndefined();
    });
  });

  describe('Discord', () => {
    let h: DiscordTestBot;
    afterEach(async () => {
      await h?.stop();
    });

    it('refuses a member without Manage Server or a moderator role, typed and pressed, and writes nothing', async () => {
      h = await startDiscordTestBot(fresh.db);
      const bob = asMember(USERS.bob);
      await h.command(bob, 'preorder', 'help');
      const before = await fingerprint(fresh.db);
      for (const spec of MODERATOR_COMMANDS) {
        const result = await h.command(bob, spec.group, spec.name);
        expect(result.ephemeral, spec.name).toBe(true);
        expect(result.message.embeds[0].description, spec.name).toContain(REFUSAL);
      }
      for (const spec of MODERATOR_BUTTONS) {
        const pressed = await h.press(bob, `/preorder-admin ${spec.name}`);
        expect(pressed.message.embeds[0].description, spec.name).toContain(REFUSAL);
      }
      expect(await fingerprint(fresh.db)).toEqual(before);
    });

    it('fills Manage Server and roles for button presses as for slash commands', async () => {
      h = await startDiscordTestBot(fresh.db);
      const admin = await h.press(
        asMember(USERS.mod, { permissions: PERMISSIONS.manageGuild }),
        '/preorder-admin campaigns',
      );
      expect(admin.message.embeds[0].description ?? '').not.toContain(REFUSAL);
      expect(admin.message.embeds[0].title).not.toMatch(/^Problem/);
      const withRole = asMember(USERS.bob, { roles: [MOD_ROLE] });
      expect((await h.press(withRole, '/preorder-admin campaigns')).message.embeds[0].description).toContain(REFUSAL);
      await fresh.db.prisma.community.updateMany({ data: { moderatorRoleIds: [MOD_ROLE] } });
      const allowed = await h.press(withRole, '/preorder-admin campaigns');
      expect(allowed.message.embeds[0].title).not.toMatch(/^Problem/);
      // From a DM there is no server to moderate.
      const fromDm = await h.press(USERS.mod, '/preorder-admin campaigns');
      expect(fromDm.message.embeds[0].description).toContain('only work in the server');
    });
  });

  describe('Slack', () => {
    const SAM = { id: 'U0SAM', name: 'sam' };
    const ADA = { id: 'U0ADA', name: 'ada' };
    let s: SlackBot;
    beforeEach(async () => {
      s = await startSlackBot(fresh.db);
      s.fake.addUser({ id: SAM.id, name: SAM.name });
      s.fake.addUser({ id: ADA.id, name: ADA.name, is_admin: true });
    });
    afterEach(async () => {
      await s.close();
    });

    const answerTo = async (id: string) =>
      String((await s.fake.waitFor(() => s.fake.responsesTo(id).length > 0 && s.fake.responsesTo(id), id))[0]!.text);

    it('refuses a member Slack says is not an admin, typed and pressed, and writes nothing', async () => {
      await s.slack.command(SAM, 'help', { responseId: 'warm-up' });
      await answerTo('warm-up');
      const before = await fingerprint(fresh.db);
      for (const spec of MODERATOR_COMMANDS) {
        const id = `typed-${spec.name}`;
        await s.slack.command(SAM, spec.name, { command: `/${spec.group}`, responseId: id });
        expect(await answerTo(id), spec.name).toContain(REFUSAL);
      }
      for (const spec of MODERATOR_BUTTONS) {
        const id = `pressed-${spec.name}`;
        await s.slack.press(SAM, { action_id: 'pp:admin', value: `/preorder-admin ${spec.name}` }, { responseId: id });
        expect(await answerTo(id), spec.name).toContain(REFUSAL);
      }
      // Slack was asked every time, for typed commands and presses alike.
      const asked = s.fake.callsTo('users.info').map((c) => c.params.user);
      expect(asked).toEqual(Array(MODERATOR_COMMANDS.length + MODERATOR_BUTTONS.length).fill(SAM.id));
      expect(await fingerprint(fresh.db)).toEqual(before);
    });

    it('lets a workspace admin press a moderator button, and asks nobody about member buttons', async () => {
      await s.slack.press(ADA, { action_id: 'pp:admin', value: '/preorder-admin campaigns' }, { responseId: 'ada' });
      expect(await answerTo('ada')).not.toContain(REFUSAL);
      expect(await answerTo('ada')).not.toMatch(/^✗/);
      s.fake.clear();
      await s.slack.press(SAM, { action_id: 'pp:help', value: '/preorder help' }, { responseId: 'help' });
      await answerTo('help');
      expect(s.fake.callsTo('users.info')).toEqual([]);
    });
  });
});
