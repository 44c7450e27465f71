import { defineCommand } from './define.ts';

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
