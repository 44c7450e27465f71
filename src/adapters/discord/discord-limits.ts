/**
 * Discord's documented limits (characters or items), in one place so every module clips to the
 * same numbers. A payload over any of them is refused whole.
 */

/** A message: its content, its embed and its buttons. */
export const MESSAGE_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** every title, description, field name and value of a message's embeds together */
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  /** an attachment's alt text */
  attachmentDescription: 1024,
} as const;

/** A modal and its text inputs. */
export const MODAL_LIMITS = { title: 45, inputs: 5, label: 45, placeholder: 100, value: 4000 } as const;

/** A registered slash command and the choices it offers, fixed or from autocomplete. */
export const COMMAND_LIMITS = { description: 100, choices: 25, choiceName: 100, choiceValue: 100 } as const;

/** Plain text cut to a limit, the cut marked with an ellipsis (markdown: see clipMarkdown). */
export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
