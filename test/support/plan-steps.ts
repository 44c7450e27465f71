import { MILESTONES } from '../../src/core/milestones.ts';
import type { Marketplace, MilestoneId } from '../../src/core/types.ts';

/**
 * The steps of a KDP campaign in plan order, from the catalogue itself: tests that check a plan,
 * a calendar or a CLI listing follow the catalogue, whose own order test/unit/core/milestones checks.
 */
export function kdpPlanSteps(marketplace: Marketplace = 'US'): MilestoneId[] {
  return MILESTONES.filter((m) => m.path !== 'ingram' && m.marketplaces.includes(marketplace)).map((m) => m.id);
}
