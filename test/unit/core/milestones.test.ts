import { describe, expect, it } from 'vitest';
import {
  MILESTONES,
  getMilestone,
  isMilestoneId,
  milestoneOrder,
  parseMilestoneId,
  stepSummary,
} from '../../../src/core/milestones.ts';
import { MILESTONE_IDS } from '../../../src/core/types.ts';
import { value, error } from '../../support/results.ts';
import { FAQ_TOPIC_IDS } from '../../../src/core/faq/topics.ts';

const FAQ_TOPICS = new Set<string>(FAQ_TOPIC_IDS);

describe('MILESTONES catalogue', () => {
  it('holds every milestone id exactly once', () => {
    const ids = MILESTONES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...MILESTONE_IDS].sort());
  });

  it('is in plan order for the AA path', () => {
    const aa = MILESTONES.filter((m) => m.path !== 'ingram').map((m) => m.id);
    expect(aa).toEqual([
      'aa-account',
      'aa-add-item',
      'aa-images',
      'aa-sales-copy',
      'listing-live',
      'confirm-pos',
      'kdp-files-ready',
      'kdp-publish',
      'zero-out-pos',
      'check-unconfirmed-pos',
      'support-ticket',
      'release-day',
      'orders-transfer',
      'close-aa-account',
    ]);
  });

  it('puts the Ingram setup before release day', () => {
    expect(milestoneOrder('ingram-preorder-setup')).toBeLessThan(milestoneOrder('release-day'));
  });

  it('marks exactly the four midnight steps as critical', () => {
    expect(MILESTONES.filter((m) => m.critical).map((m) => m.id)).toEqual([
      'kdp-publish',
      'zero-out-pos',
      'check-unconfirmed-pos',
      'support-ticket',
    ]);
  });

  it.each([
    ['aa-account', 'aa-enrollment'],
    ['aa-add-item', 'add-item'],
    ['aa-images', 'cover-images'],
    ['aa-sales-copy', 'requirements'],
    ['listing-live', 'listing-live'],
    ['confirm-pos', 'confirm-pos'],
    ['kdp-files-ready', 'kdp-publish-timing'],
    ['kdp-publish', 'kdp-publish-timing'],
    ['zero-out-pos', 'zero-out'],
    ['check-unconfirmed-pos', 'uk-differences'],
    ['support-ticket', 'support-ticket'],
    ['release-day', 'release-day-status'],
    ['orders-transfer', 'order-transfer'],
    ['close-aa-account', 'close-aa-account'],
    ['ingram-preorder-setup', 'aa-vs-ingram'],
  ] as const)('%s links to FAQ topic %s', (id, topic) => {
    expect(getMilestone(id).faqTopic).toBe(topic);
    expect(FAQ_TOPICS.has(topic)).toBe(true);
  });

  it('limits zero-out-pos to the US and check-unconfirmed-pos to the UK', () => {
    expect(getMilestone('zero-out-pos').marketplaces).toEqual(['US']);
    expect(getMilestone('check-unconfirmed-pos').marketplaces).toEqual(['UK']);
    for (const m of MILESTONES) {
      if (m.id !== 'zero-out-pos' && m.id !== 'check-unconfirmed-pos') {
        expect(m.marketplaces).toEqual(['US', 'UK']);
      }
    }
  });

  it('assigns paths: Ingram setup only on Ingram, release day on both, the rest on AA', () => {
    expect(getMilestone('ingram-preorder-setup').path).toBe('ingram');
    expect(getMilestone('release-day').path).toBe('both');
    expect(MILESTONES.filter((m) => m.path === 'aa')).toHaveLength(13);
  });

  it('has a short title and a 1–3 sentence summary for each step', () => {
    for (const m of MILESTONES) {
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.title.length).toBeLessThanOrEqual(60);
      for (const summary of [m.summary, m.summaryUK ?? m.summary]) {
        const sentences = summary.split(/(?<=[.!?])\s+(?=[A-Z"])/).filter(Boolean);
        expect(sentences.length, m.id).toBeGreaterThanOrEqual(1);
        expect(sentences.length, m.id).toBeLessThanOrEqual(3);
      }
    }
  });

  it('keeps key facts in the summaries, each in the words of its site', () => {
    expect(stepSummary('confirm-pos', 'US')).toMatch(/Backordered/);
    expect(stepSummary('confirm-pos', 'UK')).toMatch(/Cancelled: Not yet available/);
    expect(getMilestone('kdp-publish').summary).toMatch(/36 to 48 hours/);
    expect(getMilestone('support-ticket').summary).toMatch(/Manage My Catalog/);
    expect(getMilestone('close-aa-account').summary).toMatch(/cannot be undone/);
    expect(getMilestone('kdp-files-ready').summary).toMatch(/do not press Publish/);
  });

  it('states only what the article says: no instant approval, no UK fee, never cancel on either site', () => {
    for (const marketplace of ['US', 'UK'] as const) {
      for (const m of MILESTONES) {
        const text = stepSummary(m.id, marketplace);
        expect(text, m.id).not.toMatch(/immediate|instant/i);
        expect(text, m.id).not.toMatch(/Currently unavailable/i);
        if (marketplace === 'UK') expect(text, m.id).not.toMatch(/[$£]\s?\d/);
      }
      expect(stepSummary('confirm-pos', marketplace)).toMatch(/never cancel them/);
      expect(stepSummary('aa-account', marketplace)).toMatch(/reviews the application/);
    }
    expect(stepSummary('aa-account', 'US')).toMatch(/\$99/);
    expect(getMilestone('release-day').summary).toMatch(/Unavailable at this time/);
  });
});

describe('isMilestoneId', () => {
  it('recognises ids exactly', () => {
    expect(isMilestoneId('kdp-publish')).toBe(true);
    expect(isMilestoneId('KDP-publish')).toBe(false);
    expect(isMilestoneId('publish')).toBe(false);
  });
});

describe('getMilestone', () => {
  it('returns the definition', () => {
    expect(getMilestone('support-ticket').id).toBe('support-ticket');
  });
});

describe('parseMilestoneId', () => {
  it.each([
    ['kdp-publish', 'kdp-publish'],
    ['KDP-Publish', 'kdp-publish'],
    ['  zero-out-pos ', 'zero-out-pos'],
    ['zero out pos', 'zero-out-pos'],
    ['Zero_Out_POs', 'zero-out-pos'],
  ] as const)('%s → %s', (input, id) => {
    expect(value(parseMilestoneId(input))).toBe(id);
  });

  it('suggests the closest id for a typo', () => {
    const e = error(parseMilestoneId('kdp-publsh'));
    expect(e).toMatchObject({ code: 'invalid', field: 'milestone' });
    expect(e.choices?.[0]).toBe('kdp-publish');
    expect(e.message).toContain('Did you mean kdp-publish');
  });

  it('lists every valid id when nothing is close', () => {
    const e = error(parseMilestoneId('banana split', 'step'));
    expect(e.field).toBe('step');
    for (const id of MILESTONE_IDS) expect(e.message).toContain(id);
    expect(e.choices).toHaveLength(MILESTONE_IDS.length);
  });

  it('reports empty input as required', () => {
    expect(error(parseMilestoneId(' ')).code).toBe('required');
  });
});
