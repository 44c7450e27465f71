import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ActionForm } from '../../app/reply.ts';
import type { FormValue } from '../form-command.ts';
import { encodeCustomId } from './custom-id.ts';

/** Discord's modal limits. */
const LIMITS = { title: 45, inputs: 5, label: 45, placeholder: 100, value: 4000, length: 300 } as const;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The modal a form button opens: one short text input per field (custom id = the field's name),
 * and the action's command as the modal's custom id, so the submission needs no stored state.
 * Null when the command cannot be carried (too long even written compactly).
 */
export function modalFor(form: ActionForm, command: string): APIModalInteractionResponseCallbackData | null {
  const customId = encodeCustomId(command);
  if (!customId) return null;
  return {
    custom_id: customId,
    title: clip(form.title, LIMITS.title),
    components: form.fields.slice(0, LIMITS.inputs).map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field.name,
          style: TextInputStyle.Short,
          label: clip(field.label, LIMITS.label),
          required: field.required,
          max_length: LIMITS.length,
          ...(field.placeholder ? { placeholder: clip(field.placeholder, LIMITS.placeholder) } : {}),
          ...(field.value ? { value: field.value.slice(0, LIMITS.length) } : {}),
        },
      ],
    })),
  };
}

/** The text inputs a member submitted, in the modal's order. */
export function submittedValues(interaction: ModalSubmitInteraction): FormValue[] {
  const values: FormValue[] = [];
  for (const [name, field] of interaction.fields.fields) {
    const value = (field as { value?: unknown }).value;
    if (field.type === ComponentType.TextInput && typeof value === 'string') values.push({ name, value });
  }
  return values;
}
