/** Vocabulary shared by the whole domain. Values are interfaces (CLI, database enums): extend, never rename. */
export const MARKETPLACES = ['US', 'UK'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export const PRINTERS = ['kdp', 'createspace', 'ingramspark', 'lightningsource'] as const;
export type Printer = (typeof PRINTERS)[number];

/** Createspace merged into KDP, so both follow the Amazon Advantage path. */
export type ProcessPath = 'aa' | 'ingram';
export const pathForPrinter = (printer: Printer): ProcessPath =>
  printer === 'kdp' || printer === 'createspace' ? 'aa' : 'ingram';

export const MILESTONE_IDS = [
  'aa-account',
  'aa-add-item',
  'aa-images',
  'aa-sales-copy',
  'listing-live',
  'confirm-pos',
  'kdp-publish',
  'zero-out-pos',
  'check-unconfirmed-pos',
  'support-ticket',
  'release-day',
  'orders-transfer',
  'close-aa-account',
  'ingram-preorder-setup',
  // Appended, not inserted: a mark's position here is its bit in the board's mark masks.
  'kdp-files-ready',
] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export type MilestoneStatus = 'done' | 'skipped';

/** A calendar date written YYYY-MM-DD; it means R (release day) in the campaign's zone. */
export type IsoDate = string;
