import type { MentionRef } from '../../core/mention-ref.ts';
import { possessive } from '../../core/names.ts';
import { auditActor, type RequestContext } from '../context.ts';
import type { MemberRecord } from '../ports.ts';
import { reply, type Reply } from '../reply.ts';
import { requireMember } from './member-lookup.ts';
import {
  FORMER_MEMBER,
  FORMER_MODERATOR,
  type DataScope,
  type MemberDataCounts,
  type ModerationStore,
} from './ports.ts';

/** The audit action of a deletion; its line says only that one happened (and how many campaigns). */
export const FORGOTTEN_ACTION = 'member.forgotten';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function inventory(counts: MemberDataCounts, whose: 'your' | 'their'): string[] {
  return [
    `• ${plural(counts.campaigns, 'campaign')}`,
    `• ${plural(counts.milestoneProgress, 'marked step')}`,
    `• ${plural(counts.orderLogs, 'order log')}`,
    `• ${plural(counts.reminders, 'reminder')} (sent and planned)`,
    `• ${plural(counts.faqQuestions, 'question')} kept for the FAQ`,
    `• ${plural(counts.auditEntries, 'audit line')} about ${whose} campaigns and settings`,
    ...(counts.calendarLinks ? [`• ${plural(counts.calendarLinks, 'calendar link')} (it stops working)`] : []),
    ...(counts.memberRow ? [`• ${whose === 'your' ? 'your' : 'their'} member record and settings`] : []),
  ];
}

/** What stays: the preview says it in these words, and the store does exactly this. */
function keptLine(counts: MemberDataCounts, whose: 'your' | 'their'): string {
  const who = whose === 'your' ? 'you' : 'they';
  const what = `Audit lines of what ${who} did on other members' campaigns or the community's settings`;
  const howMany = counts.auditKept > 0 ? ` (${plural(counts.auditKept, 'line')})` : '';
  return `${what}${howMany} are never deleted: they stay, with ${whose} name replaced by "${FORMER_MODERATOR}" (or "${FORMER_MEMBER}").`;
}

/** A member's right to be forgotten: by their own request everywhere, or by a moderator in one community. */
export class ForgetService {
  constructor(private readonly store: ModerationStore) {}

  async forgetMe(ctx: RequestContext, args: { confirm?: true | undefined }): Promise<Reply> {
    const counts = await this.store.memberData(ctx.member, 'everywhere');
    if (!args.confirm) {
      return reply({
        tone: 'question',
        title: 'Delete everything I keep about you?',
        lines: [
          ['This deletes, in every community, and cannot be undone:'],
          ...inventory(counts, 'your'),
          [keptLine(counts, 'your')],
          ['The audit will only say that a deletion happened. Press the button (or add confirm:yes) to go ahead.'],
        ],
        actions: [{ id: 'forget-me', label: 'Yes, delete my data', command: '/preorder forget-me confirm:yes' }],
      });
    }
    const deleted = await this.store.forgetMember(
      ctx.member,
      'everywhere',
      { actorId: null, communityId: ctx.community.id, action: FORGOTTEN_ACTION },
      ctx.now,
    );
    return reply({
      tone: 'success',
      title: 'Your data is deleted',
      lines: [
        [
          `I deleted ${plural(deleted.campaigns, 'campaign')} and everything else I kept about you. Using me again starts afresh.`,
        ],
      ],
    });
  }

  /** For a member who left: the same deletion, limited to this community. */
  async forgetMember(ctx: RequestContext, args: { member: MentionRef; confirm?: true | undefined }): Promise<Reply> {
    const member = await requireMember(this.store, ctx, args.member, 'member');
    const scope: DataScope = { communityId: ctx.community.id };
    if (!args.confirm) {
      const counts = await this.store.memberData(member, scope);
      return reply({
        tone: 'question',
        title: `Delete ${possessive(member.displayName)} data in this community?`,
        lines: [
          ['This deletes, in this community only, and cannot be undone:'],
          ...inventory(counts, 'their'),
          [keptLine(counts, 'their')],
          ['The audit will only say that a deletion happened. Press the button (or add confirm:yes) to go ahead.'],
        ],
        actions: [
          {
            id: 'forget',
            label: `Yes, delete ${possessive(member.displayName)} data`.slice(0, 80),
            command: forgetCommand(member),
          },
        ],
      });
    }
    const deleted = await this.store.forgetMember(
      member,
      scope,
      { actorId: auditActor(ctx), communityId: ctx.community.id, action: FORGOTTEN_ACTION },
      ctx.now,
    );
    return reply({
      tone: 'success',
      title: 'Member data deleted',
      lines: [
        [
          `I deleted ${plural(deleted.campaigns, 'campaign')} and everything else of that member in this community${deleted.memberRow ? ', and their member record' : ''}.`,
        ],
      ],
    });
  }
}

/** The confirm button names the member by their platform id, which resolves without a name lookup. */
const forgetCommand = (member: MemberRecord) => `/preorder-admin forget member:${member.externalId} confirm:yes`;
