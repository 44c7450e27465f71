import { describe, expect, it } from 'vitest';
import {
  BOARD_FILTERS,
  compareUrgency,
  createBoardClassifier,
  matchesBoardFilter,
  parseBoardFilter,
  type BoardCampaign,
  type BoardFilter,
  type BoardStatus,
} from '../../../src/core/campaign-board.ts';
import { assessPlan, type StepMark } from '../../../src/core/plan-state.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import type { Marketplace, MilestoneId, Printer } from '../../../src/core/types.ts';

const NOW = new Date('2027-03-10T06:00:00Z');
const SETUP: MilestoneId[] = [
  'aa-account',
  'aa-add-item',
  'aa-images',
  'aa-sales-copy',
  'listing-live',
  'kdp-files-ready',
];
const MARKED_AT = new Date('2027-01-12T12:00:00Z');

/** These steps marked done, two days after the campaign started. */
const marked = (ids: readonly MilestoneId[], at = MARKED_AT): Partial<Record<MilestoneId, StepMark>> =>
  Object.fromEntries(ids.map((id) => [id, { status: 'done', at }]));

function campaign(overrides: Partial<BoardCampaign> = {}): BoardCampaign {
  return {
    releaseDate: '2027-05-01',
    timeZone: 'UTC',
    marketplace: 'US',
    printer: 'kdp',
    createdAt: new Date('2027-01-10T12:00:00Z'),
    state: 'active',
    marks: {},
    paused: false,
    undeliverable: false,
    ...overrides,
  };
}

const classify = (c: Partial<BoardCampaign>, now = NOW): BoardStatus => createBoardClassifier(now)(campaign(c));
/** Every step of the campaign's plan marked except `open`. */
const allBut = (c: Partial<BoardCampaign>, ...open: MilestoneId[]) =>
  marked(
    planTimeline({ ...campaign(c), now: campaign(c).createdAt, startedAt: campaign(c).createdAt })
      .map((s) => s.id)
      .filter((id) => !open.includes(id)),
  );

