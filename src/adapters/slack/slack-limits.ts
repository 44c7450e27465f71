/**
 * Slack's documented limits (characters or items), from the Block Kit and Web API references, in
 * one place so every module cuts to the same numbers. A payload over any of them is refused whole.
 */

/** Block Kit, for messages and App Home. */
export const BLOCK_LIMITS = {
  header: 150,
  section: 3000,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonsPerBlock: 25,
  /** in a message (App Home allows 100) */
  blocks: 50,
  /** a message's plain `text` fallback */
  text: 3000,
} as const;

/** A modal view and its inputs. */
export const VIEW_LIMITS = {
  title: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  value: 3000,
  metadata: 3000,
  inputs: 20,
} as const;

/** A file shared through files.completeUploadExternal. */
export const FILE_LIMITS = { altText: 1000 } as const;

/**
 * Our own cap on a message shown under a form's input (`response_action: errors`): Slack states
 * no limit, and a longer one crowds the form.
 */
export const FIELD_ERROR_MAX_LENGTH = 300;
