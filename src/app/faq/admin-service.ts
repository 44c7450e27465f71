import { UserError } from '../../core/errors.ts';
import { getFaqEntry, type FaqTopicId } from '../../core/faq/index.ts';
import { auditActor, type RequestContext } from '../context.ts';
import { at, reply, type Reply, type ReplyAction } from '../reply.ts';
import type { CommunityFaqCache } from './community-faq.ts';
import { actorText } from '../moderation/audit-text.ts';
import { actorNames } from '../moderation/member-lookup.ts';
import type { ModerationStore } from '../moderation/ports.ts';
import type { FaqFeedbackStore, FaqQuestionRecord } from './ports.ts';

/** Questions per page: each becomes a field with two buttons, and Discord allows 25 buttons. */
const PAGE_SIZE = 8;
/** Shown ids are this long; any unambiguous prefix is accepted back. */
const SHORT_ID = 8;
/** Versions listed under an answer; older ones stay stored. */
const HISTORY_SHOWN = 5;

export interface UnansweredArgs {
  promote?: string | undefined;
  dismiss?: string | undefined;
  topic?: FaqTopicId | undefined;
  page?: number | undefined;
}

export interface FaqEditArgs {
  topic: FaqTopicId;
  text?: string | undefined;
  reset?: boolean | undefined;
}

const shortId = (id: string) => id.slice(0, SHORT_ID);

/** The moderators' side of the FAQ: the queue of questions it could not answer, and answer edits. */
export class FaqAdminService {
  constructor(
    private readonly store: FaqFeedbackStore,
    private readonly cache: CommunityFaqCache,
    /** who edited an answer, for its history */
    private readonly members: Pick<ModerationStore, 'findMembers'>,
  ) {}

  async unanswered(ctx: RequestContext, args: UnansweredArgs): Promise<Reply> {
    if (args.promote !== undefined && args.dismiss !== undefined) {
      throw new UserError({
        field: 'promote',
        code: 'invalid',
        message: 'Give either promote or dismiss, not both: one question at a time.',
      });
    }
    if (args.promote !== undefined) return this.promote(ctx, args.promote, args.topic);
    if (args.dismiss !== undefined) return this.dismiss(ctx, args.dismiss);
    if (args.topic !== undefined) {
      throw new UserError({
        field: 'topic',
        code: 'invalid',
        message: 'topic goes with promote:<question id>, to say which topic the question belongs to.',
      });
    }
    return this.list(ctx, args.page ?? 1);
  }

