import { describe, expect, it } from 'vitest';
import { eventSpan } from '../../../../src/app/exports/calendar.ts';
import { neutraliseCell } from '../../../../src/app/exports/csv.ts';
import { slugify } from '../../../../src/app/exports/file-names.ts';
import { orderTotals } from '../../../../src/app/exports/order-totals.ts';
import type { PlannedMilestone } from '../../../../src/core/timeline.ts';

const step = (over: Partial<PlannedMilestone>): PlannedMilestone => ({
  id: 'confirm-pos',
  title: 'Confirm new purchase orders',
  kind: 'daily',
  opensAt: new Date('2027-03-14T10:00:00Z'),
  closesAt: new Date('2027-03-14T09:00:00Z'),
  expectedBy: null,
  escalateAt: null,
  critical: false,
  after: [],
  ...over,
});

describe('export pieces', () => {
  it('prefixes every formula start with an apostrophe and leaves other text alone', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1'])
      expect(neutraliseCell(text)).toBe(`'${text}`);
    for (const text of ['Plain', "'quoted", ' =1', '1=1', '']) expect(neutraliseCell(text)).toBe(text);
  });

  it('makes file names from titles, folding accents and falling back when nothing is left', () => {
    expect(slugify('Salt, Sea & Été!', 'x')).toBe('salt-sea-ete');
    expect(slugify('海の本', 'preorder-plan')).toBe('preorder-plan');
    expect(slugify('a'.repeat(80), 'x')).toHaveLength(60);
    expect(slugify(`${'a'.repeat(59)} b`, 'x')).toBe('a'.repeat(59));
  });

  it('takes the newest reading as the running total, whatever order the logs come in', () => {
    expect(orderTotals([])).toEqual({ orders: null, pos: null });
    expect(
      orderTotals([
        { day: '2027-01-12', orders: 9, pos: 2 },
        { day: '2027-01-11', orders: 3, pos: 5 },
      ]),
    ).toEqual({ orders: 9, pos: 2 });
  });

  it('gives a daily step that opened after its last day a half-hour slot instead of a negative span', () => {
    const { start, end } = eventSpan(step({}));
    expect(start.toISOString()).toBe('2027-03-14T10:00:00.000Z');
    expect(end.toISOString()).toBe('2027-03-14T10:30:00.000Z');
  });
});
