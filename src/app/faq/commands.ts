import { defineCommand } from '../commands/define.ts';

/** Answers for members (ask, faq) and the moderators' loop over what went unanswered. */

export const askCommand = defineCommand({
  group: 'preorder',
  name: 'ask',
  description: 'Ask a question about the pre-order process',
  options: [{ name: 'question', kind: 'question', description: 'Your question', required: true, positional: true }],
  examples: ['/preorder ask how much does Advantage cost?'],
  permission: 'member',
  stateless: true,
  run: (args, s, where) => s.faq.askIn(where, args.question),
});

export const faqCommand = defineCommand({
  group: 'preorder',
  name: 'faq',
  description: 'Read one FAQ topic, or list them all',
  options: [
    { name: 'topic', kind: 'topic', description: 'Topic id, e.g. aa-fee; leave out to list all', positional: true },
  ],
  examples: ['/preorder faq zero-out', '/preorder faq'],
  permission: 'member',
  button: 'member',
  stateless: true,
  run: (args, s, where) => s.faq.topicIn(where, args.topic),
});

export const FAQ_COMMANDS = [askCommand, faqCommand] as const;

export const adminUnansweredCommand = defineCommand({
  group: 'preorder-admin',
  name: 'unanswered',
  description: 'Moderators: questions I could not answer well; promote one to a topic or dismiss it',
  options: [
    { name: 'promote', kind: 'question-id', description: 'Question id to attach to a topic as a new phrasing' },
    { name: 'topic', kind: 'topic', description: 'Topic the promoted question belongs to; default: my best guess' },
    { name: 'dismiss', kind: 'question-id', description: 'Question id to take off the list' },
    { name: 'page', kind: 'page', description: 'Page of the list, from 1' },
  ],
  examples: [
    '/preorder-admin unanswered',
    '/preorder-admin unanswered promote:3f2a9c1e topic:aa-fee',
    '/preorder-admin unanswered dismiss:3f2a9c1e',
  ],
  permission: 'moderator',
  button: 'moderator',
  run: (ctx, args, s) => s.faqAdmin.unanswered(ctx, args),
});

export const adminFaqEditCommand = defineCommand({
  group: 'preorder-admin',
  name: 'faq-edit',
  description: "Moderators: show or replace this community's answer for a FAQ topic; earlier versions are kept",
  options: [
    { name: 'topic', kind: 'topic', description: 'Topic id, e.g. aa-fee', required: true, positional: true },
    { name: 'text', kind: 'answer', description: 'The new answer members will see' },
    { name: 'reset', kind: 'toggle', description: 'on: go back to the standard answer' },
  ],
  examples: ['/preorder-admin faq-edit aa-fee', '/preorder-admin faq-edit topic:aa-fee text:"Our group covers…"'],
  permission: 'moderator',
  run: (ctx, args, s) => s.faqAdmin.faqEdit(ctx, args),
});

export const FAQ_ADMIN_COMMANDS = [adminUnansweredCommand, adminFaqEditCommand] as const;