  private async list(ctx: RequestContext, page: number): Promise<Reply> {
    const { total, items } = await this.store.openQuestions(ctx.community.id, {
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (total === 0) {
      return reply({
        title: 'No unanswered questions',
        lines: [
          'Every question asked here recently got a confident answer. Questions I cannot answer well show up here.',
        ],
      });
    }
    if (page > pages) {
      throw new UserError({
        field: 'page',
        code: 'invalid',
        message: `There ${pages === 1 ? 'is 1 page' : `are ${pages} pages`} of unanswered questions; ask for page 1 to ${pages}.`,
      });
    }
    const actions: ReplyAction[] = [];
    for (const q of items) {
      if (q.guessedTopic) {
        actions.push({
          id: `promote:${shortId(q.id)}`,
          label: `${shortId(q.id)} → ${q.guessedTopic}`,
          command: `/preorder-admin unanswered promote:${q.id} topic:${q.guessedTopic}`,
        });
      }
      actions.push({
        id: `dismiss:${shortId(q.id)}`,
        label: `Dismiss ${shortId(q.id)}`,
        command: `/preorder-admin unanswered dismiss:${q.id}`,
      });
    }
    if (page < pages) {
      actions.push({ id: 'next-page', label: 'Next page', command: `/preorder-admin unanswered page:${page + 1}` });
    }
    return reply({
      title: `Unanswered questions (${total})`,
      lines: [
        `Page ${page} of ${pages}, newest first. Attach a question to a topic with /preorder-admin unanswered promote:<id> topic:<topic> (it becomes a phrasing I recognise here), or dismiss:<id>.`,
      ],
      fields: items.map((q) => questionField(q, ctx.community.defaultTimeZone)),
      actions,
    });
  }

  private async promote(ctx: RequestContext, idPrefix: string, topic: FaqTopicId | undefined): Promise<Reply> {
    const question = await this.findOne(ctx, idPrefix, 'promote');
    const target = topic ?? question.guessedTopic;
    if (!target) {
      throw new UserError({
        field: 'topic',
        code: 'required',
        message: 'I had no guess for this question; say which topic it belongs to with topic:<topic id>.',
      });
    }
    await this.store.promote(
      ctx.community.id,
      question.id,
      target,
      { actorId: auditActor(ctx), action: 'faq.alias-added', details: { topic: target, question: question.text } },
      ctx.now,
    );
    this.cache.invalidate(ctx.community.id);
    return reply({
      tone: 'success',
      title: 'Phrasing added',
      lines: [`"${question.text}" now leads to ${getFaqEntry(target).title} (${target}) when asked here.`],
    });
  }

  private async dismiss(ctx: RequestContext, idPrefix: string): Promise<Reply> {
    const question = await this.findOne(ctx, idPrefix, 'dismiss');
    await this.store.dismiss(
      ctx.community.id,
      question.id,
      { actorId: auditActor(ctx), action: 'faq.question-dismissed', details: { question: question.text } },
      ctx.now,
    );
    return reply({ tone: 'success', title: 'Question dismissed', lines: [`"${question.text}" is off the list.`] });
  }

  private async findOne(ctx: RequestContext, idPrefix: string, field: string): Promise<FaqQuestionRecord> {
    const found = await this.store.findOpenQuestions(ctx.community.id, idPrefix);
    if (found.length === 1) return found[0]!;
    if (found.length === 0) {
      throw new UserError({
        field,
        code: 'not-found',
        message: `No open question here has an id starting with "${idPrefix}". See /preorder-admin unanswered for the list.`,
      });
    }
    throw new UserError({
      field,
      code: 'ambiguous',
      message: `More than one open question starts with "${idPrefix}"; give more of the id.`,
      choices: found.map((q) => shortId(q.id)),
    });
  }

  async faqEdit(ctx: RequestContext, args: FaqEditArgs): Promise<Reply> {
    const { topic } = args;
    if (args.text !== undefined && args.reset) {
      throw new UserError({
        field: 'reset',
        code: 'invalid',
        message: 'Give either text (a new answer) or reset:on (back to the standard answer), not both.',
      });
    }
    if (args.text !== undefined || args.reset) {
      const history = await this.store.answerHistory(ctx.community.id, topic);
      const previous = history[0]?.text ?? null;
      const next = args.reset ? null : args.text!;
      if (previous === next) {
        return reply({
          title: 'Nothing changed',
          lines: [
            args.reset ? `${topic} already uses the standard answer.` : `${topic} already has exactly that answer.`,
          ],
        });
      }
      await this.store.saveAnswer(
        ctx.community.id,
        topic,
        next,
        {
          actorId: auditActor(ctx),
          action: args.reset ? 'faq.answer-reset' : 'faq.answer-edited',
          details: { topic, from: previous, to: next },
        },
        ctx.now,
      );
      this.cache.invalidate(ctx.community.id);
    }
    return this.showAnswer(ctx, topic, args.text !== undefined || Boolean(args.reset));
  }

  private async showAnswer(ctx: RequestContext, topic: FaqTopicId, changed: boolean): Promise<Reply> {
    const history = await this.store.answerHistory(ctx.community.id, topic);
    const editors = history.flatMap((v) => (v.editedBy ? [v.editedBy] : []));
    const names = await actorNames(this.members, ctx, editors);
    const editor = (id: string | null) =>
      id === null ? 'someone no longer here' : actorText(id, names, auditActor(ctx));
    const entry = getFaqEntry(topic);
    const current = history[0]?.text ?? null;
    return reply({
      tone: changed ? 'success' : 'info',
      title: `${changed ? 'Answer updated' : 'Answer'}: ${entry.title} (${topic})`,
      lines: [
        current === null ? 'This community uses the standard answer:' : "This community's own answer:",
        current ?? entry.answer,
        'Change it with /preorder-admin faq-edit topic:<id> text:"…"; reset:on restores the standard answer. Every version is kept.',
      ],
      fields: history.slice(0, HISTORY_SHOWN).map((v, i) => ({
        label: i === 0 ? 'Current version' : `Earlier version ${i}`,
        value: [
          at(v.editedAt, ctx.community.defaultTimeZone),
          ` by ${editor(v.editedBy)}: `,
          v.text === null ? '(standard answer restored)' : v.text,
        ],
      })),
    });
  }
}

/** A field label must stay short on every platform (Discord: 256 characters); the rest goes below. */
const LABEL_TEXT = 120;

function questionField(q: FaqQuestionRecord, zone: string) {
  const guess = q.guessedTopic ? `best guess ${q.guessedTopic} (${Math.round(q.confidence * 100)}%)` : 'no guess';
  const short = q.text.length > LABEL_TEXT ? `${q.text.slice(0, LABEL_TEXT - 1)}…` : q.text;
  return {
    label: `${shortId(q.id)}: "${short}"`,
    value: [
      ...(short === q.text ? [] : [`"${q.text}" `]),
      `asked by ${q.memberName ?? 'a former member'}, `,
      at(q.askedAt, zone),
      `; ${guess}`,
    ],
  };
}
