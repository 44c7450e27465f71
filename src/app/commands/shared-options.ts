/** Options several features' commands share, so each reads the same everywhere. */
export const campaignOption = {
  name: 'campaign',
  kind: 'campaign',
  description: 'Title or ISBN of your campaign (optional when you have one)',
} as const;
export const milestoneOption = {
  name: 'milestone',
  kind: 'milestone',
  description: 'The step id, e.g. kdp-publish',
  required: true,
  positional: true,
} as const;