describe('the board and the member see the same plan', () => {
  const zones = ['UTC', 'America/New_York', 'Europe/London', 'America/Havana', 'Asia/Kolkata'];
  const releases = ['2027-03-11', '2027-03-14', '2027-03-28', '2027-05-01', '2027-11-07'];
  const markSets: MilestoneId[][] = [[], ['aa-account'], SETUP, [...SETUP, 'kdp-publish']];

  it('agrees with assessPlan on the next step, the missed windows and the release instant', () => {
    let checked = 0;
    for (const timeZone of zones) {
      for (const releaseDate of releases) {
        for (const ids of markSets) {
          for (const marketplace of ['US', 'UK'] as Marketplace[]) {
            for (const printer of ['kdp', 'ingramspark'] as Printer[]) {
              const c = campaign({ timeZone, releaseDate, marketplace, printer, marks: marked(ids) });
              const board = createBoardClassifier(NOW)(c);
              const plan = planTimeline({ ...c, now: NOW, startedAt: c.createdAt, done: doneOf(ids) });
              const member = assessPlan({
                plan,
                marketplace,
                marks: c.marks,
                now: NOW,
                timeZone,
                confirmedDays: [todayIn(timeZone)],
              });
              expect(board.next?.id ?? null).toBe(member.next?.milestone.id ?? null);
              expect(board.overdueSteps).toEqual(member.missed.map((v) => v.milestone.id));
              expect(board.flags.atRisk).toBe(member.steps.some((v) => v.atRisk));
              expect(board.releaseAt).toEqual(plan.find((m) => m.id === 'release-day')!.opensAt);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBe(400);
  });
});

const doneOf = (ids: readonly MilestoneId[]) => Object.fromEntries(ids.map((id) => [id, MARKED_AT]));
const todayIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(NOW);

describe('phases', () => {
  it('sets up until the listing is live, then collects pre-orders', () => {
    expect(classify({}).phase).toBe('setting-up');
    expect(classify({ marks: marked(['aa-account', 'aa-add-item']) }).phase).toBe('setting-up');
    expect(classify({ marks: marked(SETUP) }).phase).toBe('collecting');
  });

  it('follows the Ingram path by its own set-up step', () => {
    expect(classify({ printer: 'ingramspark' }).phase).toBe('setting-up');
    expect(classify({ printer: 'ingramspark', marks: marked(['ingram-preorder-setup']) }).phase).toBe('collecting');
  });

  it('is in the launch window from 48 hours before release day until it begins, then released', () => {
    const base = { releaseDate: '2027-03-12', marks: marked(SETUP) };
    expect(classify(base, new Date('2027-03-09T23:59:59Z')).phase).toBe('collecting');
    expect(classify(base, new Date('2027-03-10T00:00:00Z')).phase).toBe('launch');
    expect(classify(base, new Date('2027-03-11T23:59:59Z')).phase).toBe('launch');
    expect(classify(base, new Date('2027-03-12T00:00:00Z')).phase).toBe('released');
    expect(classify({ ...base, marks: {} }, new Date('2027-03-20T00:00:00Z')).phase).toBe('released');
  });

  it('uses the end state of completed and cancelled campaigns, with no next step', () => {
    for (const state of ['completed', 'cancelled'] as const) {
      const status = classify({ state, releaseDate: '2027-03-01' });
      expect(status.phase).toBe(state);
      expect(status.next).toBeNull();
      expect(status.deadline).toBeNull();
    }
  });

  it('counts 48 real hours across a DST change (New York springs forward on 14 March 2027)', () => {
    // Release day starts 2027-03-15 00:00 EDT = 04:00Z; 48 hours earlier is 23:00 EST on the 12th
    // (04:00Z on the 13th), not midnight local time.
    const base = { releaseDate: '2027-03-15', timeZone: 'America/New_York', marks: marked(SETUP) };
    const before = classify(base, new Date('2027-03-13T03:59:00Z'));
    expect(before.phase).toBe('collecting');
    expect(before.next?.id).toBe('kdp-publish');
    expect(before.next?.state).toBe('upcoming');
    expect(before.next?.opensAt.toISOString()).toBe('2027-03-13T04:00:00.000Z');
    expect(before.releaseAt.toISOString()).toBe('2027-03-15T04:00:00.000Z');
    const after = classify(base, new Date('2027-03-13T04:00:00Z'));
    expect(after.phase).toBe('launch');
    expect(after.next?.state).toBe('open');
    expect(after.next?.closesAt?.toISOString()).toBe('2027-03-13T16:00:00.000Z');
  });
});

describe('next milestone', () => {
  it('is the first set-up step, as soon as possible, on a new campaign', () => {
    const next = classify({}).next;
    expect(next).toMatchObject({ id: 'aa-account', kind: 'asap', state: 'open' });
  });

  it('looks past the daily PO confirmation to the next dated step', () => {
    expect(classify({ marks: marked(SETUP) }).next).toMatchObject({ id: 'kdp-publish', state: 'upcoming' });
  });

  it('expects the listing two days after the item was submitted', () => {
    const added = marked(['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy'], new Date('2027-03-09T10:00:00Z'));
    const next = classify({ marks: added });
    expect(next.next).toMatchObject({ id: 'listing-live', kind: 'open-ended', state: 'open' });
    expect(next.next?.expectedBy?.toISOString()).toBe('2027-03-11T10:00:00.000Z');
  });

  it('falls back to a closed window when nothing is left ahead', () => {
    const c = {
      printer: 'ingramspark' as const,
      releaseDate: '2027-03-01',
      marks: marked(['ingram-preorder-setup']),
    };
    expect(classify(c).next).toMatchObject({ id: 'release-day', state: 'overdue' });
  });
});

describe('flags', () => {
  it('marks overdue when a windowed step closed unmarked, and names the step', () => {
    const c = { releaseDate: '2027-03-11', marks: marked(SETUP) };
    const status = classify(c);
    expect(status.flags.overdue).toBe(true);
    expect(status.overdueSteps).toEqual(['kdp-publish']);
    expect(classify({ ...c, marks: marked([...SETUP, 'kdp-publish']) }).flags.overdue).toBe(false);
  });

  it('does not call the daily PO confirmation overdue', () => {
    // Release day started 6 hours ago: confirm-pos closed at 23:00, release-day is still open.
    const c = { releaseDate: '2027-03-10' };
    const status = classify({ ...c, marks: allBut(c, 'confirm-pos', 'release-day', 'orders-transfer') });
    expect(status.flags.overdue).toBe(false);
    expect(status.next?.id).toBe('release-day');
  });

  it('marks at risk when a step the publish window needs is open within a week of it', () => {
    // Release 2027-03-14 (UTC): KDP publish opens 12 March 00:00, two days from now.
    const open = { releaseDate: '2027-03-14', marks: marked(['aa-account', 'aa-add-item']) };
    expect(classify(open)).toMatchObject({ atRiskStep: 'kdp-publish', flags: { atRisk: true, overdue: false } });
    // Publish opens 8 days from now: not yet.
    expect(classify({ ...open, releaseDate: '2027-03-20' }).flags.atRisk).toBe(false);
    // 6 days from now: at risk.
    expect(classify({ ...open, releaseDate: '2027-03-18' }).flags.atRisk).toBe(true);
    // Listing live and files ready: nothing the window needs is open; the daily PO check blocks nothing.
    expect(classify({ ...open, marks: marked(SETUP) }).flags.atRisk).toBe(false);
  });

  it('never calls the two last-evening steps at risk of each other: the ticket just waits for the PO step', () => {
    const c = { releaseDate: '2027-03-11' };
    const m = allBut(c, 'confirm-pos', 'zero-out-pos', 'support-ticket');
    const status = classify({ ...c, marks: m }, new Date('2027-03-10T21:30:00Z'));
    expect(status.flags).toMatchObject({ atRisk: false, overdue: false });
    expect(status.next).toMatchObject({ id: 'zero-out-pos', state: 'open' });
  });

  it('passes undeliverable and paused through, and clears warnings on ended campaigns', () => {
    expect(classify({ undeliverable: true, paused: true }).flags).toEqual({
      overdue: false,
      atRisk: false,
      undeliverable: true,
      paused: true,
    });
    const ended = classify({ state: 'completed', releaseDate: '2027-03-11', paused: true, undeliverable: true });
    expect(ended.flags).toEqual({ overdue: false, atRisk: false, undeliverable: true, paused: false });
    expect(ended.overdueSteps).toEqual([]);
  });
});

describe('releasing this week', () => {
  // 20:00Z on the 10th is already 07:00 on the 11th in Sydney.
  const now = new Date('2027-03-10T20:00:00Z');
  const on = (releaseDate: string, timeZone: string) => classify({ releaseDate, timeZone }, now).releasingThisWeek;

  it("counts today and the next six days in the campaign's own zone", () => {
    expect(on('2027-03-10', 'UTC')).toBe(true);
    expect(on('2027-03-16', 'UTC')).toBe(true);
    expect(on('2027-03-17', 'UTC')).toBe(false);
    expect(on('2027-03-10', 'Australia/Sydney')).toBe(false);
    expect(on('2027-03-17', 'Australia/Sydney')).toBe(true);
    expect(on('2027-03-18', 'Australia/Sydney')).toBe(false);
  });

  it('leaves ended campaigns out', () => {
    expect(classify({ releaseDate: '2027-03-12', state: 'cancelled' }, now).releasingThisWeek).toBe(false);
  });
});

describe('filters', () => {
  const cases: Record<string, { c: Partial<BoardCampaign>; in: BoardFilter[] }> = {
    'on track': { c: { marks: marked(SETUP) }, in: ['active'] },
    overdue: {
      c: { releaseDate: '2027-03-11', marks: marked(SETUP) },
      in: ['active', 'releasing-this-week', 'overdue'],
    },
    'at risk': {
      c: { releaseDate: '2027-03-15', marks: marked(['aa-account']) },
      in: ['active', 'releasing-this-week', 'at-risk'],
    },
    undeliverable: { c: { undeliverable: true, marks: marked(SETUP) }, in: ['active', 'undeliverable'] },
    completed: { c: { state: 'completed', releaseDate: '2027-03-11', undeliverable: true }, in: ['completed'] },
    cancelled: { c: { state: 'cancelled', releaseDate: '2027-03-12' }, in: ['cancelled'] },
  };

  for (const [name, { c, in: expected }] of Object.entries(cases)) {
    it(`puts a campaign that is ${name} in exactly ${expected.join(', ')}`, () => {
      const status = classify(c);
      const state = campaign(c).state;
      expect(BOARD_FILTERS.filter((f) => matchesBoardFilter(f, state, status))).toEqual(expected);
    });
  }

  it('parses filter names, forgiving case and spaces, and lists the valid ones otherwise', () => {
    expect(parseBoardFilter('Releasing this week')).toEqual({ ok: true, value: 'releasing-this-week' });
    expect(parseBoardFilter(' AT_RISK ')).toEqual({ ok: true, value: 'at-risk' });
    const bad = parseBoardFilter('late');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({ field: 'filter', code: 'invalid', choices: [...BOARD_FILTERS] });
      expect(bad.error.message).toContain('active, releasing-this-week, overdue, at-risk');
    }
  });
});

describe('urgency order', () => {
  it('puts overdue, then at risk, then the soonest deadline first, and ended campaigns last, newest first', () => {
    const named: [string, Partial<BoardCampaign>][] = [
      ['completed-old', { state: 'completed', releaseDate: '2027-01-05' }],
      ['no-deadline', { releaseDate: '2027-01-20', marks: allBut({ releaseDate: '2027-01-20' }, 'close-aa-account') }],
      ['later', { releaseDate: '2027-06-01', marks: marked(SETUP) }],
      ['sooner', { releaseDate: '2027-04-01', marks: marked(SETUP) }],
      ['at-risk', { releaseDate: '2027-03-15', marks: marked(['aa-account']) }],
      ['completed-new', { state: 'completed', releaseDate: '2027-02-20' }],
      ['launch-tonight', { releaseDate: '2027-03-11', marks: marked([...SETUP, 'kdp-publish']) }],
      ['overdue', { releaseDate: '2027-03-11', marks: marked(SETUP) }],
    ];
    const ranked = named
      .map(([name, c]) => ({ name, status: classify(c), tiebreak: name }))
      .sort(compareUrgency)
      .map((r) => r.name);
    expect(ranked).toEqual([
      'overdue',
      'at-risk',
      'launch-tonight',
      'sooner',
      'later',
      'no-deadline',
      'completed-new',
      'completed-old',
    ]);
  });

  it('breaks ties with the tiebreak, so pages stay stable', () => {
    const status = classify({ marks: marked(SETUP) });
    const ranked = ['b', 'c', 'a'].map((tiebreak) => ({ status, tiebreak })).sort(compareUrgency);
    expect(ranked.map((r) => r.tiebreak)).toEqual(['a', 'b', 'c']);
  });
});
