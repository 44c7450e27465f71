import { describe, expect, it } from 'vitest';
import { createBoardClassifier, type BoardCampaign, type BoardStatus } from '../../../src/core/campaign-board.ts';
import { addDays } from '../../../src/core/local-day.ts';
import type { StepMark } from '../../../src/core/plan-state.ts';
import { planTimeline } from '../../../src/core/timeline.ts';
import { MARKETPLACES, PRINTERS, type MilestoneId } from '../../../src/core/types.ts';
import { prng } from '../../support/prng.ts';

/**
 * The kept board trusts a status until its `changesAt`: between the instant it was classified and
 * that boundary, a classification at any instant must say exactly the same. Random campaigns in
 * zones with odd offsets and daylight saving, at random instants, checked just after, just before
 * the boundary and in between.
 */
const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/St_Johns'];
const DAY = 86_400_000;

const withoutBoundary = ({ changesAt: _c, ...rest }: BoardStatus) => rest;

function randomCampaign(random: () => number, now: number): BoardCampaign {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const timeZone = pick(ZONES);
  const marketplace = pick(MARKETPLACES);
  const printer = pick(PRINTERS);
  const releaseDate = addDays('2027-01-01', Math.floor(random() * 120));
  const createdAt = new Date(now - Math.floor(random() * 60) * DAY - Math.floor(random() * DAY));
  const plan = planTimeline({ releaseDate, timeZone, marketplace, printer, now: createdAt, startedAt: createdAt });
  const marks: Partial<Record<MilestoneId, StepMark>> = {};
  for (const step of plan) {
    const roll = random();
    if (roll < 0.35) marks[step.id] = { status: 'done', at: new Date(createdAt.getTime() + random() * 20 * DAY) };
    else if (roll < 0.4) marks[step.id] = { status: 'skipped', at: createdAt };
  }
  return {
    releaseDate,
    timeZone,
    marketplace,
    printer,
    createdAt,
    state: 'active',
    marks,
    paused: false,
    undeliverable: false,
  };
}

describe('nextBoardBoundary', () => {
  it('names an instant before which the board status of a campaign cannot change', () => {
    const random = prng(17);
    let checked = 0;
    for (let i = 0; i < 400; i += 1) {
      const t = Date.parse('2026-12-01T00:00:00Z') + Math.floor(random() * 150 * DAY);
      const campaign = randomCampaign(random, t);
      const status = createBoardClassifier(new Date(t))(campaign);
      const boundary = status.changesAt?.getTime() ?? t + 400 * DAY;
      expect(boundary).toBeGreaterThan(t);
      for (const u of [t + 1, boundary - 1, t + Math.floor(random() * (boundary - t))]) {
        if (u <= t || u >= boundary) continue;
        const later = createBoardClassifier(new Date(u))(campaign);
        expect(withoutBoundary(later), `campaign ${i} at ${new Date(u).toISOString()}`).toEqual(
          withoutBoundary(status),
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
