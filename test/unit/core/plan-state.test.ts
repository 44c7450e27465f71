import { describe, expect, it } from 'vitest';
import { assessPlan, effectiveMarks, type StepMark } from '../../../src/core/plan-state.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import type { Marketplace, MilestoneId } from '../../../src/core/types.ts';

const NY = 'America/New_York';
// A US campaign started 10:00 EST on Monday 1 March 2027 for Thursday 20 May 2027 (R0 = 04:00 UTC).
const STARTED = new Date('2027-03-01T15:00:00Z');
const R0 = new Date('2027-05-20T04:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Marks = Partial<Record<MilestoneId, StepMark>>;
const done = (at: Date): StepMark => ({ status: 'done', at });

function assess(now: Date, marks: Marks = {}, confirmedDays: string[] = [], marketplace: Marketplace = 'US') {
  const plan = planTimeline({
    releaseDate: '2027-05-20',
    timeZone: NY,
    marketplace,
    printer: 'kdp',
    now: STARTED,
    startedAt: STARTED,
    done: Object.fromEntries(
      Object.entries(marks)
        .filter(([, m]) => m.status === 'done')
        .map(([id, m]) => [id, m.at]),
    ),
  });
  return assessPlan({ plan, marketplace, marks, now, timeZone: NY, confirmedDays });
}
const stateOf = (s: ReturnType<typeof assess>, id: MilestoneId) => s.steps.find((v) => v.milestone.id === id)!.state;

/** Everything before the publish window marked, at sensible times. */
function setUp(at = new Date('2027-03-02T15:00:00Z')): Marks {
  return {
    'aa-account': done(at),
    'aa-add-item': done(at),
    'aa-images': done(at),
    'aa-sales-copy': done(at),
    'listing-live': done(new Date(at.getTime() + DAY)),
    'kdp-files-ready': done(at),
  };
}

describe('assessPlan: prerequisites', () => {
  it('keeps a step waiting until what it needs is settled, and never offers it as next', () => {
    const s = assess(new Date('2027-03-02T15:00:00Z'));
    expect(stateOf(s, 'aa-account')).toBe('open');
    for (const id of ['aa-add-item', 'aa-images', 'listing-live', 'confirm-pos', 'kdp-publish'] as const) {
      expect(stateOf(s, id), id).toBe('waiting');
    }
    expect(s.steps.find((v) => v.milestone.id === 'kdp-publish')!.blockedBy).toEqual([
      'listing-live',
      'kdp-files-ready',
    ]);
    expect(s.next?.milestone.id).toBe('aa-account');
  });

  it('never makes "press Publish" next while the listing is not live, even inside its window', () => {
    const marks: Marks = { ...setUp() };
    delete marks['listing-live'];
    const s = assess(new Date(R0.getTime() - 40 * HOUR), marks);
    expect(stateOf(s, 'kdp-publish')).toBe('waiting');
    expect(s.next?.milestone.id).toBe('listing-live');
  });

  it('treats steps a done step proves as done (a live listing means the item and the account exist)', () => {
    const live = new Date('2027-03-05T12:00:00Z');
    const s = assess(new Date('2027-03-06T12:00:00Z'), { 'listing-live': done(live) });
    for (const id of ['aa-account', 'aa-add-item'] as const) {
      expect(stateOf(s, id)).toBe('done');
      expect(s.steps.find((v) => v.milestone.id === id)!.implied).toBe(true);
    }
    expect(stateOf(s, 'confirm-pos')).toBe('open');
    // Pressing Publish proves the files were uploaded, not that the listing is live.
    const proven = effectiveMarks({ 'kdp-publish': done(live) }, 'US');
    expect([...proven.marks.keys()].sort()).toEqual(['kdp-files-ready', 'kdp-publish']);
    expect([...proven.implied]).toEqual(['kdp-files-ready']);
  });

  it('makes a step available only once its prerequisites were done', () => {
    const late = new Date(R0.getTime() - 40 * HOUR); // inside the publish window
    const marks: Marks = { ...setUp(), 'listing-live': done(late) };
    const s = assess(new Date(late.getTime() + HOUR), marks);
    const view = s.steps.find((v) => v.milestone.id === 'kdp-publish')!;
    expect(view.availableAt).toEqual(late);
    expect(view.state).toBe('open');
  });
});

describe('assessPlan: next step on release eve', () => {
  const marks: Marks = { ...setUp(), 'kdp-publish': done(new Date(R0.getTime() - 47 * HOUR)) };

  it('before the PO window: zero-out (opening tonight), not the daily PO check', () => {
    const s = assess(new Date(R0.getTime() - 12 * HOUR), marks); // 12:00 EDT on 19 May
    expect(s.next?.milestone.id).toBe('zero-out-pos');
  });

  it('in the window: zero-out, then, once it is done, the support ticket', () => {
    const at = new Date(R0.getTime() - 150 * 60_000);
    expect(assess(at, marks).next?.milestone.id).toBe('zero-out-pos');
    const after = assess(at, { ...marks, 'zero-out-pos': done(at) });
    expect(after.next?.milestone.id).toBe('support-ticket');
    expect(stateOf(after, 'support-ticket')).toBe('open');
  });

  it('a correct run shows nothing missed and nothing overdue on release day', () => {
    const all: Marks = {
      ...marks,
      'zero-out-pos': done(new Date(R0.getTime() - 2.5 * HOUR)),
      'support-ticket': done(new Date(R0.getTime() - 2 * HOUR)),
    };
    const s = assess(new Date(R0.getTime() + 10 * HOUR), all, ['2027-05-19']);
    expect(s.missed).toEqual([]);
    expect(s.steps.filter((v) => v.state === 'overdue')).toEqual([]);
    expect(stateOf(s, 'confirm-pos')).toBe('closed');
    expect(s.next?.milestone.id).toBe('release-day');
  });
});

describe('assessPlan: the daily PO check', () => {
  const marks = setUp();

  it('is open every day, never overdue, and ranks below a due step only while unconfirmed', () => {
    const at = new Date('2027-04-10T14:00:00Z');
    const s = assess(at, marks, []);
    expect(stateOf(s, 'confirm-pos')).toBe('open');
    expect(s.next?.milestone.id).toBe('confirm-pos');
    const confirmed = assess(at, marks, ['2027-04-10']);
    expect(confirmed.daily?.confirmedToday).toBe(true);
    expect(confirmed.next?.milestone.id).not.toBe('confirm-pos');
  });

  it('counts confirmed days over the last fortnight (today only once confirmed)', () => {
    const at = new Date('2027-04-10T14:00:00Z');
    const days = ['2027-04-09', '2027-04-08', '2027-04-06', '2027-04-01', '2027-03-20'];
    expect(assess(at, marks, days).daily).toEqual({ confirmedToday: false, confirmed: 4, days: 13 });
    expect(assess(at, marks, ['2027-04-10', ...days]).daily).toEqual({ confirmedToday: true, confirmed: 5, days: 14 });
  });

  it('counts from the day after the listing went live, or that day if it was used', () => {
    const at = new Date('2027-03-06T14:00:00Z'); // the listing went live on 3 March
    expect(assess(at, marks, []).daily).toEqual({ confirmedToday: false, confirmed: 0, days: 2 });
    expect(assess(at, marks, ['2027-03-03']).daily).toEqual({ confirmedToday: false, confirmed: 1, days: 3 });
  });
});

describe('assessPlan: at risk and missed', () => {
  it('flags the listing chain at risk from a week before the publish window, not before', () => {
    const opens = new Date(R0.getTime() - 48 * HOUR);
    const early = assess(new Date(opens.getTime() - 8 * DAY));
    expect(early.atRisk).toEqual([]);
    const late = assess(new Date(opens.getTime() - 6 * DAY));
    expect(late.atRisk.map((v) => v.milestone.id)).toEqual(['aa-account', 'kdp-files-ready']);
    expect(late.atRisk[0]!.deadlineStep).toBe('kdp-publish');
    expect(late.atRisk[0]!.deadline).toEqual(opens);
    // Waiting steps are at risk too, but the member hears about the first open one.
    expect(late.steps.find((v) => v.milestone.id === 'listing-live')!.atRisk).toBe(true);
  });

  it('reports a window that closed unmarked as missed, and the daily step never', () => {
    const s = assess(new Date(R0.getTime() + 2 * HOUR), setUp());
    expect(s.missed.map((v) => v.milestone.id)).toEqual(['kdp-publish', 'zero-out-pos', 'support-ticket']);
    expect(stateOf(s, 'confirm-pos')).toBe('closed');
  });
});
